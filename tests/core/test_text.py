"""``fold`` (volunteer_center/core/text.py) folds word by word, with a cache:
the same text as folding the whole at once."""

import unicodedata

import pytest

from volunteer_center.core.text import _EXTRA, fold


def _whole(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", value.translate(_EXTRA))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@pytest.mark.parametrize(
    "value",
    [
        "Żółć Łukasz Wójcik-Ślęzak",
        "ul. Świętego Floriana 12/3  43-502 Czechowice-Dziedzice",
        "Straße Øster İstanbul đak",
        "non\u00a0breaking and a\u0301 mark after a space: \u0301x",
        "ASCII Only 123 jan.kowalski@example.pl",
        " leading and trailing ",
        "",
    ],
)
def test_fold_gives_what_folding_the_whole_text_gives(value):
    assert fold(value) == _whole(value)
    assert fold(value) == fold(value)  # cached words give the same


def test_fold_takes_none_as_empty():
    assert fold(None) == ""
