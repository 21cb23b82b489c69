"""Writing the demo rows in batches: on PostgreSQL through COPY (model rows
with ids taken from their sequence, plain link rows), elsewhere through
bulk_create; each record gets its "created" history row."""

from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from itertools import islice
from types import SimpleNamespace

from django.db import connection, connections
from django.utils import timezone

from registry.demo.copy import copy_objects, copy_records, copy_rows, reserve_ids

BATCH = 5000


def batched(items: Iterable, size: int = BATCH) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def bulk_create(model, objects: list, *, actor=None, history: bool = True) -> list:
    """Writes new records as bulk_create does (no save(), no signals), with
    their ids set; on PostgreSQL by COPY, which costs the database and Python
    a fraction of bulk_create's INSERT of 5,000 rows × every field."""
    for obj in objects:
        if hasattr(obj, "build_search_text"):
            obj.search_text = obj.build_search_text()
    if connection.vendor == "postgresql":
        copy_objects(model, objects)
    else:
        given = _given_stamps(model, objects)
        objects = model.objects.bulk_create(objects, batch_size=BATCH)
        _restore_stamps(model, objects, given)
    if history and hasattr(model, "history"):
        copy_history(model, [obj.pk for obj in objects], actor=actor)
    return objects


def _stamp_fields(model) -> list:
    return [
        f
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]


def _given_stamps(model, objects: list) -> list[tuple] | None:
    """The stamps the demo gave (``created_at`` in the past), which
    bulk_create would overwrite with the moment of the write."""
    fields = _stamp_fields(model)
    given = [tuple(getattr(obj, f.attname) for f in fields) for obj in objects]
    if not any(value is not None for values in given for value in values):
        return None
    return given


def _restore_stamps(model, objects: list, given: list[tuple] | None) -> None:
    """Writes the given stamps back over bulk_create's, in one statement."""
    if given is None:
        return
    fields = _stamp_fields(model)
    quote = connection.ops.quote_name
    adapt = connection.ops.adapt_datetimefield_value
    rows = []
    for obj, values in zip(objects, given, strict=True):
        for field, value in zip(fields, values, strict=True):
            if value is not None:
                setattr(obj, field.attname, value)
        rows.append([*(adapt(getattr(obj, f.attname)) for f in fields), obj.pk])
    sets = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    sql = (
        f"UPDATE {quote(model._meta.db_table)} SET {sets} "
        f"WHERE {quote(model._meta.pk.column)} = %s"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def create_records(model, records: list[dict], *, actor=None) -> list[int]:
    """New records given as {attname: value} (on PostgreSQL no model instance
    is built), each with its "created" history row. Returns their ids."""
    if not records:
        return []
    if connection.vendor != "postgresql":
        objects = bulk_create(model, [model(**r) for r in records], actor=actor)
        return [obj.pk for obj in objects]
    add_search_text(model, records)
    pks = reserve_ids(model, len(records))
    copy_records(model, records, pks)
    if hasattr(model, "history"):
        copy_history(model, pks, actor=actor)
    return pks


def add_search_text(model, records: list[dict]) -> None:
    """The model's own ``build_search_text``, reading a record's values as
    its fields (a field left out has its default)."""
    if not hasattr(model, "build_search_text"):
        return
    meta = model._meta
    read = {f.attname for f in meta.concrete_fields} & {*model.search_fields, "phone"}
    defaults = {name: meta.get_field(name).get_default() for name in read}
    for record in records:
        values = {name: record.get(name, default) for name, default in defaults.items()}
        record["search_text"] = model.build_search_text(
            SimpleNamespace(search_fields=model.search_fields, **values)
        )


HISTORY_FIELDS = (
    "history_date",
    "history_type",
    "history_user",
    "history_change_reason",
)


def copy_history(
    model, pks: list, *, actor, using: str = "default", cursor=None
) -> None:
    """One "created" history row per record, as simple-history's
    bulk_history_create writes it, but copied by the database from the rows
    just written: building 100,000 historical rows in Python cost a third of
    the demo data's time. The row is dated when the record was created (its
    ``created_at``, which the demo sets in the past), so that a person's
    history says they were entered when they signed up. ``cursor``: the
    background writer's own."""
    connection = connections[using]
    quote = connection.ops.quote_name
    history = model.history.model._meta
    copied = ", ".join(
        quote(f.column)
        for f in history.concrete_fields
        if not f.primary_key and f.name not in HISTORY_FIELDS
    )
    stamps = ", ".join(quote(history.get_field(f).column) for f in HISTORY_FIELDS)
    created = _created_column(model, quote)
    insert = (
        f"INSERT INTO {quote(history.db_table)} ({copied}, {stamps}) "
        f"SELECT {copied}, {created or '%s'}, '+', %s, %s "
        f"FROM {quote(model._meta.db_table)} "
        f"WHERE {quote(model._meta.pk.column)} IN "
    )
    values = [
        *(
            []
            if created
            else [connection.ops.adapt_datetimefield_value(timezone.now())]
        ),
        getattr(actor, "pk", None),
        "dane demonstracyjne",
    ]
    with nullcontext(cursor) if cursor else connection.cursor() as cursor:
        for start in range(0, len(pks), 500):
            chunk = pks[start : start + 500]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"{insert}({marks})", [*values, *chunk])


def _created_column(model, quote) -> str | None:
    """The record's own creation stamp, quoted; None when it has none."""
    for field in model._meta.concrete_fields:
        if field.name == "created_at":
            return quote(field.column)
    return None


def insert_rows(model, fields: tuple[str, ...], rows: list[tuple], cursor=None) -> None:
    """Writes plain rows: PostgreSQL's COPY when available (the link and
    availability rows of 100,000 volunteers are about a million), bulk_create
    elsewhere."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(
            [model(**dict(zip(fields, row, strict=True))) for row in rows],
            batch_size=BATCH,
        )
        return
    copy_rows(model, [model._meta.get_field(f) for f in fields], rows, cursor)


def analyze(*models) -> None:
    """Fresh planner statistics for the tables just filled (in the open
    transaction; both databases have ANALYZE): without them the demo's later
    queries are planned as over empty tables, and at 5,000 volunteers the
    cover chain's search for candidates took a minute instead of a second."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {quote(model._meta.db_table)}")
