"""One FilterSet per staff list."""

import django_filters
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
from volunteer_center.core.filters import (
    choice_filter,
    model_choice_filter,
    search_filter,
)

YES_NO = [("yes", _("yes")), ("no", _("no"))]


class SearchFilterMixin(django_filters.FilterSet):
    q = search_filter(_("Search"), _("name, e-mail or phone"), method="filter_search")

    def filter_search(self, queryset, name, value):
        return queryset.search(value)


class VolunteerFilter(SearchFilterMixin):
    status = choice_filter(_("status"), Volunteer.Status.choices)
    district = model_choice_filter(_("district"), District.objects.all())
    skill = model_choice_filter(_("skill"), Skill.objects.all(), field_name="skills")
    category = model_choice_filter(
        _("interested in"), Category.objects.all(), field_name="interests"
    )
    day = choice_filter(
        _("available on"),
        Availability.Weekday.choices,
        method="filter_day",
        empty_label=_("any day"),
    )
    minor = choice_filter(
        _("under 18"), YES_NO, method="filter_minor", empty_label=_("all")
    )
    vetting = choice_filter(
        _("checks for work with children valid"),
        YES_NO,
        method="filter_vetting",
        empty_label=_("all"),
    )

    sort = choice_filter(
        _("order"),
        [
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
    status = choice_filter(_("status"), Beneficiary.Status.choices)
    district = model_choice_filter(_("district"), District.objects.all())

    class Meta:
        model = Beneficiary
        fields = ["q", "status", "district"]


class InstitutionFilter(SearchFilterMixin):
    kind = choice_filter(_("kind"), Institution.Kind.choices)
    role = choice_filter(
        _("role"),
        [
            ("receives_help", _("receives help")),
            ("sends_volunteers", _("sends volunteers")),
            ("programme_partner", _("programme partner")),
        ],
        method="filter_role",
        empty_label=_("any"),
    )
    district = model_choice_filter(_("district"), District.objects.all())

    class Meta:
        model = Institution
        fields = ["q", "kind", "role", "district"]

    def filter_role(self, queryset, name, value):
        return queryset.filter(**{value: True})
