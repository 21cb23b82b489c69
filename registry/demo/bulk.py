"""What PostgreSQL checks and indexes once, at the end of the demo's bulk
load, rather than for each row written; as pg_restore loads a dump.

The foreign keys: Django declares them DEFERRABLE INITIALLY DEFERRED, so
inside the transaction nothing sees them before the commit, which then runs
one trigger per row written (at 100,000 volunteers some two million, 8 s of
the database's work, the most of any part). Dropped when the load starts and
added again, by the same names and definitions, when it ends, each is checked
by PostgreSQL with one query over its table; a row that breaks one still
fails the load. Only keys that do nothing but check (NO ACTION) are taken, so
no delete or update behaves otherwise meanwhile.

The plain indexes (not unique, not a constraint's) of the tables a part
fills: kept up row by row, those of the 100,000 volunteers (a trigram GIN
index among them) cost the database three times what building them at
once does. Dropped before the part writes, they are built again from their
own definitions later: while the next part computes without the database,
or when the load ends.

Until the commit the tables stay locked (ACCESS EXCLUSIVE), and all this
must run inside ``transaction.atomic()``: if it fails, the rollback gives
the keys and indexes back.
"""

import threading
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
    _require_transaction()
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


INDEXES = """
SELECT quote_ident(c.relname), pg_get_indexdef(i.indexrelid)
FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
WHERE i.indrelid = ANY(%s::text[]::regclass[])
  AND NOT i.indisunique AND NOT i.indisprimary AND i.indisvalid
  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
ORDER BY c.relname
"""


class _Load:
    """The indexes the parts of the running load left to build: (tables,
    definitions) each; None outside a load."""

    left: list[tuple[list[str], list[str]]] | None = None


_load = _Load()


@contextmanager
def indexes_left_to_build():
    """The load in which parts may leave indexes to build (``leave_indexes``):
    those still left are built when it ends; after a failure they are
    forgotten (the rollback gives them back)."""
    _load.left = []
    try:
        yield
        with connection.cursor() as cursor:
            for tables, definitions in _load.left:
                _build(cursor, tables, definitions)
    finally:
        _load.left = None


def leave_indexes(*models) -> None:
    """Drops the plain indexes of these models' tables; a later part builds
    them alongside its own work (``indexes_built_alongside``), else the load's
    end does."""
    if connection.vendor != "postgresql":
        return
    _require_transaction()
    if _load.left is None:
        raise TransactionManagementError("Indexes are left only inside a load.")
    tables = [model._meta.db_table for model in models]
    with connection.cursor() as cursor:
        cursor.execute(INDEXES, [tables])
        if indexes := cursor.fetchall():
            _check_pending(cursor, tables)
            cursor.execute(f"DROP INDEX {', '.join(name for name, _ in indexes)}")
            _load.left.append((tables, [definition for _, definition in indexes]))


@contextmanager
def indexes_built_alongside():
    """The indexes left so far built by a second thread, on the same
    connection and transaction, while the block works without the database
    (at 100,000 volunteers the build takes seconds: the matching demo's
    picking hides it). When the block ends they are built."""
    left = _load.left or []
    if _load.left is not None:
        _load.left = []
    if not left:
        yield
        return
    raw = connection.connection  # psycopg's, in the transaction
    failures: list[BaseException] = []

    def build() -> None:
        try:
            with raw.cursor() as cursor:
                for tables, definitions in left:
                    _build(cursor, tables, definitions)
        except BaseException as error:  # raised again in the block's thread
            failures.append(error)

    thread = threading.Thread(target=build, name="demo-indexes")
    thread.start()
    try:
        yield
    finally:
        thread.join()
    if failures:
        raise failures[0]


def _build(cursor, tables: list[str], definitions: list[str]) -> None:
    _check_pending(cursor, tables)
    for definition in definitions:
        cursor.execute(definition)


def _check_pending(cursor, tables: list[str]) -> None:
    """Runs the checks waiting for rows of these tables: a table with checks
    pending cannot be altered. The keys stay deferred afterwards."""
    cursor.execute(
        "SELECT quote_ident(conname) FROM pg_constraint "
        "WHERE condeferred AND conrelid = ANY(%s::text[]::regclass[])",
        [tables],
    )
    if names := ", ".join(sorted({name for (name,) in cursor.fetchall()})):
        cursor.execute(f"SET CONSTRAINTS {names} IMMEDIATE")
        cursor.execute(f"SET CONSTRAINTS {names} DEFERRED")


def _require_transaction() -> None:
    if not connection.in_atomic_block:
        raise TransactionManagementError(
            "The keys and indexes come back only in a transaction."
        )
