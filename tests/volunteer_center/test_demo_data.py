import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection

from agreements.models import Agreement
from matching.models import Assignment, HelpRequest, HoursEntry, Programme
from registry.advice.selectors import walk_in_visits
from registry.models import (
    Availability,
    Beneficiary,
    Consultation,
    ContactPerson,
    Institution,
    Volunteer,
)

pytestmark = pytest.mark.django_db

SMALL = {"volunteers": 40, "beneficiaries": 12, "institutions": 36, "quiet": True}


def _clear_matching():
    # Agreements, requests, assignments and visits protect the people they name.
    for model in (
        Agreement,
        HoursEntry,
        Assignment,
        HelpRequest,
        Programme,
        Consultation,
    ):
        model.objects.all().delete()


def _names():
    return list(
        Volunteer.objects.order_by("pk").values_list("first_name", "last_name", "pesel")
    )


def test_demo_data_creates_the_requested_numbers_of_records():
    call_command("demo_data", **SMALL)
    assert Volunteer.objects.count() == 40
    # The planner has statistics of the rows just written (registry.demo.rows
    # .analyze): planned as over empty tables, a later query took a minute.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE oid = %s::regclass",
            [Volunteer._meta.db_table],
        )
        assert cursor.fetchone() == (40,)
    assert Beneficiary.objects.count() == 12
    assert Institution.objects.count() == 36
    assert ContactPerson.objects.count() >= 36
    assert Availability.objects.count() >= 2 * 40


def test_every_demo_record_obeys_the_models_rules():
    call_command("demo_data", **SMALL)
    for model in (Volunteer, Beneficiary, Institution, ContactPerson):
        for obj in model.objects.all():
            obj.full_clean()  # PESEL, NIP, REGON, phones, postal codes, guardians


def test_demo_data_is_realistic_polish_data():
    call_command("demo_data", **SMALL)
    text = " ".join(f"{a} {b}" for a, b, _p in _names())
    assert any(letter in text for letter in "ąćęłńóśźżŁŚŻ")
    assert Volunteer.objects.minors().exists()
    for minor in Volunteer.objects.minors():
        assert minor.guardian_consent
    assert Beneficiary.objects.filter(social_worker__username="pracownik").exists()
    assert Beneficiary.objects.filter(social_worker__username="pracownik2").exists()
    assert Volunteer.objects.search("czechowice").exists() is False
    volunteer = Volunteer.objects.first()
    assert volunteer.search_text  # built although bulk_create skips save()
    assert Volunteer.objects.search(volunteer.last_name).filter(pk=volunteer.pk)
    assert volunteer.history.count() == 1


def test_the_same_seed_gives_the_same_data():
    call_command("demo_data", seed=7, **SMALL)
    first = _names()
    _clear_matching()
    Volunteer.objects.all().delete()
    Beneficiary.objects.all().delete()
    Institution.objects.all().delete()
    call_command("demo_data", seed=7, **SMALL)
    assert _names() == first
    _clear_matching()
    Volunteer.objects.all().delete()
    call_command("demo_data", seed=8, volunteers=40, beneficiaries=0, institutions=0)
    assert _names() != first


def test_the_advice_register_has_visits_and_a_walk_in_person_who_came_twice():
    call_command("demo_data", **SMALL)
    visits = Consultation.objects.all()
    assert {v.status for v in visits} == {"held", "planned"}
    assert visits.exclude(volunteer=None).exists()
    assert visits.exclude(beneficiary=None).exists()
    teresa = visits.filter(walk_in_name="Teresa Kubica").first()
    assert teresa.is_walk_in and walk_in_visits(teresa).count() == 2


def test_if_empty_adds_nothing_when_volunteers_exist():
    call_command("demo_data", **SMALL)
    out = io.StringIO()
    call_command("demo_data", if_empty=True, volunteers=40, stdout=out)
    assert Volunteer.objects.count() == 40
    assert "no demo data added" in out.getvalue()


def test_demo_logins_refuses_without_debug():
    with pytest.raises(CommandError):
        call_command("demo_logins")


def test_demo_logins_sets_a_password_for_each_role(settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    printed = out.getvalue()
    for username in ("koordynator", "pracownik", "admin"):
        assert f"demo-{username}" in printed
        user = get_user_model().objects.get(username=username)
        assert user.check_password(f"demo-{username}")
        assert user.groups.exists()
