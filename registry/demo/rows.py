"""Writing the demo rows in batches: on PostgreSQL through COPY (model rows
with ids taken from their sequence, plain link rows), elsewhere through
bulk_create; each record gets its "created" history row."""

from collections.abc import Iterable, Iterator
from itertools import islice
from types import SimpleNamespace

from django.db import connection, connections
from django.utils import timezone

from registry.demo.copy import copy_objects, copy_records, copy_rows

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
        objects = model.objects.bulk_create(objects, batch_size=BATCH)
    if history and hasattr(model, "history"):
        copy_history(model, [obj.pk for obj in objects], actor=actor)
    return objects


def create_records(model, records: list[dict], *, actor=None) -> list[int]:
    """New records given as {attname: value} (on PostgreSQL no model instance
    is built), each with its "created" history row. Returns their ids."""
    if connection.vendor != "postgresql":
        objects = bulk_create(model, [model(**r) for r in records], actor=actor)
        return [obj.pk for obj in objects]
    if hasattr(model, "build_search_text"):
        for record in records:
            record["search_text"] = _search_text(model, record)
    pks = copy_records(model, records)
    if hasattr(model, "history"):
        copy_history(model, pks, actor=actor)
    return pks


def _search_text(model, record: dict) -> str:
    # The model's own method, reading the record's values as its fields.
    return model.build_search_text(
        SimpleNamespace(search_fields=model.search_fields, **record)
    )


HISTORY_FIELDS = (
    "history_date",
    "history_type",
    "history_user",
    "history_change_reason",
)


def copy_history(model, pks: list, *, actor, using: str = "default") -> None:
    """One "created" history row per record, as simple-history's
    bulk_history_create writes it, but copied by the database from the rows
    just written: building 100,000 historical rows in Python cost a third of
    the demo data's time."""
    connection = connections[using]
    quote = connection.ops.quote_name
    history = model.history.model._meta
    copied = ", ".join(
        quote(f.column)
        for f in history.concrete_fields
        if not f.primary_key and f.name not in HISTORY_FIELDS
    )
    stamps = ", ".join(quote(history.get_field(f).column) for f in HISTORY_FIELDS)
    insert = (
        f"INSERT INTO {quote(history.db_table)} ({copied}, {stamps}) "
        f"SELECT {copied}, %s, '+', %s, %s FROM {quote(model._meta.db_table)} "
        f"WHERE {quote(model._meta.pk.column)} IN "
    )
    values = [
        connection.ops.adapt_datetimefield_value(timezone.now()),
        getattr(actor, "pk", None),
        "dane demonstracyjne",
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(pks), 500):
            chunk = pks[start : start + 500]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"{insert}({marks})", [*values, *chunk])


def insert_rows(model, fields: tuple[str, ...], rows: list[tuple]) -> None:
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
    copy_rows(model, [model._meta.get_field(f) for f in fields], rows)
