"""Text helpers shared by search fields and filters."""

import unicodedata
from functools import lru_cache

# Letters that Unicode does not decompose into a base letter and a mark.
_EXTRA = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d"})


def fold(value: str) -> str:
    """Lower case without diacritics: "Żółć" → "zolc".

    Word by word, each word folded once per process: no step reaches across a
    space (the decomposition reorders marks only up to a letter, the rest goes
    letter by letter), and the search texts of 100,000 people repeat their
    names, streets and towns."""
    return " ".join(map(_fold_word, (value or "").split(" ")))


@lru_cache(maxsize=100_000)
def _fold_word(word: str) -> str:
    if word.isascii():  # nothing to translate, decompose or drop
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.translate(_EXTRA))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
