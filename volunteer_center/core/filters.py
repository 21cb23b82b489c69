"""The filters staff lists are built from (django-filter): a choice whose empty
option reads "any", a search box, a tick box."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _


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
