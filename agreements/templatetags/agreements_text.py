"""The agreement text as HTML for the PDF and the detail page."""

from django import template
from django.utils.html import format_html, linebreaks
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def agreement_html(text: str, level: int = 2) -> str:
    """Paragraphs split at blank lines; a paragraph opening with "§" gets its
    first line as a heading, at ``level`` (3 where the text sits under a page's
    own second-level heading)."""
    tag = f"h{int(level)}"
    parts = []
    for block in text.strip().split("\n\n"):
        block = block.strip("\n")
        if not block:
            continue
        first, _, rest = block.partition("\n")
        if first.startswith("§") or (first and not rest and len(first) < 60):
            parts.append(format_html("<{}>{}</{}>", tag, first, tag))
            if rest:
                parts.append(linebreaks(rest, autoescape=True))
        else:
            parts.append(linebreaks(block, autoescape=True))
    return mark_safe("".join(parts))  # every part is escaped above
