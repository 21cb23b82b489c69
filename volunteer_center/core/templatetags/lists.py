"""Tags of the staff lists (templates/_list.html) and the forms kept on a
record's page."""

from django import template

from volunteer_center.core import fragments

register = template.Library()


@register.simple_tag
def filter_form(filterset) -> str:
    """The filter form above a list, kept once drawn
    (volunteer_center/core/fragments.py)."""
    return fragments.filter_form(filterset)


@register.simple_tag(takes_context=True)
def kept_crispy(context, form) -> str:
    """``{% crispy form %}``, kept once drawn while the form is empty
    (volunteer_center/core/fragments.py)."""
    return fragments.crispy_form(form, context["request"])
