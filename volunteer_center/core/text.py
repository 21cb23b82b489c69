"""Text helpers shared by search fields and filters."""

import unicodedata

# Letters that Unicode does not decompose into a base letter and a mark.
_EXTRA = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d"})


def fold(value: str) -> str:
    """Lower case without diacritics: "Żółć" → "zolc"."""
    decomposed = unicodedata.normalize("NFKD", (value or "").translate(_EXTRA))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
