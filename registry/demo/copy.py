"""PostgreSQL's COPY for the demo's new model rows: ids taken from the table's
sequence first, then every column written as bulk_create would write it (the
fields' defaults, auto_now stamps, values prepared by fields that need it),
except that a stamp the demo gave (a ``created_at`` in the past) is kept."""

from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from operator import attrgetter

from django.db import connection
from django.utils import timezone

# Fields whose Python value psycopg writes as Django's PostgreSQL backend
# would prepare it (its adapt_*_value return these unchanged); any other
# field (JSON, files, addresses…) prepares its value itself.
WRITTEN_AS_IS = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "BigIntegerField",
        "BooleanField",
        "CharField",
        "DateField",
        "DateTimeField",
        "DecimalField",
        "FloatField",
        "ForeignKey",
        "IntegerField",
        "OneToOneField",
        "PositiveBigIntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SmallAutoField",
        "SmallIntegerField",
        "TextField",
        "TimeField",
    }
)


def reserve_ids(model, count: int) -> list[int]:
    meta = model._meta
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) "
            "FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, count],
        )
        return [pk for (pk,) in cursor.fetchall()]


def copy_rows(model, fields: list, rows: Iterable, cursor=None) -> None:
    """``cursor``: the background writer's own (``registry.demo.writer``)."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    sql = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
    own = nullcontext(cursor) if cursor else connection.cursor()
    with own as cursor, cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


def copy_objects(model, objects: list) -> None:
    """New model instances; their ids are set."""
    if not objects:
        return
    for obj, pk in zip(objects, reserve_ids(model, len(objects)), strict=True):
        obj.pk = pk
        obj._state.adding, obj._state.db = False, connection.alias
    fields = model._meta.concrete_fields
    copy_rows(model, fields, _object_rows(fields, objects))


def _object_rows(fields, objects: list) -> Iterator[tuple]:
    stamps = [f for f in fields if _stamped(f)]
    prepared = [
        (index, field)
        for index, field in enumerate(fields)
        if not _as_is(field) and field not in stamps
    ]
    row_of = attrgetter(*(f.attname for f in fields))
    for obj in objects:
        for field in stamps:
            if getattr(obj, field.attname) is None:  # else the demo's own
                field.pre_save(obj, add=True)
        row = row_of(obj)
        if prepared:
            row = list(row)
            for index, field in prepared:
                value = field.pre_save(obj, add=True)
                row[index] = field.get_db_prep_save(value, connection)
        yield row


def copy_records(model, records: list[dict], pks: list[int], cursor=None) -> None:
    """New records given as {attname: value} with the ids reserved for them,
    without building a model instance each (at 100,000 volunteers of 54
    fields that cost seconds); the fields left out take their defaults, the
    stamps (``created_at``, ``updated_at``) the moment of the write."""
    pk = model._meta.pk
    fields = [f for f in model._meta.concrete_fields if f is not pk]
    names = {pk.attname, *(f.attname for f in fields)}
    now = timezone.now()
    defaults = [(f.attname, _default(f, now)) for f in fields]
    # Row positions: the id first, then the fields.
    per_row = [(i + 1, f) for i, f in enumerate(fields) if _computed_default(f)]
    prepared = [(i + 1, f) for i, f in enumerate(fields) if not _as_is(f)]

    def rows() -> Iterator[list]:
        for key, record in zip(pks, records, strict=True):
            if unknown := record.keys() - names:
                raise TypeError(f"{model.__name__} has no field {sorted(unknown)}")
            row = [key, *(record.get(name, default) for name, default in defaults)]
            for index, field in per_row:
                if field.attname not in record:
                    row[index] = field.get_default()
            for index, field in prepared:
                row[index] = field.get_db_prep_save(row[index], connection)
            yield row

    copy_rows(model, [pk, *fields], rows(), cursor)


def _default(field, now):
    if _stamped(field):
        return now
    return None if _computed_default(field) else field.get_default()


def _computed_default(field) -> bool:
    """A default called for each row (``default=list``), as for an instance."""
    return field.has_default() and callable(field.default) and not _stamped(field)


def _as_is(field) -> bool:
    return field.get_internal_type() in WRITTEN_AS_IS


def _stamped(field) -> bool:
    return getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
