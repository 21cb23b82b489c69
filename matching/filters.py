"""One FilterSet per staff list of matching."""

import django_filters
from django.utils.translation import gettext_lazy as _

from matching.models import Assignment, HelpRequest, HoursEntry, Programme
from registry.models import Category, District, Volunteer
from volunteer_center.core.filters import (
    checkbox_filter,
    choice_filter,
    model_choice_filter,
    search_filter,
)
from volunteer_center.core.forms import PlausibleDateFilter


class HelpRequestFilter(django_filters.FilterSet):
    q = search_filter(_("Search"), field_name="title", lookup_expr="icontains")
    status = choice_filter(_("status"), HelpRequest.Status.choices)
    category = model_choice_filter(_("category"), Category.objects.all())
    district = model_choice_filter(_("district"), District.objects.all())
    urgency = choice_filter(_("urgency"), HelpRequest.Urgency.choices)
    unstaffed = checkbox_filter(_("places still free"), "filter_unstaffed")
    programme = model_choice_filter(_("programme"), Programme.objects.all())

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
    q = search_filter(
        _("volunteer"), _("name, e-mail or phone"), method="filter_volunteer"
    )

    def filter_volunteer(self, queryset, name, value):
        found = Volunteer.objects.search(value).values("pk")
        return queryset.filter(**{f"{self.volunteer_path}__in": found})


def date_filter(label, **kwargs):
    return PlausibleDateFilter(label=label, **kwargs)


class AssignmentFilter(VolunteerSearchFilterMixin):
    status = choice_filter(_("status"), Assignment.Status.choices)
    # Assignments whose period overlaps the one chosen.
    date_from = date_filter(_("from"), field_name="date_to", lookup_expr="gte")
    date_to = date_filter(_("until"), field_name="date_from", lookup_expr="lte")

    class Meta:
        model = Assignment
        fields = ["q", "status", "date_from", "date_to"]


class HoursEntryFilter(VolunteerSearchFilterMixin):
    volunteer_path = "assignment__volunteer"
    status = choice_filter(_("status"), HoursEntry.Status.choices)
    date_from = date_filter(_("from"), field_name="date", lookup_expr="gte")
    date_to = date_filter(_("until"), field_name="date", lookup_expr="lte")

    class Meta:
        model = HoursEntry
        fields = ["q", "status", "date_from", "date_to"]
