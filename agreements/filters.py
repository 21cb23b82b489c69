"""The FilterSet of the agreement list."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, AgreementKind
from volunteer_center.core.text import fold


class AgreementFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("number or party's name")}
        ),
    )
    kind = django_filters.ChoiceFilter(
        label=_("kind"), choices=AgreementKind.choices, empty_label=_("any")
    )
    status = django_filters.ChoiceFilter(
        label=_("status"), choices=Agreement.Status.choices, empty_label=_("any")
    )
    ending = django_filters.BooleanFilter(
        label=_("ends within 30 days"),
        method="filter_ending",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Agreement
        fields = ["q", "kind", "status", "ending"]

    def filter_search(self, queryset, name, value):
        for word in fold(value).split():
            queryset = queryset.filter(
                Q(number__icontains=word)
                | Q(volunteer__search_text__contains=word)
                | Q(institution__search_text__contains=word)
                | Q(beneficiary__search_text__contains=word)
            )
        return queryset

    def filter_ending(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.ending_within()
