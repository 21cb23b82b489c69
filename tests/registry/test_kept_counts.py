"""The count above a staff list is kept while the tables it counts stand as
they are (volunteer_center/core/figures.py, ``counted``): every write that can
change who is listed shows in the count of the next page, for every filter,
and a date rule counts by the day it is asked on."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from registry import erasure, rules, services
from registry.models import Volunteer
from tests.conftest import BOTH_DATABASES
from volunteer_center.core.figures import Tables, counted

pytestmark = pytest.mark.django_db

URL = reverse("registry:volunteer-list")


def count(client, **filters) -> int:
    return client.get(URL, filters).context["paginator"].count


def count_queries(client, **filters) -> int:
    with CaptureQueriesContext(connection) as captured:
        client.get(URL, filters)
    return sum('SELECT COUNT(*) AS "__count"' in q["sql"] for q in captured)


def test_the_next_page_counts_without_asking_the_database(
    coordinator_client, make_volunteer
):
    make_volunteer(last_name="Kowalska")
    assert count_queries(coordinator_client) == 1
    assert count_queries(coordinator_client) == 0
    assert count(coordinator_client) == 1


def test_a_new_volunteer_is_counted_on_the_next_page(
    coordinator_client, make_volunteer
):
    make_volunteer(last_name="Kowalska")
    assert count(coordinator_client) == 1
    make_volunteer(last_name="Wiśniewska", email="w@example.pl")
    assert count(coordinator_client) == 2


def test_skills_and_availability_given_count_in_their_filters(
    coordinator_client, coordinator, make_volunteer, skills
):
    skill = next(iter(skills.values()))
    volunteer = make_volunteer(last_name="Kowalska")
    assert count(coordinator_client, skill=skill.pk) == 0
    assert count(coordinator_client, day=2) == 0
    services.volunteer_update(
        actor=coordinator,
        volunteer=volunteer,
        fields={},
        skills=[skill],
        availability={(2, "evening")},
    )
    assert count(coordinator_client, skill=skill.pk) == 1
    assert count(coordinator_client, day=2) == 1


def test_status_and_erasure_count_on_the_next_page(
    coordinator_client, coordinator, make_volunteer
):
    volunteer = make_volunteer(last_name="Kowalska")
    assert count(coordinator_client, status="candidate") == 1
    services.volunteer_mark_former(actor=coordinator, volunteer=volunteer)
    assert count(coordinator_client, status="candidate") == 0
    assert count(coordinator_client) == 1
    erasure.volunteer_anonymise(actor=coordinator, volunteer=volunteer)
    assert count(coordinator_client) == 0


def test_the_under_18_filter_counts_by_the_day_asked(
    coordinator_client, make_volunteer, monkeypatch
):
    today = timezone.localdate()
    tomorrow = today + dt.timedelta(days=1)
    make_volunteer(
        last_name="Kowalska",
        birth_date=rules.adult_born_by(tomorrow),
        guardian_name="Ewa Kowalska",
        guardian_email="ewa@example.pl",
    )
    assert count(coordinator_client, minor="yes") == 1
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    assert count(coordinator_client, minor="yes") == 0
    assert count(coordinator_client, minor="no") == 1


@pytest.mark.django_db(databases=BOTH_DATABASES)
def test_a_kept_count_is_the_count_on_either_database(database):
    volunteers = Volunteer.objects.using(database)
    Volunteer.objects.db_manager(database).create(
        first_name="Anna", last_name="Nowak", birth_date=dt.date(1990, 1, 1)
    )
    # History rows go to the default database (see test_aggregates): the
    # quick start has only one, so its tables are asked for there.
    tables = Tables([Volunteer], using=database)
    assert counted(volunteers, depends_on=[Volunteer], tables=tables) == 1
    assert counted(volunteers.filter(last_name="Kowalska"), depends_on=[]) == 0
