"""Figures counted over the whole register, kept until what they count changes.

The dashboard's charts and the periodic report add up every request,
assignment and hour of a year: a tenth of a second of the database's time at
100,000 volunteers, for figures that change a few times an hour. ``kept``
computes them once and keeps them in the shared cache under a key that holds
the state of every table they read (``states``): the newest change-history row
of an audited table (every service write leaves one), or the row count and the
latest ``updated_at`` of a small dictionary table. Any change to one of them
makes a new key, so a coordinator who signs an agreement sees it counted on
the next page.

What the key cannot see — two transactions committing in the opposite order
to that of their history rows — lasts at most ``FIGURES_KEEP_SECONDS``
(docs/ARCHITECTURE.md, "Kept figures").
"""

import functools
import hashlib
import time
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache, caches
from django.db import connections
from django.db.models import QuerySet
from django.utils import translation


@functools.cache
def _state_columns(model, using: str) -> list[str]:
    """The state's SQL for ``model``, made once per process: reading
    ``Model.history`` builds a manager through ``inspect`` (a tenth of the
    dashboard's CPU when it was read on every page; benchmarks/RESULTS.md,
    "Tenth round")."""
    quote = connections[using].ops.quote_name
    history = getattr(model, "history", None)
    if history is not None:
        opts = history.model._meta
        return [f"SELECT MAX({quote(opts.pk.column)}) FROM {quote(opts.db_table)}"]
    opts = model._meta
    newest = "updated_at" if any(f.name == "updated_at" for f in opts.fields) else None
    column = quote(opts.get_field(newest).column if newest else opts.pk.column)
    return [
        f"SELECT COUNT(*) FROM {quote(opts.db_table)}",
        f"SELECT MAX({column}) FROM {quote(opts.db_table)}",
    ]


def states(models: Iterable, *, using: str = "default") -> dict:
    """Where the tables of ``models`` stand, in one query: for an audited
    model its newest history row's id, for another its row count and latest
    change; a tuple of text per model."""
    models = list(dict.fromkeys(models))
    if not models:
        return {}
    connection = connections[using]
    columns = [_state_columns(model, using) for model in models]
    selects = [sql for sqls in columns for sql in sqls]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"({sql})" for sql in selects))
        values = iter(str(value) for value in cursor.fetchone())
    return {
        model: tuple(next(values) for _ in sqls)
        for model, sqls in zip(models, columns, strict=True)
    }


class Tables:
    """Where the tables of ``models`` stand, read in one query when first
    asked for any of them: a page that keeps several parts (a list's count,
    its filter's choices) pays for one ``state`` query, not one per part."""

    def __init__(self, models: Iterable, *, using: str = "default"):
        self.models = tuple(dict.fromkeys(models))
        self.using = using
        self._found = None

    def state(self, models: Iterable) -> tuple:
        models = list(models)
        if not models:
            return ()
        if self._found is None:
            self._found = states(self.models, using=self.using)
        missing = [model for model in models if model not in self._found]
        if missing:
            self._found |= states(missing, using=self.using)
        return tuple(value for model in models for value in self._found[model])


def _key(name: str, depends_on, args, tables: Tables | None) -> str:
    tables = tables or Tables(depends_on)
    parts = (name, args, translation.get_language(), tables.state(depends_on))
    return "figures:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def _kept[T](store, name: str, compute: Callable[[], T], depends_on, args, tables) -> T:
    key = _key(name, depends_on, args, tables)
    value = store.get(key)
    if value is None:
        value = compute()
        store.set(key, value, settings.FIGURES_KEEP_SECONDS)
    return value


def kept[T](
    name: str,
    compute: Callable[[], T],
    *,
    depends_on: Iterable,
    args: tuple = (),
    tables: Tables | None = None,
) -> T:
    """``compute()``, or the value it gave last time for the same ``name``,
    ``args`` and language while the tables of ``depends_on`` stood as now
    (read through ``tables`` where the page reads other tables' state too),
    from the cache every worker shares.

    A worker also keeps what it read from the shared cache in its own memory
    under the same key until the shared entry's end (no longer, so what the
    key cannot see still lasts at most ``FIGURES_KEEP_SECONDS``): the
    dashboard and the report then read no cache table on every page (the
    shared cache's query and unpickling cost the dashboard a fourteenth of
    its CPU; benchmarks/RESULTS.md, "Tenth round")."""
    key = "shared-" + _key(name, depends_on, args, tables)
    here = caches["fragments"]
    value = here.get(key)
    if value is None:
        entry = cache.get(key)
        if entry is None:
            value = compute()
            until = time.time() + settings.FIGURES_KEEP_SECONDS
            cache.set(key, (until, value), settings.FIGURES_KEEP_SECONDS)
        else:
            until, value = entry
        if until > time.time():
            here.set(key, value, until - time.time())
    return value


def kept_here[T](
    name: str,
    compute: Callable[[], T],
    *,
    depends_on: Iterable,
    args: tuple = (),
    tables: Tables | None = None,
) -> T:
    """``kept``, in this process's memory (``CACHES["fragments"]``): for what
    is quick to count but asked on every page, where even the shared cache's
    query would cost as much as counting it again."""
    return _kept(caches["fragments"], name, compute, depends_on, args, tables)


def user_args(user) -> tuple:
    """What a kept value drawn for one user varies by: who they are and what
    they may do (a permission taken away changes the key at once)."""
    return (user.pk, tuple(sorted(user.get_all_permissions())))


def read_kept[T](
    queryset,
    read: Callable[[QuerySet], T],
    *,
    depends_on: Iterable,
    tables: Tables | None = None,
) -> T:
    """``read(queryset)`` (a named function: its name is part of the key),
    kept in this process (``kept_here``) for the same query while the tables
    of ``depends_on`` stand as now.

    For the counts above a staff list: counting the whole register costs the
    database more than drawing the page, and every page asks. The key holds
    the query's SQL with its parameters (the filter, the user's scope, the
    day of a date rule), so no view has to say what its count varies by.
    The SQL is that of the rows' ids: the same tables, joins and conditions
    as ``queryset``, without the columns, related rows and order a page reads
    (a tenth of the volunteer list's CPU went into drawing those for the key)."""
    sql, params = queryset.values("pk").order_by().query.sql_with_params()
    return kept_here(
        f"read:{read.__qualname__}",
        lambda: read(queryset),
        depends_on=depends_on,
        args=(queryset.db, sql, repr(params)),
        tables=tables or Tables(depends_on, using=queryset.db),
    )


def counted(queryset, *, depends_on: Iterable, tables: Tables | None = None) -> int:
    """``queryset.count()``, kept (``read_kept``)."""
    return read_kept(queryset, QuerySet.count, depends_on=depends_on, tables=tables)
