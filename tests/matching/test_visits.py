"""One visit called off; the host institution confirms hours."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from matching import services
from matching.models import HoursEntry, VisitAbsence
from registry.models import ContactPerson
from tests.fixtures.matching import TUESDAY
from tests.fixtures.registry import vetted
from volunteer_center.core.actors import SelfServiceActor

pytestmark = pytest.mark.django_db
WEEKLY = {"kind": "weekly", "date_from": TUESDAY}


def _accepted(request, volunteer, coordinator):
    assignment = services.assignment_propose(
        actor=coordinator, request=request, volunteer=volunteer
    )
    return services.assignment_accept(actor=coordinator, assignment=assignment)


def test_one_visit_of_a_weekly_assignment_is_called_off_and_staff_are_told(
    make_request,
    active_volunteer,
    coordinator,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    volunteer = active_volunteer()
    assignment = _accepted(make_request(**WEEKLY), volunteer, coordinator)
    actor = SelfServiceActor(kind="volunteer", pk=volunteer.pk, name=str(volunteer))
    next_week = TUESDAY + dt.timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        absence = services.visit_call_off(
            actor=actor, assignment=assignment, date=next_week, reason="Choroba"
        )
    assert (absence.date, absence.reason, absence.reported_by) == (
        next_week,
        "Choroba",
        None,
    )
    assignment.refresh_from_db()
    assert assignment.status == "accepted"  # the other visits stay
    (mail,) = mailoutbox
    assert mail.to == [coordinator.email]
    assert "Choroba" in mail.body
    assert "Zakupy" not in mail.subject


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (TUESDAY + dt.timedelta(days=1), "nie ma wizyty"),
        (TUESDAY + dt.timedelta(days=70), "nie ma wizyty"),
    ],
)
def test_a_day_without_a_visit_cannot_be_called_off(
    make_request, active_volunteer, coordinator, day, message
):
    assignment = _accepted(make_request(**WEEKLY), active_volunteer(), coordinator)
    with pytest.raises(services.MatchingError, match=message):
        services.visit_call_off(
            actor=coordinator, assignment=assignment, date=day, reason="x"
        )


def test_a_visit_is_called_off_once(make_request, active_volunteer, coordinator):
    assignment = _accepted(make_request(**WEEKLY), active_volunteer(), coordinator)
    services.visit_call_off(
        actor=coordinator, assignment=assignment, date=TUESDAY, reason="a"
    )
    with pytest.raises(services.MatchingError, match="już odwołana"):
        services.visit_call_off(
            actor=coordinator, assignment=assignment, date=TUESDAY, reason="b"
        )
    assert VisitAbsence.objects.count() == 1


def test_a_past_visit_cannot_be_called_off(make_request, active_volunteer, coordinator):
    assignment = _accepted(make_request(**WEEKLY), active_volunteer(), coordinator)
    with (
        time_machine.travel(dt.datetime(2027, 3, 10, 12)),
        pytest.raises(services.MatchingError, match="minęła"),
    ):
        services.visit_call_off(
            actor=coordinator, assignment=assignment, date=TUESDAY, reason="x"
        )


@pytest.fixture
def host_hours(
    make_request,
    make_institution,
    active_volunteer,
    coordinator,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    """Two hours logged on a school's request; the school's contact got a link."""
    school = make_institution(receives_help=True)
    ContactPerson.objects.create(
        institution=school, name="Maria Dyrektor", email="dyrektor@szkola.pl"
    )
    request = make_request(beneficiary=None, institution=school)
    # A school's request involves minors: the volunteer has the checks of
    # art. 21 of the act of 13 May 2016.
    volunteer = active_volunteer(**vetted(dt.date(2026, 11, 30)))
    assignment = _accepted(request, volunteer, coordinator)
    with time_machine.travel(dt.datetime(2027, 3, 2, 14)):
        services.assignment_activate(actor=coordinator, assignment=assignment)
        with django_capture_on_commit_callbacks(execute=True):
            entry = services.hours_log(
                actor=coordinator,
                assignment=assignment,
                date=TUESDAY,
                hours=Decimal(2),
            )
    (mail,) = mailoutbox
    assert mail.to == ["dyrektor@szkola.pl"]
    link = next(
        line for line in mail.body.splitlines() if "/potwierdzenie-godzin/" in line
    )
    return entry, link[link.index("/potwierdzenie-godzin/") :]


def test_the_host_corrects_the_hours_and_the_coordinator_sees_it(
    host_hours, client, coordinator
):
    entry, path = host_hours
    page = client.get(path)
    assert page.status_code == 200
    assert "Maria" not in page.content.decode()  # the form asks for the name
    response = client.post(
        path,
        {
            "confirmed_by": "Maria Dyrektor",
            f"hours_{entry.pk}": "1.5",
            f"note_{entry.pk}": "wyszła wcześniej",
        },
    )
    assert response.status_code == 200
    entry.refresh_from_db()
    assert entry.host_hours == Decimal("1.5")
    assert entry.host_confirmed_by == "Maria Dyrektor"
    assert entry.host_corrected
    assert entry.status == HoursEntry.Status.LOGGED  # approval stays with staff
    client.force_login(coordinator)
    listing = client.get("/godziny/").content.decode()
    assert "instytucja liczy 1,5 godz." in listing
    assert "Maria Dyrektor" in listing


def test_a_host_without_a_name_is_asked_for_it(host_hours, client):
    entry, path = host_hours
    response = client.post(path, {"confirmed_by": "", f"hours_{entry.pk}": "2"})
    assert response.status_code == 200
    entry.refresh_from_db()
    assert entry.host_confirmed_at is None


def test_a_tampered_host_link_is_refused(client):
    assert client.get("/potwierdzenie-godzin/abc/").status_code == 400
