"""Editing a request re-checks everyone holding a place on it, under the
locks: an edit can neither overfill the request nor double-book a volunteer,
and the refusal names who is affected (issue 10.3)."""

import datetime as dt

import pytest
from django.utils import translation

from matching import eligibility, services
from matching.models import Assignment, HelpRequest
from tests.matching.conftest import MONDAY, TUESDAY

pytestmark = pytest.mark.django_db

DAYS = {(d, p) for d in range(7) for p in ("morning", "afternoon")}


def edit(coordinator, request, **changes):
    slots = changes.pop("slots", None)
    with translation.override("pl"):
        return services.help_request_update(
            actor=coordinator, request=request, fields=changes, slots=slots
        )


def test_fewer_volunteers_needed_than_places_held_is_refused_naming_them(
    make_request, active_volunteer, coordinator, hold
):
    request = make_request(needed=3)
    for name in ("Ala", "Ola"):
        hold(request, active_volunteer(first_name=name, last_name="Nowak"))
    with pytest.raises(services.MatchingError) as refusal:
        edit(coordinator, request, needed=1)
    assert refusal.value.message == (
        "Miejsca zajmują już: Ala Nowak, Ola Nowak. Najpierw anuluj skierowanie "
        "albo zostaw liczbę potrzebnych wolontariuszy co najmniej 2."
    )
    request.refresh_from_db()
    assert request.needed == 3
    edited = edit(coordinator, request, needed=2)
    assert edited.needed == 2
    assert edited.status == HelpRequest.Status.STAFFED


@pytest.fixture
def two_places(make_request, active_volunteer, hold):
    """Ala holds Tuesday 9–11 ("Zakupy") and Tuesday 13–15 ("Spacer")."""
    ala = active_volunteer(first_name="Ala", availability=DAYS)
    hold(make_request(title="Zakupy"), ala)
    walk = make_request(title="Spacer", needed=2, slots=[(1, dt.time(13), dt.time(15))])
    hold(walk, ala)
    return ala, walk


CLASH = "Ala Nowak: W tym samym czasie wolontariusz jest skierowany do „Zakupy”."


def test_moving_the_hours_onto_a_holders_other_place_is_refused(
    two_places, coordinator
):
    _ala, walk = two_places
    with pytest.raises(services.MatchingError) as refusal:
        edit(coordinator, walk, slots=[(1, dt.time(10), dt.time(12))])
    assert refusal.value.message == (
        "Zmiana skierowałaby podwójnie wolontariuszy, którzy zajmują miejsce: " + CLASH
    )
    assert list(walk.slots.values_list("start", flat=True)) == [dt.time(13)]


def test_moving_the_date_onto_a_holders_other_place_is_refused(
    make_request, active_volunteer, coordinator, hold
):
    ala = active_volunteer(first_name="Ala", availability=DAYS)
    hold(make_request(title="Zakupy"), ala)
    later = TUESDAY + dt.timedelta(days=7)
    visit = make_request(title="Apteka", date_from=later, date_to=later, needed=2)
    hold(visit, ala)
    with pytest.raises(services.MatchingError) as refusal:
        edit(coordinator, visit, date_from=TUESDAY)
    assert CLASH in refusal.value.message
    assert Assignment.objects.get(request=visit).date_from == later


def test_live_assignments_follow_the_request_and_hours_stay_in_the_limit(
    make_request, active_volunteer, coordinator, hold
):
    ala = active_volunteer(first_name="Ala", availability=DAYS, max_hours_per_week=3)
    hold(make_request(title="Zakupy"), ala)
    visit = make_request(
        title="Apteka",
        kind="weekly",
        date_from=MONDAY,
        date_to=MONDAY + dt.timedelta(days=13),
        needed=2,
        slots=[(2, dt.time(9), dt.time(10))],
    )
    held = hold(visit, ala)
    ola = active_volunteer(first_name="Ola", availability=DAYS)
    proposed = services.assignment_propose(
        actor=coordinator, request=visit, volunteer=ola
    )
    with pytest.raises(services.MatchingError) as refusal:
        edit(coordinator, visit, slots=[(2, dt.time(9), dt.time(11))])
    assert "Ala Nowak: To przekroczyłoby limit wolontariusza: 3 godz." in (
        refusal.value.message
    )
    assert refusal.value.message.startswith("Zmiana skierowałaby podwójnie")
    next_week = MONDAY + dt.timedelta(days=7)
    edit(coordinator, visit, date_from=next_week)
    for assignment in (held, proposed):
        assignment.refresh_from_db()
        assert (assignment.date_from, assignment.date_to) == (next_week, visit.date_to)


def test_the_database_refuses_what_the_check_let_through_in_the_same_words(
    two_places, coordinator, monkeypatch
):
    """PostgreSQL's clash trigger backs the service's check up: with the
    check skipped, the edit is still refused, with the very same message."""
    _ala, walk = two_places
    monkeypatch.setattr(eligibility, "commitment_reasons", lambda *a, **k: [])
    with pytest.raises(services.MatchingError) as refusal:
        edit(coordinator, walk, slots=[(1, dt.time(10), dt.time(12))])
    assert refusal.value.message == (
        "Zmiana skierowałaby podwójnie wolontariuszy, którzy zajmują miejsce: " + CLASH
    )
    assert list(walk.slots.values_list("start", flat=True)) == [dt.time(13)]


def test_the_staff_form_shows_the_refusal_and_keeps_the_input(
    two_places, coordinator_client
):
    _ala, walk = two_places
    url = f"/zgloszenia/{walk.pk}/edycja/"
    form = coordinator_client.get(url).context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        elif value not in (None, False):
            data[name] = "on" if value is True else str(value)
    data.update(start_time="10:00", end_time="12:00", title="Spacer po parku")
    page = coordinator_client.post(url, data)
    assert page.status_code == 200
    html = page.content.decode()
    assert CLASH.replace("„", "&bdquo;") in html or CLASH in html
    assert 'value="Spacer po parku"' in html
    walk.refresh_from_db()
    assert walk.title == "Spacer"
