"""Names sort the Polish way (Dąbrowska before Dudek, Ł after L) on
PostgreSQL and on the quick start's SQLite alike."""

import datetime as dt

import pytest

from registry.models import Institution, Volunteer
from tests.conftest import BOTH_DATABASES
from volunteer_center.core.collation import sort_key

POLISH_ORDER = [
    "Cybulski",
    "Ćwik",
    "Dąbrowska",
    "Dudek",
    "Lis",
    "Łukasik",
    "Mazur",
    "Mueller",
    "Müller",
    "Nowak",
    "Nowak-Kowalska",
    "Nowakowski",
    "Sowa",
    "Ślusarz",
    "Zając",
    "Źrebiec",
    "Żak",
]


def scrambled(names: list[str]) -> list[str]:
    return names[1::2] + names[::-2]


def test_the_python_key_follows_the_polish_alphabet():
    assert sorted(scrambled(POLISH_ORDER), key=sort_key) == POLISH_ORDER


def test_lower_case_comes_before_upper_case_of_the_same_name():
    assert sorted(["Łąka", "łąka", "Laka"], key=sort_key) == ["Laka", "łąka", "Łąka"]


@pytest.mark.django_db(databases=BOTH_DATABASES)
def test_volunteers_sort_the_polish_way(database):
    for name in scrambled(POLISH_ORDER):
        Volunteer.objects.db_manager(database).create(
            first_name="Anna", last_name=name, birth_date=dt.date(1990, 1, 1)
        )
    names = Volunteer.objects.using(database).values_list("last_name", flat=True)
    assert list(names) == POLISH_ORDER


@pytest.mark.django_db(databases=BOTH_DATABASES)
def test_institutions_sort_the_polish_way(database):
    for name in ["Żłobek Nr 1", "Szkoła Podstawowa nr 2", "Świetlica „Promyk”"]:
        Institution.objects.db_manager(database).create(name=name)
    names = Institution.objects.using(database).values_list("name", flat=True)
    expected = ["Szkoła Podstawowa nr 2", "Świetlica „Promyk”", "Żłobek Nr 1"]
    assert list(names) == expected


def test_the_staff_list_shows_volunteers_in_polish_order(
    coordinator_client, make_volunteer
):
    for name in ["Łukasik", "Dudek", "Lis", "Dąbrowska"]:
        make_volunteer(last_name=name)
    response = coordinator_client.get("/wolontariusze/")
    shown = [v.last_name for v in response.context["object_list"]]
    assert shown == ["Dąbrowska", "Dudek", "Lis", "Łukasik"]
