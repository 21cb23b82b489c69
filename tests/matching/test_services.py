"""Every rule of matching, each with a test that fails when the rule breaks."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core import mail

from matching import services
from matching.models import Assignment, HelpRequest, HoursEntry
from matching.services import MatchingError
from registry import services as registry_services
from tests.fixtures.registry import vetted
from tests.matching.conftest import MONDAY, TUESDAY

pytestmark = pytest.mark.django_db


def propose_and_accept(coordinator, request, volunteer):
    assignment = services.assignment_propose(
        actor=coordinator, request=request, volunteer=volunteer
    )
    return services.assignment_accept(actor=coordinator, assignment=assignment)


# --- Requests -----------------------------------------------------------------


def test_one_off_request_gets_one_slot_on_its_weekday(make_request):
    request = make_request(slots=[(5, dt.time(9), dt.time(11))])
    (slot,) = request.slots.all()
    assert slot.weekday == TUESDAY.weekday()
    assert request.date_to == request.date_from


def test_social_worker_files_only_for_own_beneficiaries(
    social_worker, other_social_worker, make_beneficiary, category
):
    own = make_beneficiary(social_worker=social_worker)
    other = make_beneficiary(social_worker=other_social_worker, last_name="Inny")
    fields = {
        "title": "Pomoc",
        "category": category,
        "kind": "once",
        "date_from": TUESDAY,
        "date_to": TUESDAY,
    }
    slot = [(1, dt.time(9), dt.time(10))]
    request = services.help_request_create(
        actor=social_worker, fields={**fields, "beneficiary": own}, slots=slot
    )
    assert request.status == HelpRequest.Status.NEW
    assert request.created_by == social_worker
    with pytest.raises(MatchingError, match=r"swoich|own"):
        services.help_request_create(
            actor=social_worker, fields={**fields, "beneficiary": other}, slots=slot
        )


def test_request_status_moves_only_along_the_lifecycle(make_request, coordinator):
    request = make_request()
    with pytest.raises(MatchingError):
        services.help_request_complete(actor=coordinator, request=request)
    services.help_request_cancel(
        actor=coordinator, request=request, reason="nieaktualne"
    )
    request.refresh_from_db()
    assert request.status == HelpRequest.Status.CANCELLED
    # A cancelled request is reopened (help_request_reopen), not opened.
    with pytest.raises(MatchingError):
        services.help_request_open(actor=coordinator, request=request)


def test_weekly_request_needs_end_not_before_start(make_request):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        make_request(kind="weekly", date_to=MONDAY - dt.timedelta(days=1))


# --- Places and double booking ------------------------------------------------


def test_never_more_accepted_than_needed(make_request, active_volunteer, coordinator):
    request = make_request(needed=1)
    first = active_volunteer(first_name="Ala", email="ala@example.pl")
    second = active_volunteer(first_name="Ola", email="ola@example.pl")
    a1 = services.assignment_propose(
        actor=coordinator, request=request, volunteer=first
    )
    a2 = services.assignment_propose(
        actor=coordinator, request=request, volunteer=second
    )
    services.assignment_accept(actor=coordinator, assignment=a1)
    with pytest.raises(MatchingError, match=r"zajęte|taken"):
        services.assignment_accept(actor=coordinator, assignment=a2)
    request.refresh_from_db()
    assert request.status == HelpRequest.Status.STAFFED
    assert request.assignments.holding_place().count() == 1


def test_cancelling_an_accepted_assignment_frees_the_place(
    make_request, active_volunteer, coordinator
):
    request = make_request(needed=1)
    assignment = propose_and_accept(coordinator, request, active_volunteer())
    services.assignment_cancel(actor=coordinator, assignment=assignment)
    request.refresh_from_db()
    assert request.status == HelpRequest.Status.OPEN
    assignment.refresh_from_db()
    assert assignment.place is None


def test_database_refuses_two_holders_of_one_place(
    make_request, active_volunteer, coordinator
):
    from django.db import IntegrityError, transaction

    request = make_request(needed=2)
    a1 = propose_and_accept(coordinator, request, active_volunteer(first_name="Ala"))
    other = active_volunteer(first_name="Ola")
    a2 = services.assignment_propose(
        actor=coordinator, request=request, volunteer=other
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.filter(pk=a2.pk).update(status="accepted", place=a1.place)


def test_volunteer_is_never_in_two_overlapping_assignments(
    make_request, active_volunteer, coordinator
):
    volunteer = active_volunteer()
    first = make_request(title="Zakupy")
    second = make_request(title="Spacer", slots=[(1, dt.time(10), dt.time(12))])
    propose_and_accept(coordinator, first, volunteer)
    with pytest.raises(MatchingError, match="Zakupy"):
        services.assignment_propose(
            actor=coordinator, request=second, volunteer=volunteer
        )


def test_two_proposals_that_clash_cannot_both_be_accepted(
    make_request, active_volunteer, coordinator
):
    volunteer = active_volunteer()
    first = make_request(title="Zakupy")
    second = make_request(title="Spacer", slots=[(1, dt.time(10), dt.time(12))])
    p1 = services.assignment_propose(
        actor=coordinator, request=first, volunteer=volunteer
    )
    p2 = services.assignment_propose(
        actor=coordinator, request=second, volunteer=volunteer
    )
    services.assignment_accept(actor=coordinator, assignment=p1)
    with pytest.raises(MatchingError, match="Zakupy"):
        services.assignment_accept(actor=coordinator, assignment=p2)


def test_weekly_hours_cap_is_respected(make_request, active_volunteer, coordinator):
    volunteer = active_volunteer(max_hours_per_week=3, availability={(1, "morning")})
    first = make_request(title="Zakupy", slots=[(1, dt.time(8), dt.time(10))])
    propose_and_accept(coordinator, first, volunteer)
    second = make_request(title="Spacer", slots=[(1, dt.time(10), dt.time(12))])
    with pytest.raises(MatchingError, match="3"):
        services.assignment_propose(
            actor=coordinator, request=second, volunteer=volunteer
        )


def test_adults_only_request_refuses_a_minor(
    make_request, active_volunteer, coordinator
):
    minor = active_volunteer(
        birth_date=dt.date(2010, 6, 1),
        guardian_name="Jan Nowak",
        guardian_phone="601234567",
        guardian_consent=True,
    )
    request = make_request(adults_only=True)
    with pytest.raises(MatchingError, match="18"):
        services.assignment_propose(actor=coordinator, request=request, volunteer=minor)


def test_minor_without_guardian_consent_cannot_be_directed(
    make_request, active_volunteer, coordinator
):
    from registry.models import Volunteer

    minor = active_volunteer(
        birth_date=dt.date(2010, 6, 1),
        guardian_name="Jan Nowak",
        guardian_phone="601234567",
        guardian_consent=True,
    )
    # Consent withdrawn later (e.g. corrected by an import).
    Volunteer.objects.filter(pk=minor.pk).update(guardian_consent=False)
    request = make_request()
    with pytest.raises(MatchingError, match=r"opiekuna|guardian"):
        services.assignment_propose(actor=coordinator, request=request, volunteer=minor)


def test_work_with_minors_needs_current_vetting(
    make_request, active_volunteer, coordinator
):
    volunteer = active_volunteer()
    request = make_request(involves_minors=True)
    with pytest.raises(MatchingError, match=r"KRK|rejestr|criminal"):
        services.assignment_propose(
            actor=coordinator, request=request, volunteer=volunteer
        )
    registry_services.volunteer_update(
        actor=coordinator,
        volunteer=volunteer,
        fields=vetted(dt.date(2026, 11, 1)),
    )
    assert services.assignment_propose(
        actor=coordinator, request=request, volunteer=volunteer
    )


def test_driving_licence_rule(make_request, active_volunteer, coordinator):
    volunteer = active_volunteer()
    request = make_request(driving_licence_required=True)
    with pytest.raises(MatchingError, match=r"prawo jazdy|licence"):
        services.assignment_propose(
            actor=coordinator, request=request, volunteer=volunteer
        )


def test_inactive_volunteer_cannot_be_directed(
    make_request, make_volunteer, coordinator
):
    candidate = make_volunteer(availability={(1, "morning")})
    with pytest.raises(MatchingError):
        services.assignment_propose(
            actor=coordinator, request=make_request(), volunteer=candidate
        )


def test_long_assignment_needs_a_written_agreement_to_start(
    make_request, active_volunteer, coordinator
):
    volunteer = active_volunteer()
    request = make_request(
        kind="weekly", date_from=MONDAY, date_to=MONDAY + dt.timedelta(days=60)
    )
    assignment = propose_and_accept(coordinator, request, volunteer)
    with pytest.raises(MatchingError, match="30"):
        services.assignment_activate(actor=coordinator, assignment=assignment)
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.ACCEPTED


def test_short_assignment_starts_without_an_agreement(
    make_request, active_volunteer, coordinator
):
    request = make_request()
    assignment = propose_and_accept(coordinator, request, active_volunteer())
    services.assignment_activate(actor=coordinator, assignment=assignment)
    request.refresh_from_db()
    assert request.status == HelpRequest.Status.IN_PROGRESS


def test_every_step_records_who_acted(make_request, active_volunteer, coordinator):
    assignment = propose_and_accept(coordinator, make_request(), active_volunteer())
    assert assignment.proposed_by == coordinator
    assert assignment.status_changed_by == coordinator
    history = list(assignment.history.order_by("history_date"))
    assert [h.status for h in history] == ["proposed", "accepted"]
    assert {h.history_user for h in history} == {coordinator}


# --- E-mail -------------------------------------------------------------------


def test_contacting_sends_a_link_the_volunteer_answers_without_login(
    make_request,
    active_volunteer,
    coordinator,
    client,
    django_capture_on_commit_callbacks,
):
    volunteer = active_volunteer(email="ala@example.pl")
    request = make_request()
    assignment = services.assignment_propose(
        actor=coordinator, request=request, volunteer=volunteer
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.assignment_contact(actor=coordinator, assignment=assignment)
    (message,) = mail.outbox
    assert message.to == ["ala@example.pl"]
    link = next(line for line in message.body.splitlines() if "/odpowiedz/" in line)
    path = link[link.index("/odpowiedz/") :]
    page = client.get(path)
    assert page.status_code == 200
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.CONTACTED  # GET changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        client.post(path, {"answer": "accept"})
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.ACCEPTED
    # The request is now staffed: the social worker who owns it is told.
    assert request.beneficiary.social_worker.email in mail.outbox[-1].to
    assert "obsadzone" in mail.outbox[-1].body or "staffed" in mail.outbox[-1].body


def test_tampered_or_expired_link_is_refused(
    make_request, active_volunteer, coordinator, client
):
    assignment = services.assignment_propose(
        actor=coordinator, request=make_request(), volunteer=active_volunteer()
    )
    token = services.response_token(assignment)
    assert client.get(f"/odpowiedz/{token}x/").status_code == 400
    with time_machine.travel(dt.datetime.now() + dt.timedelta(days=8)):
        response = client.post(f"/odpowiedz/{token}/", {"answer": "accept"})
    assert response.status_code == 400
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.PROPOSED


def test_declining_by_link(make_request, active_volunteer, coordinator, client):
    assignment = services.assignment_propose(
        actor=coordinator, request=make_request(), volunteer=active_volunteer()
    )
    token = services.response_token(assignment)
    client.post(f"/odpowiedz/{token}/", {"answer": "decline"})
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.DECLINED


# --- Hours --------------------------------------------------------------------


def test_hours_are_logged_approved_and_totalled(
    make_request, active_volunteer, coordinator
):
    from matching import selectors

    volunteer = active_volunteer()
    request = make_request()
    assignment = propose_and_accept(coordinator, request, volunteer)
    services.assignment_activate(actor=coordinator, assignment=assignment)
    with time_machine.travel(dt.datetime(2027, 3, 3, 12)):
        with pytest.raises(MatchingError):
            services.hours_log(
                actor=coordinator,
                assignment=assignment,
                date=TUESDAY + dt.timedelta(days=1),
                hours=Decimal(2),
            )
        entry = services.hours_log(
            actor=coordinator, assignment=assignment, date=TUESDAY, hours=Decimal("2.5")
        )
    totals = selectors.hours_totals(volunteer_id=volunteer.pk)
    assert (totals.approved, totals.awaiting) == (0, Decimal("2.5"))
    assert services.hours_approve(actor=coordinator, entries=[entry]) == 1
    entry.refresh_from_db()
    assert (
        entry.status == HoursEntry.Status.APPROVED and entry.approved_by == coordinator
    )
    for kwargs in (
        {"volunteer_id": volunteer.pk},
        {"request_id": request.pk},
        {"beneficiary_id": request.beneficiary_id},
        {"date_from": TUESDAY, "date_to": TUESDAY},
    ):
        assert selectors.hours_totals(**kwargs).approved == Decimal("2.5")
    assert selectors.hours_totals(date_from=TUESDAY + dt.timedelta(days=1)).total == 0


def test_hours_need_an_active_assignment(make_request, active_volunteer, coordinator):
    assignment = services.assignment_propose(
        actor=coordinator, request=make_request(), volunteer=active_volunteer()
    )
    with pytest.raises(MatchingError):
        services.hours_log(
            actor=coordinator, assignment=assignment, date=TUESDAY, hours=Decimal(1)
        )


def test_filer_is_told_when_the_last_place_is_taken_even_with_work_started(
    make_request, active_volunteer, coordinator, django_capture_on_commit_callbacks
):
    request = make_request(needed=2)
    first = services.assignment_propose(
        actor=coordinator, request=request, volunteer=active_volunteer(first_name="A")
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.assignment_accept(actor=coordinator, assignment=first)
        services.assignment_activate(actor=coordinator, assignment=first)
    assert mail.outbox == []  # one place is still free
    second = services.assignment_propose(
        actor=coordinator, request=request, volunteer=active_volunteer(first_name="B")
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.assignment_accept(actor=coordinator, assignment=second)
    (message,) = mail.outbox
    assert request.beneficiary.social_worker.email in message.to
    request.refresh_from_db()
    assert request.status == HelpRequest.Status.IN_PROGRESS
