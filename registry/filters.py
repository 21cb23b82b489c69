"""One FilterSet per staff list."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.models import (
    Availability,
    Beneficiary,
    Category,
    District,
    Institution,
    Skill,
    Volunteer,
)

YES_NO = [("yes", _("yes")), ("no", _("no"))]


class SearchFilterMixin(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("name, e-mail or phone")}
        ),
    )

    def filter_search(self, queryset, name, value):
        return queryset.search(value)


class VolunteerFilter(SearchFilterMixin):
    status = django_filters.ChoiceFilter(
        label=_("status"), choices=Volunteer.Status.choices, empty_label=_("any")
    )
    district = django_filters.ModelChoiceFilter(
        label=_("district"), queryset=District.objects.all(), empty_label=_("any")
    )
    skill = django_filters.ModelChoiceFilter(
        label=_("skill"),
        field_name="skills",
        queryset=Skill.objects.all(),
        empty_label=_("any"),
    )
    category = django_filters.ModelChoiceFilter(
        label=_("interested in"),
        field_name="interests",
        queryset=Category.objects.all(),
        empty_label=_("any"),
    )
    day = django_filters.ChoiceFilter(
        label=_("available on"),
        choices=Availability.Weekday.choices,
        method="filter_day",
        empty_label=_("any day"),
    )
    minor = django_filters.ChoiceFilter(
        label=_("under 18"), choices=YES_NO, method="filter_minor", empty_label=_("all")
    )
    vetting = django_filters.ChoiceFilter(
        label=_("checks for work with children valid"),
        choices=YES_NO,
        method="filter_vetting",
        empty_label=_("all"),
    )

    sort = django_filters.ChoiceFilter(
        label=_("order"),
        choices=[
            ("-created_at", _("newest sign-ups first")),
            ("created_at", _("oldest sign-ups first")),
        ],
        method="filter_sort",
        empty_label=_("by name"),
    )

    class Meta:
        model = Volunteer
        fields = ["q", "status", "district", "skill", "category", "day"]

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(value, "pk")

    def filter_day(self, queryset, name, value):
        return queryset.filter(
            Exists(
                Availability.objects.filter(
                    volunteer=OuterRef("pk"), weekday=int(value)
                )
            )
        )

    def filter_minor(self, queryset, name, value):
        today = timezone.localdate()
        if value == "yes":
            return queryset.minors(today)
        return queryset.adults(today)

    def filter_vetting(self, queryset, name, value):
        valid = Volunteer.objects.vetting_valid().values("pk")
        if value == "yes":
            return queryset.filter(pk__in=valid)
        return queryset.exclude(pk__in=valid)


class BeneficiaryFilter(SearchFilterMixin):
    status = django_filters.ChoiceFilter(
        label=_("status"), choices=Beneficiary.Status.choices, empty_label=_("any")
    )
    district = django_filters.ModelChoiceFilter(
        label=_("district"), queryset=District.objects.all(), empty_label=_("any")
    )

    class Meta:
        model = Beneficiary
        fields = ["q", "status", "district"]


class InstitutionFilter(SearchFilterMixin):
    kind = django_filters.ChoiceFilter(
        label=_("kind"), choices=Institution.Kind.choices, empty_label=_("any")
    )
    role = django_filters.ChoiceFilter(
        label=_("role"),
        method="filter_role",
        choices=[
            ("receives_help", _("receives help")),
            ("sends_volunteers", _("sends volunteers")),
            ("programme_partner", _("programme partner")),
        ],
        empty_label=_("any"),
    )
    district = django_filters.ModelChoiceFilter(
        label=_("district"), queryset=District.objects.all(), empty_label=_("any")
    )

    class Meta:
        model = Institution
        fields = ["q", "kind", "role", "district"]

    def filter_role(self, queryset, name, value):
        return queryset.filter(**{value: True})
