"""The FilterSet of the agreement list."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, AgreementKind
from volunteer_center.core.filters import checkbox_filter, choice_filter, search_filter
from volunteer_center.core.text import fold


class AgreementFilter(django_filters.FilterSet):
    q = search_filter(_("Search"), _("number or party's name"), method="filter_search")
    kind = choice_filter(_("kind"), AgreementKind.choices)
    status = choice_filter(_("status"), Agreement.Status.choices, method="filter_state")
    ending = checkbox_filter(_("ends within 30 days"), "filter_ending")

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

    def filter_state(self, queryset, name, value):
        """The state today, read from the dates (``Agreement.state_on``)."""
        return queryset.in_state(value) if value else queryset

    def filter_ending(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.ending_within()
