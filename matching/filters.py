"""One FilterSet per staff list of matching."""

import django_filters
from django import forms
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from matching.models import Assignment, HelpRequest, Programme
from registry.models import Category, District


class HelpRequestFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        field_name="title",
        lookup_expr="icontains",
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    status = django_filters.ChoiceFilter(
        label=_("status"), choices=HelpRequest.Status.choices, empty_label=_("any")
    )
    category = django_filters.ModelChoiceFilter(
        label=_("category"), queryset=Category.objects.all(), empty_label=_("any")
    )
    district = django_filters.ModelChoiceFilter(
        label=_("district"), queryset=District.objects.all(), empty_label=_("any")
    )
    urgency = django_filters.ChoiceFilter(
        label=_("urgency"), choices=HelpRequest.Urgency.choices, empty_label=_("any")
    )
    unstaffed = django_filters.BooleanFilter(
        label=_("places still free"),
        method="filter_unstaffed",
        widget=forms.CheckboxInput,
    )
    programme = django_filters.ModelChoiceFilter(
        label=_("programme"), queryset=Programme.objects.all(), empty_label=_("any")
    )

    class Meta:
        model = HelpRequest
        fields = ["q", "status", "category", "district", "urgency", "unstaffed"]

    def filter_unstaffed(self, queryset, name, value):
        if not value:
            return queryset
        # ``places_taken`` is annotated by selectors.request_list.
        return queryset.filter(
            status__in=HelpRequest.UNFINISHED, places_taken__lt=F("needed")
        )


class AssignmentFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("status"), choices=Assignment.Status.choices, empty_label=_("any")
    )

    class Meta:
        model = Assignment
        fields = ["status"]
