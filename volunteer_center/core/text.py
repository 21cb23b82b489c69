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


def period_in_words(start, end, open_end: str = "…") -> str:
    """A period as a person writes it: "03.10.2026" for one day,
    "03.10.2026–17.10.2026" for more, "03.10.2026–…" with no end yet
    (dates or date-times; empty when there is no start)."""
    if not start:
        return ""
    first = f"{start:%d.%m.%Y}"
    if not end:
        return f"{first}–{open_end}"
    last = f"{end:%d.%m.%Y}"
    return first if last == first else f"{first}–{last}"


def place_in_words(address: str, *places: str) -> str:
    """Where something is, said once: the address, then each larger place
    (district, town) that the address does not already name — "ul. Północna
    12/14, 43-502 Czechowice-Dziedzice" stays as it is, "ul. Północna 12/14"
    becomes "ul. Północna 12/14, Czechowice-Dziedzice"."""
    parts = [address.strip()] if address and address.strip() else []
    for place in places:
        place = (place or "").strip()
        if place and not any(fold(place) in fold(part) for part in parts):
            parts.append(place)
    return ", ".join(parts)
