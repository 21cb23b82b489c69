"""The demo's bulk writes of many batches, on PostgreSQL in a second thread.

Generating a batch of volunteers is Python's work, writing it (COPY, the
history rows, the foreign-key checks) is the database's: done one after the
other they took about as long each. The background writer sends a batch
through the same connection, in the same transaction, while this thread
generates the next one, so the two use the machine's two cores at once.
Python's lock is free while the writer waits for the database.
"""

import queue
import threading
from collections import defaultdict, deque
from contextlib import contextmanager

from django.db import connection

from registry.demo.copy import copy_records, reserve_ids
from registry.demo.rows import (
    add_search_text,
    copy_history,
    create_records,
    insert_rows,
)


class Writer:
    """Writes at once: on SQLite (bulk_create) and where no thread helps."""

    def __init__(self, actor):
        self.actor = actor

    def records(self, model, records: list[dict]) -> list[int]:
        return create_records(model, records, actor=self.actor)

    def rows(self, model, fields: tuple[str, ...], rows: list[tuple]) -> None:
        insert_rows(model, fields, rows)

    def reserve(self, model, count: int) -> None:
        """Ids for ``count`` records ahead (used by the background writer)."""

    def close(self) -> None:
        """Waits for the writes sent (used by the background writer)."""

    def abandon(self) -> None:
        """Stops after a failure (used by the background writer)."""


class BackgroundWriter(Writer):
    def __init__(self, actor):
        super().__init__(actor)
        connection.ensure_connection()
        self._connection = connection.connection  # psycopg's, in the transaction
        self._ids: dict = defaultdict(deque)
        self._failure: BaseException | None = None
        # About one batch's writes queued: generation runs a batch ahead.
        self._jobs: queue.Queue = queue.Queue(maxsize=8)
        self._thread = threading.Thread(target=self._work, name="demo-writer")
        self._thread.start()

    def reserve(self, model, count: int) -> None:
        self._jobs.join()  # the connection is the writer's while it works
        self._ids[model].extend(reserve_ids(model, count))

    def records(self, model, records: list[dict]) -> list[int]:
        ids = self._ids[model]
        if len(ids) < len(records):
            self.reserve(model, len(records) - len(ids))
        pks = [ids.popleft() for _record in records]
        add_search_text(model, records)
        self._send(copy_records, model, records, pks)
        if hasattr(model, "history"):
            self._send(_copy_history, model, pks, self.actor)
        return pks

    def rows(self, model, fields: tuple[str, ...], rows: list[tuple]) -> None:
        if rows:
            self._send(insert_rows, model, fields, rows)

    def close(self) -> None:
        self._jobs.put(None)
        self._thread.join()
        if self._failure is not None:
            raise self._failure

    def abandon(self) -> None:
        """The block failed: its error, not the writer's, is the one to see."""
        self._failure = self._failure or RuntimeError("abandoned")
        self._jobs.put(None)
        self._thread.join()

    def _send(self, job, *args) -> None:
        if self._failure is not None:
            raise self._failure
        self._jobs.put((job, args))

    def _work(self) -> None:
        with self._connection.cursor() as cursor:
            while (item := self._jobs.get()) is not None:
                job, args = item
                try:
                    if self._failure is None:
                        job(*args, cursor=cursor)
                except BaseException as error:  # raised again in the main thread
                    self._failure = error
                finally:
                    self._jobs.task_done()


def _copy_history(model, pks: list[int], actor, *, cursor) -> None:
    copy_history(model, pks, actor=actor, cursor=cursor)


@contextmanager
def writer(*, actor):
    """The writer for this database; every write sent is done (or its error
    raised) when the block ends."""
    background = connection.vendor == "postgresql"
    active = BackgroundWriter(actor) if background else Writer(actor)
    try:
        yield active
    except BaseException:
        active.abandon()
        raise
    active.close()
