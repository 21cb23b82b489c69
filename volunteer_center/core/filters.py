"""The filters staff lists are built from (django-filter): a choice whose empty
option reads "any", a search box, a tick box, a period."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from volunteer_center.core.forms import PlausibleDateFilter


def choice_filter(label, choices, **kwargs) -> django_filters.ChoiceFilter:
    kwargs.setdefault("empty_label", _("any"))
    return django_filters.ChoiceFilter(label=label, choices=choices, **kwargs)


def model_choice_filter(label, queryset, **kwargs) -> django_filters.ModelChoiceFilter:
    kwargs.setdefault("empty_label", _("any"))
    return django_filters.ModelChoiceFilter(label=label, queryset=queryset, **kwargs)


def search_filter(label, placeholder="", **kwargs) -> django_filters.CharFilter:
    attrs = {"type": "search"}
    if placeholder:
        attrs["placeholder"] = placeholder
    return django_filters.CharFilter(
        label=label, widget=forms.TextInput(attrs=attrs), **kwargs
    )


def checkbox_filter(label, method: str) -> django_filters.BooleanFilter:
    return django_filters.BooleanFilter(
        label=label, method=method, widget=forms.CheckboxInput
    )


def period_filters(
    first: str, last: str = "", *, lookup: str = ""
) -> tuple[PlausibleDateFilter, PlausibleDateFilter]:
    """The "from" and "until" dates of a list: the rows whose period, from the
    field ``first`` to the field ``last`` (a row of one date: ``first`` only),
    overlaps the dates chosen; ``lookup`` reaches the date of a field that is
    not one (``"date__"`` of a date and time)."""
    return (
        PlausibleDateFilter(
            label=_("from"), field_name=last or first, lookup_expr=f"{lookup}gte"
        ),
        PlausibleDateFilter(
            label=_("until"), field_name=first, lookup_expr=f"{lookup}lte"
        ),
    )
