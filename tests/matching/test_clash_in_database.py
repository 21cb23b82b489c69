"""The database refuses a clash (docs/ARCHITECTURE.md, "The clash rule in the
database"): a raw write that skips the services cannot give one volunteer two
places at the same time, whichever row moves (the assignment, its dates, its
request's slots), and a service that would let one through gets the
database's refusal in the service's own words."""

import datetime as dt
import random

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from matching import eligibility, engine, rules, services
from matching.models import Assignment, RequestSlot
from tests.matching.conftest import MONDAY, TUESDAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def held_and_proposed(make_request, active_volunteer, coordinator):
    """Ala holds a place on Tuesday 9–11 and is proposed for Tuesday 10–12."""
    ala = active_volunteer(
        first_name="Ala", availability={(1, "morning"), (1, "afternoon")}
    )
    held = services.assignment_propose(
        actor=coordinator, request=make_request(title="Zakupy"), volunteer=ala
    )
    services.assignment_accept(actor=coordinator, assignment=held)
    proposed = services.assignment_propose(
        actor=coordinator,
        request=make_request(title="Spacer", slots=[(1, dt.time(11), dt.time(12))]),
        volunteer=ala,
    )
    return held, proposed


def refused(write) -> int | None:
    """The other assignment the database names when it refuses ``write``."""
    try:
        with transaction.atomic():
            write()
    except IntegrityError as error:
        return rules.clash_refused(error)
    return None


def test_a_raw_write_cannot_give_a_volunteer_two_places_at_once(
    held_and_proposed, make_request
):
    held, proposed = held_and_proposed
    # Not a clash yet: 9–11 and 11–12 only touch. Moving the hours makes one.
    RequestSlot.objects.filter(request=proposed.request).update(start=dt.time(10))
    accept = Assignment.objects.filter(pk=proposed.pk)
    assert refused(lambda: accept.update(status="accepted", place=1)) == held.pk
    other = make_request(title="Apteka", slots=[(1, dt.time(8), dt.time(10))])
    assert (
        refused(
            lambda: Assignment.objects.create(
                request=other,
                volunteer=held.volunteer,
                status=Assignment.Status.ACTIVE,
                place=1,
                date_from=TUESDAY,
                date_to=TUESDAY,
            )
        )
        == held.pk
    )
    assert list(Assignment.objects.holding_place()) == [held]


def test_moving_slots_or_dates_onto_a_held_place_is_refused(
    held_and_proposed, make_request, coordinator
):
    held, _proposed = held_and_proposed
    ala = held.volunteer
    # Ala also holds weekly Tuesdays 13–15 and a visit a week later at 9–11.
    weekly = make_request(
        title="Obiad",
        kind="weekly",
        date_from=MONDAY,
        date_to=MONDAY + dt.timedelta(days=13),
        slots=[(1, dt.time(13), dt.time(15))],
    )
    later = make_request(
        title="Apteka",
        date_from=TUESDAY + dt.timedelta(days=7),
        date_to=TUESDAY + dt.timedelta(days=7),
    )
    for request in (weekly, later):
        services.assignment_accept(
            actor=coordinator,
            assignment=services.assignment_propose(
                actor=coordinator, request=request, volunteer=ala
            ),
        )
    slots = RequestSlot.objects.filter(request=weekly)
    assert refused(lambda: slots.update(start=dt.time(10), end=dt.time(12))) == held.pk
    assert (
        refused(
            lambda: RequestSlot.objects.create(
                request=weekly, weekday=1, start=dt.time(8), end=dt.time(10)
            )
        )
        == held.pk
    )
    moved = Assignment.objects.filter(request=later)
    assert refused(lambda: moved.update(date_from=TUESDAY, date_to=TUESDAY)) == held.pk
    # What does not clash still goes through: another weekday.
    assert refused(lambda: slots.update(weekday=2, start=dt.time(10))) is None


def test_the_database_and_the_clash_rule_give_the_same_answers(
    make_request, active_volunteer, coordinator
):
    """A third form of the rule (the trigger's SQL) against the first
    (``engine.schedules_clash``), on random schedules."""
    rng = random.Random(9)
    answers = set()
    for i in range(16):
        schedules = []
        for _side in range(2):
            start = MONDAY + dt.timedelta(days=rng.randrange(0, 10))
            length = rng.choice([0, 3, 10])
            hour = rng.choice([8, 9, 11])
            schedules.append(
                (
                    start,
                    start + dt.timedelta(days=length),
                    [(rng.choice([1, 2]), dt.time(hour), dt.time(hour + 2))],
                )
            )
        volunteer = active_volunteer(first_name=f"W{i}", max_hours_per_week=40)
        first, second = (
            make_request(
                title=f"Z{i}",
                kind="weekly",
                date_from=date_from,
                date_to=date_to,
                slots=slots,
            )
            for date_from, date_to, slots in schedules
        )
        for request in (first, second):
            Assignment.objects.create(
                request=request,
                volunteer=volunteer,
                date_from=request.date_from,
                date_to=request.date_to,
            )
        a, b = Assignment.objects.filter(volunteer=volunteer).order_by("pk")
        Assignment.objects.filter(pk=a.pk).update(status="accepted", place=1)
        clash = engine.schedules_clash(
            *(
                (
                    r.date_from,
                    r.date_to,
                    [
                        engine.Slot(*s)
                        for s in r.slots.values_list("weekday", "start", "end")
                    ],
                )
                for r in (first, second)
            )
        )
        found = refused(
            lambda b=b: Assignment.objects.filter(pk=b.pk).update(
                status="accepted", place=1
            )
        )
        assert (found == a.pk) == clash, schedules
        answers.add(clash)
    assert answers == {True, False}


def test_a_service_that_skipped_the_check_gets_the_same_polish_message(
    held_and_proposed, monkeypatch, coordinator
):
    _held, proposed = held_and_proposed
    RequestSlot.objects.filter(request=proposed.request).update(start=dt.time(10))
    with translation.override("pl"):
        (expected,) = eligibility.commitment_reasons(
            proposed.request, proposed.volunteer, exclude_pk=proposed.pk
        )
        assert (
            expected == "W tym samym czasie wolontariusz jest skierowany do „Zakupy”."
        )
        monkeypatch.setattr(eligibility, "exclusion_reasons", lambda *a, **k: [])
        with pytest.raises(services.MatchingError) as refusal:
            services.assignment_accept(actor=coordinator, assignment=proposed)
    assert refusal.value.message == expected
    proposed.refresh_from_db()
    assert proposed.status == Assignment.Status.PROPOSED
