"""One FilterSet per staff list of matching."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from matching.models import Assignment, HelpRequest, HoursEntry, Programme
from registry.models import Category, District, Volunteer
from volunteer_center.core.forms import PlausibleDateFilter


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
        return queryset.with_free_places()


class VolunteerSearchFilterMixin(django_filters.FilterSet):
    """Search by the volunteer's name, e-mail or phone (``volunteer_path``)."""

    volunteer_path = "volunteer"
    q = django_filters.CharFilter(
        label=_("volunteer"),
        method="filter_volunteer",
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("name, e-mail or phone")}
        ),
    )

    def filter_volunteer(self, queryset, name, value):
        found = Volunteer.objects.search(value).values("pk")
        return queryset.filter(**{f"{self.volunteer_path}__in": found})


def date_filter(label, **kwargs):
    return PlausibleDateFilter(label=label, **kwargs)


class AssignmentFilter(VolunteerSearchFilterMixin):
    status = django_filters.ChoiceFilter(
        label=_("status"), choices=Assignment.Status.choices, empty_label=_("any")
    )
    # Assignments whose period overlaps the one chosen.
    date_from = date_filter(_("from"), field_name="date_to", lookup_expr="gte")
    date_to = date_filter(_("until"), field_name="date_from", lookup_expr="lte")

    class Meta:
        model = Assignment
        fields = ["q", "status", "date_from", "date_to"]


class HoursEntryFilter(VolunteerSearchFilterMixin):
    volunteer_path = "assignment__volunteer"
    status = django_filters.ChoiceFilter(
        label=_("status"), choices=HoursEntry.Status.choices, empty_label=_("any")
    )
    date_from = date_filter(_("from"), field_name="date", lookup_expr="gte")
    date_to = date_filter(_("until"), field_name="date", lookup_expr="lte")

    class Meta:
        model = HoursEntry
        fields = ["q", "status", "date_from", "date_to"]
