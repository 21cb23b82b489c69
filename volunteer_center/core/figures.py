"""Figures counted over the whole register, kept until what they count changes.

The dashboard's charts and the periodic report add up every request,
assignment and hour of a year: a tenth of a second of the database's time at
100,000 volunteers, for figures that change a few times an hour. ``kept``
computes them once and keeps them in the shared cache under a key that holds
the state of every table they read (``state``): the newest change-history row
of an audited table (every service write leaves one), or the row count and the
latest ``updated_at`` of a small dictionary table. Any change to one of them
makes a new key, so a coordinator who signs an agreement sees it counted on
the next page.

What the key cannot see — two transactions committing in the opposite order
to that of their history rows — lasts at most ``FIGURES_KEEP_SECONDS``
(docs/ARCHITECTURE.md, "Kept figures").
"""

import hashlib
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.utils import translation


def _state_columns(model, quote) -> list[str]:
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


def state(models: Iterable, *, using: str = "default") -> tuple:
    """Where the tables of ``models`` stand, in one query: for an audited
    model its newest history row's id, for another its row count and latest
    change."""
    connection = connections[using]
    quote = connection.ops.quote_name
    selects = [sql for model in models for sql in _state_columns(model, quote)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"({sql})" for sql in selects))
        return tuple(str(value) for value in cursor.fetchone())


def kept[T](
    name: str,
    compute: Callable[[], T],
    *,
    depends_on: Iterable,
    args: tuple = (),
) -> T:
    """``compute()``, or the value it gave last time for the same ``name``,
    ``args`` and language while the tables of ``depends_on`` stood as now."""
    parts = (name, args, translation.get_language(), state(depends_on))
    key = "figures:" + hashlib.sha256(repr(parts).encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, settings.FIGURES_KEEP_SECONDS)
    return value
