"""The Polish sort order of names: Dąbrowska before Dudek, Ł after L.

Name columns carry ``db_collation=POLISH``, so every ORDER BY on them, and
the index that serves it, follow Polish rules. On PostgreSQL the collation is
ICU's Polish (the same as the built-in ``pl-x-icu``), created under a plain
name by core's migration 0002, because SQLite needs a name without hyphens.
SQLite has no ICU: ``CoreConfig.ready`` registers a collation of the same
name on each SQLite connection, written below after the Polish alphabet, so
the quick start sorts the same way.
"""

import functools
import unicodedata

POLISH = "polish"

# The Polish alphabet, with q, v and x where Latin has them.
ALPHABET = "aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż"
_RANK = {letter: rank for rank, letter in enumerate(ALPHABET)}


def _primary(base: str) -> tuple[int, int]:
    # ICU's order of groups: spaces and punctuation, digits, letters (the Polish
    # alphabet first, then other scripts).
    if base in _RANK:
        return (3, _RANK[base])
    if base.isdigit():
        return (2, ord(base))
    if base.isalpha():
        return (4, ord(base))
    return (1, ord(base))


@functools.lru_cache(maxsize=8192)
def sort_key(text: str) -> tuple:
    """Compares as ICU does: letters first (ą a letter of its own, é an e with
    an accent), then accents, then case (lower before upper)."""
    primary, accents, case = [], [], []
    for char in text:
        lower = char.lower()
        if lower in _RANK:
            base, accent = lower, ""
        else:
            decomposed = unicodedata.normalize("NFD", lower)
            base, accent = decomposed[0], decomposed[1:]
        primary.append(_primary(base))
        accents.append(accent)
        case.append(char != lower)
    return (primary, accents, case, text)


def compare(left: str, right: str) -> int:
    a, b = sort_key(left), sort_key(right)
    return (a > b) - (a < b)


def register_on_sqlite(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: SQLite learns the collation the name
    columns are declared with."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(POLISH, compare)
