"""Anonymisation (RODO art. 17) of every kind of person, at every status and
age: a former minor used to give a server error (a CHECK constraint pairs the
guardian's consent with the guardian's name)."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from matching import services as matching_services
from registry import services
from registry.models import Beneficiary, Volunteer
from tests.fixtures.registry import make_pesel

TODAY = dt.datetime(2026, 6, 15, 12)
GUARDIAN = {
    "guardian_name": "Marek Wiśniewski",
    "guardian_email": "marek@example.pl",
    "guardian_consent": True,
    "guardian_consent_on": dt.date(2024, 3, 1),
}
# Born on a day, with the fields a person of that age needs.
VOLUNTEER_AGES = {
    "adult": (dt.date(1990, 5, 17), {}),
    "minor": (dt.date(2010, 2, 3), GUARDIAN),
    "former minor, adult now": (dt.date(2007, 9, 1), GUARDIAN),
    "born on 29 February": (dt.date(2008, 2, 29), {}),
}


def _volunteer(coordinator, born, extra, status):
    # A minor's record is made when they were 16, as a former minor's was.
    made = dt.datetime(born.year + 16, 6, 1, 12) if extra else TODAY
    with time_machine.travel(made):
        volunteer = services.volunteer_create(
            actor=coordinator,
            fields={
                "first_name": "Zofia",
                "last_name": "Wiśniewska",
                "birth_date": born,
                "pesel": make_pesel(born),
                "email": "zofia@example.pl",
                "phone": "600 100 200",
                "street": "ul. Traugutta 5",
                "postal_code": "43-502",
                "notes": "Zna język migowy.",
                "criminal_record_checked_on": made.date(),
                **extra,
            },
        )
    moves = {
        "candidate": [],
        "active": [services.volunteer_activate],
        "paused": [services.volunteer_activate, services.volunteer_pause],
        "former": [services.volunteer_activate, services.volunteer_mark_former],
    }[status]
    with time_machine.travel(made):
        for move in moves:
            volunteer = move(actor=coordinator, volunteer=volunteer)
    return volunteer


@pytest.mark.parametrize("age", VOLUNTEER_AGES)
@pytest.mark.parametrize("status", ["candidate", "active", "paused", "former"])
def test_anonymising_a_volunteer_at_every_status_and_age(coordinator, age, status):
    born, extra = VOLUNTEER_AGES[age]
    volunteer = _volunteer(coordinator, born, extra, status)

    with time_machine.travel(TODAY):
        if status != "former":
            with pytest.raises(services.RegistryError) as refusal:
                services.volunteer_anonymise(actor=coordinator, volunteer=volunteer)
            assert "byłego wolontariusza" in str(refusal.value.message)
            volunteer.refresh_from_db()
            assert not volunteer.is_anonymised
            return
        services.volunteer_anonymise(actor=coordinator, volunteer=volunteer)

    volunteer.refresh_from_db()
    assert volunteer.is_anonymised
    identifying = [
        volunteer.first_name,
        volunteer.last_name,
        volunteer.pesel,
        volunteer.email,
        volunteer.phone,
        volunteer.street,
        volunteer.notes,
        volunteer.guardian_name,
        volunteer.guardian_email,
    ]
    assert not any("Wiśniew" in value or "@" in value for value in identifying)
    assert (volunteer.pesel, volunteer.phone, volunteer.notes) == ("", "", "")
    assert not volunteer.guardian_consent
    assert volunteer.criminal_record_checked_on is None
    assert volunteer.birth_date == born.replace(day=1, month=1)
    assert not volunteer.history.filter(last_name="Wiśniewska").exists()


@pytest.mark.parametrize(
    "born", [None, dt.date(1940, 5, 1), dt.date(2012, 1, 9), dt.date(1944, 2, 29)]
)
@pytest.mark.parametrize("status", ["active", "inactive"])
def test_anonymising_a_beneficiary_at_every_status_and_age(
    coordinator, make_beneficiary, born, status
):
    beneficiary = make_beneficiary(
        birth_date=born,
        status=status,
        phone="32 214 11 11",
        street="ul. Nad Białką 10/2",
        needs="Zakupy raz w tygodniu, porusza się o kulach.",
        notes="Córka dzwoni wieczorem.",
    )

    if status == "active":
        with pytest.raises(services.RegistryError) as refusal:
            services.beneficiary_anonymise(actor=coordinator, beneficiary=beneficiary)
        assert "nie korzysta już z pomocy" in str(refusal.value.message)
        return
    services.beneficiary_anonymise(actor=coordinator, beneficiary=beneficiary)

    beneficiary.refresh_from_db()
    assert beneficiary.is_anonymised
    assert "Kowalski" not in str(beneficiary)
    assert (beneficiary.phone, beneficiary.street, beneficiary.needs) == ("", "", "")
    assert beneficiary.notes == ""
    assert beneficiary.birth_date == (born and born.replace(day=1, month=1))
    assert not beneficiary.history.filter(last_name="Kowalski").exists()


def test_a_beneficiarys_requests_lose_what_describes_them(
    coordinator, make_beneficiary, categories
):
    beneficiary = make_beneficiary(street="ul. Nad Białką 10/2")
    request = matching_services.help_request_create(
        actor=coordinator,
        fields={
            "beneficiary": beneficiary,
            "title": "Zakupy dla pana Jana Kowalskiego",
            "category": categories["Zakupy i sprawunki"],
            "description": "Mieszka sam, porusza się o kulach.",
            "address": "ul. Nad Białką 10/2",
            "kind": "once",
            "date_from": dt.date(2026, 3, 2),
            "date_to": dt.date(2026, 3, 2),
        },
        slots=[(0, dt.time(10), dt.time(12))],
    )
    services.beneficiary_update(
        actor=coordinator, beneficiary=beneficiary, fields={"status": "inactive"}
    )

    services.beneficiary_anonymise(actor=coordinator, beneficiary=beneficiary)

    request.refresh_from_db()
    assert (request.title, request.description, request.address) == (
        "Zakupy i sprawunki",
        "",
        "",
    )
    assert not request.history.filter(address__contains="Białką").exists()


def test_the_staff_page_anonymises_a_former_minor(coordinator, coordinator_client):
    born, extra = VOLUNTEER_AGES["former minor, adult now"]
    volunteer = _volunteer(coordinator, born, extra, "former")

    response = coordinator_client.post(
        reverse("registry:volunteer-anonymise", args=[volunteer.pk])
    )

    assert response.status_code == 302
    assert Volunteer.objects.get(pk=volunteer.pk).is_anonymised


def test_the_staff_page_anonymises_a_former_beneficiary(
    coordinator_client, make_beneficiary
):
    beneficiary = make_beneficiary(status="inactive")

    response = coordinator_client.post(
        reverse("registry:beneficiary-anonymise", args=[beneficiary.pk]),
        {"action": "anonymise"},
    )

    assert response.status_code == 302
    assert Beneficiary.objects.get(pk=beneficiary.pk).is_anonymised


def test_a_social_worker_cannot_anonymise_a_beneficiary(
    social_worker, social_worker_client, make_beneficiary
):
    beneficiary = make_beneficiary(status="inactive", social_worker=social_worker)

    response = social_worker_client.post(
        reverse("registry:beneficiary-anonymise", args=[beneficiary.pk]),
        {"action": "anonymise"},
    )

    assert response.status_code == 403
    assert not Beneficiary.objects.get(pk=beneficiary.pk).is_anonymised
