"""Dates as a person writes them (volunteer_center/core/text.py)."""

from django import template

from volunteer_center.core import text

register = template.Library()


@register.filter
def period(start, end) -> str:
    """``{{ a.date_from|period:a.date_to }}``: "03.10.2026" when the period is
    one day, "03.10.2026–17.10.2026" when longer, "03.10.2026–…" with no end."""
    return text.period_in_words(start, end)
