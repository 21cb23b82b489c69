"""A volunteer who changes an id in a URL of the area reaches nothing of
another volunteer's: every address with an id answers 404, and nothing
changes."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from agreements import services as agreement_services
from matching import services
from matching.models import Assignment, VisitAbsence
from tests.fixtures.agreements import sign_agreement
from tests.fixtures.matching import TUESDAY
from tests.volunteer_area.conftest import area_client_for

pytestmark = pytest.mark.django_db
AREA = "/strefa-wolontariusza/"
# The day after the first visit: its hours are in, the second visit ahead.
NOW = dt.datetime(2027, 3, 3, 12)
AGREEMENT = {
    "scope": "Pomoc w zakupach u seniorów.",
    "manner": "Wizyty raz w tygodniu po 2 godziny.",
    "place": "Czechowice-Dziedzice",
    "date_from": dt.date(2027, 3, 1),
    "date_to": dt.date(2027, 12, 31),
    "safety_info_given": True,
    "cost_reimbursement": "Bez zwrotu kosztów.",
}


@pytest.fixture
def owned(area_volunteer, weekly_assignment, coordinator):
    """Ola's signed agreement, certificate and reference, with approved hours."""
    with time_machine.travel(NOW):
        return _documents(area_volunteer, weekly_assignment, coordinator)


def _documents(area_volunteer, weekly_assignment, coordinator) -> dict:
    services.assignment_activate(actor=coordinator, assignment=weekly_assignment)
    entry = services.hours_log(
        actor=coordinator,
        assignment=weekly_assignment,
        date=TUESDAY,
        hours=Decimal(2),
    )
    services.hours_approve(actor=coordinator, entries=[entry])
    agreement = agreement_services.agreement_create(
        actor=coordinator, kind="volunteer", party=area_volunteer, fields=AGREEMENT
    )
    sign_agreement(actor=coordinator, agreement=agreement)
    period = {"date_from": dt.date(2027, 3, 1), "date_to": dt.date(2027, 3, 2)}
    certificate = agreement_services.certificate_issue(
        actor=coordinator, volunteer=area_volunteer, **period
    )
    reference = agreement_services.reference_issue(
        actor=coordinator, volunteer=area_volunteer, assessment="Rzetelna.", **period
    )
    return {
        "skierowania/{}/": weekly_assignment.pk,
        "skierowania/{}/nie-moge/2027-03-09/": weekly_assignment.pk,
        "dokumenty/porozumienia/{}/": agreement.pk,
        "dokumenty/zaswiadczenia/{}/": certificate.pk,
        "dokumenty/opinie/{}/": reference.pk,
    }


def test_every_own_address_opens_for_its_owner(owned, area_volunteer):
    with time_machine.travel(NOW):
        client = area_client_for(area_volunteer)
        statuses = {
            path: client.get(AREA + path.format(pk)).status_code
            for path, pk in owned.items()
        }
    assert set(statuses.values()) == {200}, statuses


def test_another_volunteer_changing_the_id_finds_nothing(owned, active_volunteer):
    with time_machine.travel(NOW):
        stranger = area_client_for(active_volunteer(first_name="Obcy"))
        statuses = {
            path: stranger.get(AREA + path.format(pk)).status_code
            for path, pk in owned.items()
        }
    assert set(statuses.values()) == {404}, statuses


def test_another_volunteer_cannot_answer_or_call_off(
    weekly_assignment, active_volunteer
):
    stranger = area_client_for(active_volunteer(first_name="Obcy"))
    pk = weekly_assignment.pk
    answer = stranger.post(f"{AREA}skierowania/{pk}/odpowiedz/", {"answer": "decline"})
    call_off = stranger.post(
        f"{AREA}skierowania/{pk}/nie-moge/2027-03-09/", {"reason": "Wyjazd"}
    )
    assert (answer.status_code, call_off.status_code) == (404, 404)
    weekly_assignment.refresh_from_db()
    assert weekly_assignment.status == Assignment.Status.ACCEPTED
    assert not VisitAbsence.objects.exists()
