"""Program text that must never reach a person: a queryset's or a model's repr,
a Python object, None, a raw code or a placeholder left unfilled. Every e-mail
and every PDF a test produces is checked (tests/conftest.py)."""

import html
import re

URL = re.compile(r"https?://\S+")
TAGS = re.compile(r"<style.*?</style>|<script.*?</script>|<[^>]+>", re.S)
LEAKS = {
    "a queryset": re.compile(r"<QuerySet"),
    "a model's repr": re.compile(r"<[A-Z]\w*: "),
    "a Python object": re.compile(r"object at 0x[0-9a-f]+"),
    "None": re.compile(r"\bNone\b"),
    "a raw code": re.compile(r"\b[a-z]+_[a-z_]+\b"),
    "a placeholder": re.compile(r"%\(\w+\)[sd]|\{\{|\}\}|\{%|%\}"),
}


def program_text(text: str) -> list[str]:
    """What in ``text`` is program text rather than words, as "what: excerpt"."""
    text = URL.sub(" ", text)
    found = []
    for what, pattern in LEAKS.items():
        for match in pattern.finditer(text):
            start = max(match.start() - 30, 0)
            found.append(f"{what}: …{text[start : match.end() + 30]}…")
    return found


def html_text(markup: str) -> str:
    """The words a reader sees in an HTML document."""
    return html.unescape(TAGS.sub(" ", markup))
