"""Tags of the staff lists (templates/_list.html)."""

from django import template

from volunteer_center.core import fragments

register = template.Library()


@register.simple_tag
def filter_form(filterset) -> str:
    """The filter form above a list, kept once drawn
    (volunteer_center/core/fragments.py)."""
    return fragments.filter_form(filterset)
