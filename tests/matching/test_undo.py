"""Irreversible or heavy actions ask first and can be undone where the law
allows: a former volunteer is reactivated, a request is cancelled with a reason
and reopened, an hours entry is corrected or rejected before and after
approval, with the history; "Log and approve" does both."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from matching import selectors, services
from matching.errors import MatchingError
from matching.models import HelpRequest, HoursEntry
from registry import services as registry_services
from registry.models import Volunteer
from tests.fixtures.matching import TUESDAY

pytestmark = pytest.mark.django_db

AFTER = dt.datetime(2027, 3, 10, 12)


@pytest.fixture
def working(make_request, active_volunteer, coordinator):
    """An active assignment on Tuesday 2 March 2027, seen from 10 March."""
    assignment = services.assignment_propose(
        actor=coordinator, request=make_request(), volunteer=active_volunteer()
    )
    services.assignment_accept(actor=coordinator, assignment=assignment)
    with time_machine.travel(AFTER):
        services.assignment_activate(actor=coordinator, assignment=assignment)
    return assignment


def _log(coordinator, assignment, hours="2"):
    with time_machine.travel(AFTER):
        return services.hours_log(
            actor=coordinator, assignment=assignment, date=TUESDAY, hours=Decimal(hours)
        )


def test_a_former_volunteer_is_reactivated(
    make_volunteer, coordinator, coordinator_client
):
    volunteer = make_volunteer()
    registry_services.volunteer_mark_former(actor=coordinator, volunteer=volunteer)
    page = coordinator_client.get(volunteer.get_absolute_url()).content.decode()
    assert "Przywróć jako aktywnego" in page
    coordinator_client.post(
        reverse("registry:volunteer-status", args=[volunteer.pk]),
        {"action": "activate"},
    )
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.ACTIVE


def test_marking_former_and_anonymising_ask_for_confirmation(
    make_volunteer, coordinator_client
):
    volunteer = make_volunteer()
    page = coordinator_client.get(volunteer.get_absolute_url()).content.decode()
    former = page[page.index('value="former"') :][:400]
    assert "data-confirm=" in former


def test_a_request_is_cancelled_only_with_a_reason_and_can_be_reopened(
    make_request, coordinator, coordinator_client
):
    request = make_request()
    url = reverse("matching:request-status", args=[request.pk])
    coordinator_client.post(url, {"action": "cancel", "reason": "  "})
    request.refresh_from_db()
    assert request.status == HelpRequest.Status.OPEN
    coordinator_client.post(url, {"action": "cancel", "reason": "Rodzina wyjechała"})
    request.refresh_from_db()
    assert (request.status, request.cancellation_reason) == (
        HelpRequest.Status.CANCELLED,
        "Rodzina wyjechała",
    )
    page = coordinator_client.get(request.get_absolute_url()).content.decode()
    assert "Powód anulowania: Rodzina wyjechała" in page
    coordinator_client.post(url, {"action": "reopen"})
    request.refresh_from_db()
    assert (request.status, request.cancellation_reason) == (
        HelpRequest.Status.OPEN,
        "",
    )
    reasons = [h.cancellation_reason for h in request.history.order_by("history_date")]
    assert "Rodzina wyjechała" in reasons


def test_only_a_cancelled_request_is_reopened(make_request, coordinator):
    with pytest.raises(MatchingError):
        services.help_request_reopen(actor=coordinator, request=make_request())


def test_log_and_approve_does_both(working, coordinator, client):
    url = reverse("matching:hours-log", args=[working.pk])
    with time_machine.travel(AFTER):
        client.force_login(coordinator)
        assert "Wpisz i zatwierdź" in client.get(url).content.decode()
        client.post(url, {"date": TUESDAY.isoformat(), "hours": "2.5", "approve": "1"})
    entry = HoursEntry.objects.get()
    assert entry.status == HoursEntry.Status.APPROVED


def test_an_approved_entry_is_corrected_and_waits_for_approval_again(
    working, coordinator, client
):
    entry = _log(coordinator, working)
    services.hours_approve(actor=coordinator, entries=[entry])
    with time_machine.travel(AFTER):
        client.force_login(coordinator)
        client.post(
            reverse("matching:hours-change", args=[entry.pk]),
            {
                "date": TUESDAY.isoformat(),
                "hours": "1.5",
                "reason": "pomyłka przy wpisie",
                "action": "correct",
            },
        )
    entry.refresh_from_db()
    assert (entry.hours, entry.status, entry.approved_by) == (
        Decimal("1.5"),
        HoursEntry.Status.LOGGED,
        None,
    )
    old = entry.history.order_by("history_id").values_list("hours", "status")
    assert list(old) == [
        (Decimal("2"), "logged"),
        (Decimal("2"), "approved"),
        (Decimal("1.5"), "logged"),
    ]


@pytest.mark.parametrize("approved_first", [False, True])
def test_a_rejected_entry_no_longer_counts(working, coordinator, approved_first):
    entry = _log(coordinator, working, hours="3")
    if approved_first:
        services.hours_approve(actor=coordinator, entries=[entry])
    services.hours_reject(actor=coordinator, entry=entry, reason="nie było dyżuru")
    entry.refresh_from_db()
    assert entry.status == HoursEntry.Status.REJECTED
    totals = selectors.hours_totals(volunteer_id=working.volunteer_id)
    assert (totals.approved, totals.awaiting) == (0, 0)
    listed = selectors.request_assignments(working.request).get()
    assert not listed.hours_total
    with pytest.raises(MatchingError):
        services.hours_reject(actor=coordinator, entry=entry, reason="znowu")


def test_a_rejection_needs_a_reason(working, coordinator):
    entry = _log(coordinator, working)
    with pytest.raises(MatchingError):
        services.hours_reject(actor=coordinator, entry=entry, reason=" ")


def test_rejecting_asks_for_confirmation(working, coordinator, coordinator_client):
    _log(coordinator, working)
    page = coordinator_client.get(reverse("matching:hours-log", args=[working.pk]))
    html = page.content.decode()
    reject = html[html.index('value="reject"') :][:300]
    assert "data-confirm=" in reject
