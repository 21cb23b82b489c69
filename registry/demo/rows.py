"""Writing the demo rows in batches: model rows with their history through
bulk_create, plain link rows through COPY on PostgreSQL."""

from collections.abc import Iterable, Iterator
from itertools import islice

from django.db import connection

BATCH = 5000


def batched(items: Iterable, size: int = BATCH) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def bulk_create(model, objects: list, *, actor=None, history: bool = True) -> list:
    for obj in objects:
        if hasattr(obj, "build_search_text"):
            obj.search_text = obj.build_search_text()
    created = model.objects.bulk_create(objects, batch_size=BATCH)
    if history and hasattr(model, "history"):
        model.history.bulk_history_create(
            created,
            batch_size=BATCH,
            default_user=actor,
            default_change_reason="dane demonstracyjne",
        )
    return created


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
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(f).column) for f in fields)
    sql = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)
