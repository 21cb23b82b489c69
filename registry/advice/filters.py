"""The filter of the consultation list."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.models import (
    Beneficiary,
    Consultation,
    ConsultationTopic,
    Institution,
    Volunteer,
)
from volunteer_center.core.filters import (
    choice_filter,
    model_choice_filter,
    period_filters,
    search_filter,
)


class ConsultationFilter(django_filters.FilterSet):
    person = search_filter(_("Person advised"), method="filter_person")
    date_from, date_to = period_filters("starts_at", lookup="date__")
    topic = model_choice_filter(_("topic"), ConsultationTopic.objects.all())
    form = choice_filter(_("form"), Consultation.Form.choices)
    status = choice_filter(_("status"), Consultation.Status.choices)
    follow_up = choice_filter(
        _("follow-up"),
        [
            ("due", _("due by today")),
            ("open", _("needed (any date)")),
        ],
        method="filter_follow_up",
        empty_label=_("all"),
    )

    class Meta:
        model = Consultation
        fields = ["person", "date_from", "date_to", "topic", "form", "status"]

    def filter_person(self, queryset, name, value):
        # The register's folded search: "zolc" finds "Żółć", by any name.
        return queryset.filter(
            Q(volunteer__in=Volunteer.objects.search(value))
            | Q(beneficiary__in=Beneficiary.objects.search(value))
            | Q(institution__in=Institution.objects.search(value))
            | Q(walk_in_name__icontains=value.strip())
        )

    def filter_follow_up(self, queryset, name, value):
        if value == "due":
            return queryset.follow_up_due(timezone.localdate())
        return queryset.filter(follow_up=True)
