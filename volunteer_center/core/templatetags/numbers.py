"""Numbers as a person writes them."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def hours(value) -> str:
    """Hours without trailing zeros, in the language's decimal mark: "2,5",
    "2,25", "3" (the database keeps two decimals: 2.50). Anything that is
    not a number is shown as it is."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    else:
        number = number.normalize()
    return number_format(number)
