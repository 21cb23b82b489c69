"""The small helpers of core that several apps share: the status-move refusal's
parameters, the lists' period filters, the row form, a register's addresses."""

import django_filters
from django import forms
from django.urls import reverse
from django.utils import translation

from agreements import views
from matching.models import Assignment, HoursEntry
from registry.models import Volunteer
from registry.views import volunteers
from volunteer_center.core.errors import status_move_names
from volunteer_center.core.filters import period_filters
from volunteer_center.core.forms import RowForm
from volunteer_center.core.routing import resource


def test_status_move_names_are_the_labels_of_both_statuses():
    volunteer = Volunteer(status=Volunteer.Status.CANDIDATE)
    with translation.override("pl"):
        names = status_move_names(volunteer, Volunteer.Status.FORMER)
        assert names == {
            "current": str(Volunteer.Status.CANDIDATE.label),
            "new": str(Volunteer.Status.FORMER.label),
        }
        assert names["current"] != "candidate"


class _Periods(django_filters.FilterSet):
    date_from, date_to = period_filters("date_from", "date_to")

    class Meta:
        model = Assignment
        fields = ["date_from", "date_to"]


class _Days(django_filters.FilterSet):
    date_from, date_to = period_filters("date")

    class Meta:
        model = HoursEntry
        fields = ["date_from", "date_to"]


def _lookups(filterset_class) -> dict:
    filters = filterset_class.base_filters
    return {name: (f.field_name, f.lookup_expr) for name, f in filters.items()}


def test_period_filters_keep_the_rows_whose_period_overlaps_the_dates():
    # A period reaches into the chosen dates when it ends on or after "from"
    # and starts on or before "until".
    assert _lookups(_Periods) == {
        "date_from": ("date_to", "gte"),
        "date_to": ("date_from", "lte"),
    }
    assert _lookups(_Days) == {"date_from": ("date", "gte"), "date_to": ("date", "lte")}


def test_period_filters_reach_the_date_of_a_date_and_time():
    from_filter, until_filter = period_filters("starts_at", lookup="date__")
    assert (from_filter.field_name, from_filter.lookup_expr) == (
        "starts_at",
        "date__gte",
    )
    assert until_filter.lookup_expr == "date__lte"
    with translation.override("en"):
        assert (str(from_filter.label), str(until_filter.label)) == ("from", "until")


class _Row(RowForm):
    needed = "name"
    needed_message = "Give the name."

    id = forms.IntegerField(widget=forms.HiddenInput)
    name = forms.CharField(max_length=20)
    kind = forms.ChoiceField(choices=[("a", "A")])


def test_a_row_form_is_optional_styled_and_needs_its_field_once_filled():
    row = _Row()
    assert not any(field.required for field in row.fields.values())
    assert row.fields["name"].widget.attrs["class"] == "form-control"
    assert row.fields["kind"].widget.attrs["class"] == "form-select"
    assert "class" not in row.fields["id"].widget.attrs
    assert _Row(data={}).is_valid()
    filled = _Row(data={"kind": "a"})
    assert not filled.is_valid()
    assert filled.errors["name"] == ["Give the name."]


def test_a_register_s_addresses_are_named_after_it_and_reach_its_views():
    patterns = resource(
        "wolontariusze/", "volunteer", volunteers, "Volunteer", new="nowy/", status=True
    )

    assert [(str(p.pattern), p.name, p.callback.view_class) for p in patterns] == [
        ("wolontariusze/", "volunteer-list", volunteers.VolunteerListView),
        ("wolontariusze/nowy/", "volunteer-create", volunteers.VolunteerCreateView),
        ("wolontariusze/<int:pk>/", "volunteer-detail", volunteers.VolunteerDetailView),
        (
            "wolontariusze/<int:pk>/edycja/",
            "volunteer-update",
            volunteers.VolunteerUpdateView,
        ),
        (
            "wolontariusze/<int:pk>/status/",
            "volunteer-status",
            volunteers.VolunteerStatusView,
        ),
    ]
    assert reverse("registry:volunteer-update", args=[7]) == "/wolontariusze/7/edycja/"


def test_a_register_without_a_new_page_or_a_status_action_has_neither():
    patterns = resource("porozumienia/", "agreement", views, "Agreement")

    assert [p.name for p in patterns] == [
        "agreement-list",
        "agreement-detail",
        "agreement-update",
    ]
