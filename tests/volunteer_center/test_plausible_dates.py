"""Every date and date-time of the project is of the plausible years (setting
PLAUSIBLE_YEARS, volunteer_center/core/dates.py): refused next to the field by
every form, filter, import and service, and the database keeps no date a page
cannot show (issue 10.6)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import tablib
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from matching.models import HelpRequest
from registry.advice.models import ClosureDay, Consultation, ConsultationTopic
from registry.models import Volunteer
from registry.resources import VolunteerResource
from tests.conftest import BOTH_DATABASES
from volunteer_center.core import checks
from volunteer_center.core.dates import (
    PlausibleDatesModel,
    StorableDates,
    date_fields,
    implausible_dates,
)

pytestmark = pytest.mark.django_db

WARSAW = ZoneInfo("Europe/Warsaw")
REFUSED = "Podaj datę z lat 1900–2100."
PROJECT_APPS = {
    "core",
    "registry",
    "matching",
    "agreements",
    "volunteer_center",
    "volunteer_area",
}


def project_models():
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS
        and not hasattr(model, "instance_type")  # simple_history's copies
        and date_fields(model)
    ]


def project_date_fields():
    return [
        pytest.param(model, field, id=f"{model._meta.label}.{field.name}")
        for model in project_models()
        for field in date_fields(model)
    ]


def on_its_clock(field, year: int, month: int = 1, day: int = 1):
    if field.get_internal_type() == "DateTimeField":
        return dt.datetime(year, month, day, 0, 30, tzinfo=WARSAW)
    return dt.date(year, month, day)


# --- The two pages that broke -------------------------------------------------


def consultation_data(topic, starts_at):
    return {
        "status": "held",
        "starts_at": starts_at,
        "duration_minutes": "20",
        "form": "phone",
        "topic": topic.pk,
        "walk_in_name": "Jan Przechodni",
    }


@pytest.mark.parametrize("starts_at", ["0001-01-01T00:30", "9999-12-31T23:30"])
def test_a_consultation_in_year_1_is_refused_and_the_lists_still_open(
    coordinator_client, make_consultation, starts_at
):
    make_consultation()
    topic = ConsultationTopic.objects.get(name="Inne")
    response = coordinator_client.post(
        reverse("registry:consultation-create"), consultation_data(topic, starts_at)
    )
    assert response.status_code == 200
    assert response.context["form"].errors["starts_at"] == [REFUSED]
    assert 'value="Jan Przechodni"' in response.text
    assert Consultation.objects.count() == 1
    listing = coordinator_client.get(reverse("registry:consultation-list"))
    assert listing.status_code == 200
    admin_list = reverse("admin:registry_consultation_changelist")
    assert coordinator_client.get(admin_list).status_code == 200


def test_a_request_dated_year_1_is_refused_and_the_request_page_opens(
    coordinator_client, make_request, beneficiary, category, active_volunteer
):
    active_volunteer()
    request = make_request(involves_minors=True)
    response = coordinator_client.post(
        reverse("matching:request-update", args=[request.pk]),
        {
            "beneficiary": beneficiary.pk,
            "title": "Korepetycje",
            "category": category.pk,
            "kind": "once",
            "date_from": "0001-01-01",
            "date_to": "0001-01-01",
            "start_time": "16:00",
            "end_time": "17:30",
            "needed": "1",
            "urgency": "1",
            "involves_minors": "on",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["date_from"] == [REFUSED]
    request.refresh_from_db()
    assert request.date_from.year == 2027
    assert coordinator_client.get(request.get_absolute_url()).status_code == 200


def test_the_database_keeps_no_consultation_of_year_1(make_consultation):
    consultation = make_consultation()
    year_1 = dt.datetime(1, 1, 1, 0, 30, tzinfo=WARSAW)
    with pytest.raises(IntegrityError), transaction.atomic():
        Consultation.objects.filter(pk=consultation.pk).update(starts_at=year_1)


def test_the_database_keeps_no_request_of_year_1(make_request):
    request = make_request()
    year_1 = dt.date(1, 1, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        HelpRequest.objects.filter(pk=request.pk).update(
            date_from=year_1, date_to=year_1
        )


@pytest.mark.django_db(databases=BOTH_DATABASES)
@pytest.mark.parametrize("year", [1, 999, 3000, 9999])
def test_both_databases_refuse_a_date_no_page_can_show(database, year):
    day = ClosureDay.objects.db_manager(database).create(date=dt.date(2026, 12, 24))
    with pytest.raises(IntegrityError), transaction.atomic(using=database):
        ClosureDay.objects.using(database).filter(pk=day.pk).update(
            date=dt.date(year, 6, 1)
        )


# --- Every date field of every model ------------------------------------------


@pytest.mark.parametrize(("model", "field"), project_date_fields())
def test_every_date_field_refuses_an_implausible_year_next_to_it(model, field):
    for year in (1, 1899, 2101, 9999):
        instance = model(**{field.name: on_its_clock(field, year)})
        with pytest.raises(ValidationError) as caught:
            instance.full_clean()
        assert caught.value.message_dict == {field.name: [REFUSED]}


@pytest.mark.parametrize(("model", "field"), project_date_fields())
def test_every_date_field_takes_the_first_and_the_last_plausible_day(model, field):
    for value in (on_its_clock(field, 1900), on_its_clock(field, 2100, 12, 31)):
        assert implausible_dates(model(**{field.name: value})) == {}


@pytest.mark.parametrize("model", project_models(), ids=lambda m: m._meta.label)
def test_every_date_field_is_checked_by_the_model_and_held_by_the_database(model):
    assert issubclass(model, PlausibleDatesModel)
    held = {
        lookup.split("__")[0]
        for constraint in model._meta.constraints
        if isinstance(constraint, StorableDates)
        for lookup, _value in constraint.condition.children
    }
    assert {field.name for field in date_fields(model)} <= held


def test_the_range_is_a_setting(settings):
    settings.PLAUSIBLE_YEARS = (1950, 2050)
    volunteer = Volunteer(birth_date=dt.date(1949, 12, 31))
    errors = implausible_dates(volunteer)
    assert [error.message % error.params for error in errors["birth_date"]] == [
        "Podaj datę z lat 1950–2050."
    ]
    assert implausible_dates(Volunteer(birth_date=dt.date(1950, 1, 1))) == {}


@pytest.mark.parametrize(
    ("years", "errors"), [((1900, 2100), []), ((800, 2100), ["volunteer_center.E002"])]
)
def test_plausible_years_outside_what_the_database_keeps_stop_start_up(
    settings, years, errors
):
    settings.PLAUSIBLE_YEARS = years
    found = checks.check_plausible_years_are_storable(None)
    assert [error.id for error in found] == errors


# --- Forms, filters, imports that are not a model's own form ------------------


@pytest.mark.parametrize(
    "url",
    [
        reverse("registry:consultation-list"),
        reverse("matching:assignment-list"),
        reverse("matching:hours-list"),
    ],
)
@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31", "10000-01-01"])
def test_a_list_filtered_by_an_absurd_date_says_so_next_to_the_filter(
    coordinator_client, url, day
):
    response = coordinator_client.get(url, {"date_from": day})
    assert response.status_code == 200
    assert response.context["filter"].errors["date_from"]
    assert "date_from" not in response.context["filter"].form.cleaned_data


def test_the_report_refuses_a_period_of_year_1(coordinator_client):
    response = coordinator_client.get(reverse("report"), {"date_from": "0001-01-01"})
    assert response.status_code == 200
    assert REFUSED in response.text


def test_the_import_refuses_a_birth_date_of_year_1(coordinator):
    headers = ["id", "first_name", "last_name", "birth_date", "district"]
    dataset = tablib.Dataset(["", "Maria", "Stara", "01.01.0001", "Bronów"])
    dataset.headers = headers
    result = VolunteerResource().import_data(dataset, dry_run=True, user=coordinator)
    assert result.has_validation_errors()
    errors = result.invalid_rows[0].error_dict
    assert errors == {"birth_date": [REFUSED]}
    assert not Volunteer.objects.exists()
