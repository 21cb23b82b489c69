"""The foreign keys of the demo's bulk load, checked once each at its end.

Django declares its foreign keys DEFERRABLE INITIALLY DEFERRED: inside the
transaction nothing sees them before the commit, which then runs one trigger
per row written (at 100,000 volunteers some two million, 8 s of the
database's work, the most of any part). Dropped when the load starts and added
again, by the same names and definitions, when it ends, each key is checked by
PostgreSQL with one query over its table, as pg_restore loads a dump; a row
that breaks one still fails the load. Only keys that do nothing but check
(NO ACTION) are taken, so no delete or update behaves otherwise meanwhile.

Until the commit the tables stay locked (ACCESS EXCLUSIVE), and the block
must run inside ``transaction.atomic()``: if it fails, the rollback gives the
keys back.
"""

from contextlib import contextmanager

from django.db import connection
from django.db.transaction import TransactionManagementError

KEYS = """
SELECT c.conrelid::regclass::text, quote_ident(c.conname),
       pg_get_constraintdef(c.oid)
FROM pg_constraint c
WHERE c.contype = 'f' AND c.condeferred AND c.convalidated
  AND c.confdeltype = 'a' AND c.confupdtype = 'a' AND c.conparentid = 0
  AND c.connamespace = current_schema()::regnamespace
ORDER BY c.conrelid, c.conname
"""


@contextmanager
def foreign_keys_checked_at_end():
    if connection.vendor != "postgresql":
        yield
        return
    if not connection.in_atomic_block:
        raise TransactionManagementError("The keys come back only in a transaction.")
    with connection.cursor() as cursor:
        cursor.execute(KEYS)
        keys = cursor.fetchall()
        if not keys:
            yield
            return
        # Rows written earlier in the transaction wait for their checks; a
        # table with checks pending cannot be altered.
        names = ", ".join(sorted({name for _table, name, _definition in keys}))
        cursor.execute(f"SET CONSTRAINTS {names} IMMEDIATE")
        _alter(cursor, keys, lambda name, _definition: f"DROP CONSTRAINT {name}")
    yield
    with connection.cursor() as cursor:
        _alter(
            cursor, keys, lambda name, definition: f"ADD CONSTRAINT {name} {definition}"
        )


def _alter(cursor, keys: list[tuple[str, str, str]], action) -> None:
    """One ALTER TABLE per table, with an action per key."""
    tables: dict[str, list[str]] = {}
    for table, name, definition in keys:
        tables.setdefault(table, []).append(action(name, definition))
    for table, actions in tables.items():
        cursor.execute(f"ALTER TABLE {table} {', '.join(actions)}")
