"""The filter of the consultation list."""

import django_filters
from django import forms
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
from volunteer_center.core.forms import PlausibleDateFilter


class ConsultationFilter(django_filters.FilterSet):
    person = django_filters.CharFilter(
        label=_("Person advised"),
        method="filter_person",
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    date_from = PlausibleDateFilter(
        label=_("from"), field_name="starts_at", lookup_expr="date__gte"
    )
    date_to = PlausibleDateFilter(
        label=_("until"), field_name="starts_at", lookup_expr="date__lte"
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("topic"),
        queryset=ConsultationTopic.objects.all(),
        empty_label=_("any"),
    )
    form = django_filters.ChoiceFilter(
        label=_("form"), choices=Consultation.Form.choices, empty_label=_("any")
    )
    status = django_filters.ChoiceFilter(
        label=_("status"), choices=Consultation.Status.choices, empty_label=_("any")
    )
    follow_up = django_filters.ChoiceFilter(
        label=_("follow-up"),
        method="filter_follow_up",
        choices=[
            ("due", _("due by today")),
            ("open", _("needed (any date)")),
        ],
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
