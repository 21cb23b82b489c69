"""One FilterSet per staff list of matching."""

import django_filters
from django.utils.translation import gettext_lazy as _

from matching.models import Assignment, HelpRequest, HoursEntry, Programme
from registry.models import Category, District, Volunteer
from volunteer_center.core.filters import (
    checkbox_filter,
    choice_filter,
    model_choice_filter,
    period_filters,
    search_filter,
)


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


class AssignmentFilter(VolunteerSearchFilterMixin):
    status = choice_filter(_("status"), Assignment.Status.choices)
    date_from, date_to = period_filters("date_from", "date_to")

    class Meta:
        model = Assignment
        fields = ["q", "status", "date_from", "date_to"]


class HoursEntryFilter(VolunteerSearchFilterMixin):
    volunteer_path = "assignment__volunteer"
    status = choice_filter(_("status"), HoursEntry.Status.choices)
    date_from, date_to = period_filters("date")

    class Meta:
        model = HoursEntry
        fields = ["q", "status", "date_from", "date_to"]
