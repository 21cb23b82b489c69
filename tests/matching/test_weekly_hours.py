"""The weekly hours rule is the peak load: on the busiest day of a new place's
period, the hours of the places held that day and its own stay within the
volunteer's limit (docs/ARCHITECTURE.md, "Where each rule lives"). The order
places were taken in does not matter, and every check reads the same rule:
the pure ``engine.peak_load``, its SQL form ``eligibility.peak_hours``, the
per-volunteer ``eligibility.committed_hours``, the batch's fact register and
its optimiser."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import translation

from matching import eligibility, engine, selectors, services
from matching.batch import batch_apply, batch_plan
from matching.facts import Register, request_facts
from matching.models import Assignment, HelpRequest
from registry.models import Volunteer
from tests.matching.conftest import eligible_ids

pytestmark = pytest.mark.django_db

DAYS = {(d, p) for d in range(7) for p in ("morning", "afternoon")}


def d(day: str) -> dt.date:
    return dt.datetime.strptime(day, "%d.%m.%Y").date()


# Weekly places of different weekdays (no clash), with their weekly hours:
# A 2 h, B 4 h, C 2 h as in the rule's example; B2 is B running into January.
PLACES = {
    "A": ("08.12.2027", "04.01.2028", 0, 8, 10),
    "B": ("27.11.2027", "24.12.2027", 1, 8, 12),
    "C": ("02.01.2028", "12.03.2028", 2, 8, 10),
    "B2": ("20.12.2027", "02.01.2028", 3, 8, 12),
    "D": ("25.12.2027", "25.12.2027", 5, 9, 10),
}


@pytest.fixture
def place(make_request):
    """A weekly request of ``PLACES`` (``needed`` 2, so it stays open to edits)."""

    def make(name, **fields):
        first, last, weekday, start, end = PLACES[name]
        return make_request(
            title=name,
            kind="weekly",
            date_from=d(first),
            date_to=d(last),
            needed=fields.pop("needed", 2),
            slots=[(weekday, dt.time(start), dt.time(end))],
            **fields,
        )

    return make


def _by_days(held, first: dt.date, last: dt.date):
    """The peak counted day by day: what ``engine.peak_load`` must equal."""
    days = (first + dt.timedelta(n) for n in range((last - first).days + 1))
    return max(
        sum(h for a, b, h in held if a <= day <= b) for day in days
    )  # an empty period cannot be asked


def test_the_peak_is_the_busiest_day_not_the_sum():
    a = (d("08.12.2027"), d("04.01.2028"), 2)
    b = (d("27.11.2027"), d("24.12.2027"), 4)
    c = (d("02.01.2028"), d("12.03.2028"), 2)
    assert engine.peak_load([b, c], *a[:2]) == 4  # never on the same day
    assert engine.peak_load([a, c], *b[:2]) == 2
    assert engine.peak_load([a, b], *c[:2]) == 2
    # Closed ranges: ending the day before does not meet, the same day does.
    assert engine.peak_load([b], d("25.12.2027"), d("31.12.2027")) == 0
    assert engine.peak_load([b], d("24.12.2027"), d("24.12.2027")) == 4
    assert engine.peak_load([], d("24.12.2027"), d("31.12.2027")) == 0
    periods = [a, b, c, (d("20.12.2027"), d("02.01.2028"), 4)]
    for first, last in [
        (d("01.11.2027"), d("30.04.2028")),
        (d("02.01.2028"), d("02.01.2028")),
        (d("25.12.2027"), d("01.01.2028")),
        (d("13.03.2028"), d("20.03.2028")),
    ]:
        assert engine.peak_load(periods, first, last) == _by_days(periods, first, last)


def test_sql_python_and_the_register_count_the_same_peak(active_volunteer, place, hold):
    volunteer = active_volunteer(availability=DAYS, max_hours_per_week=40)
    held = {}
    for name in PLACES:
        held[name] = hold(place(name), volunteer)
    periods = [(a.date_from, a.date_to, a.weekly_hours) for a in held.values()]
    register = Register.load(since=d("01.01.2027"))
    facts = register.volunteers[volunteer.pk]
    cases = [
        *((a.date_from, a.date_to) for a in held.values()),
        (d("25.12.2027"), d("01.01.2028")),  # B ended the day before
        (d("24.12.2027"), d("24.12.2027")),  # B's last day and B2's fifth
        (d("02.01.2028"), d("02.01.2028")),  # A, C and B2's last day: 8 h
        (d("03.01.2028"), d("03.01.2028")),
        (d("01.11.2027"), d("30.04.2028")),
        (d("13.03.2028"), d("20.03.2028")),  # nothing held
    ]
    for first, last in cases:
        expected = Decimal(_by_days(periods, first, last))
        python = eligibility.committed_hours(
            volunteer_id=volunteer.pk, date_from=first, date_to=last
        )
        sql = (
            Volunteer.objects.filter(pk=volunteer.pk)
            .annotate(peak=eligibility.peak_hours(date_from=first, date_to=last))
            .values_list("peak", flat=True)
            .get()
        )
        window = SimpleNamespace(date_from=first, date_to=last)
        in_memory = register.committed_cents(window, facts)
        assert python == (sql or 0) == expected == Decimal(in_memory) / 100, (
            first,
            last,
        )
    # Leaving a place out (the one being decided on) leaves its hours out.
    assert eligibility.committed_hours(
        volunteer_id=volunteer.pk,
        date_from=d("02.01.2028"),
        date_to=d("02.01.2028"),
        exclude_pk=held["B2"].pk,
    ) == Decimal(4)


@pytest.mark.parametrize("order", ["ABC", "BCA"])
def test_places_that_never_meet_fit_in_any_order_and_stay_valid(
    active_volunteer, place, hold, coordinator, order
):
    volunteer = active_volunteer(availability=DAYS, max_hours_per_week=6)
    requests = {name: place(name) for name in order}
    held = {name: hold(requests[name], volunteer) for name in order}
    for name, assignment in held.items():
        assert (
            eligibility.exclusion_reasons(
                requests[name], volunteer, exclude_pk=assignment.pk
            )
            == []
        )
    # A holder's request is edited: A's own check sees 4 h on its busiest day.
    edited = services.help_request_update(
        actor=coordinator,
        request=requests["A"],
        fields={"description": "Zakupy i apteka"},
        slots=None,
    )
    assert edited.description == "Zakupy i apteka"


@pytest.fixture
def overbooked(active_volunteer, place, hold):
    """Ala (6 h a week) holds A (2 h) and B2 (4 h, until 2.01): C (2 h from
    2.01) would make 8 h on 2.01."""
    ala = active_volunteer(first_name="Ala", availability=DAYS, max_hours_per_week=6)
    hold(place("A"), ala)
    hold(place("B2"), ala)
    return ala, place("C", needed=1)


LIMIT = (
    "To przekroczyłoby limit wolontariusza: 6 godz. tygodniowo (w najbardziej "
    "obciążonym czasie tego okresu zajęte już 6 godz. tygodniowo)."
)


def test_an_overbooking_is_refused_by_the_services(overbooked, coordinator):
    ala, c = overbooked
    with translation.override("pl"), pytest.raises(services.MatchingError) as refusal:
        services.assignment_propose(actor=coordinator, request=c, volunteer=ala)
    assert refusal.value.message == LIMIT


def test_an_overbooking_is_left_out_of_the_suggestions_and_said_why(overbooked):
    ala, c = overbooked
    assert ala.pk not in eligibility.eligible_volunteers(c).values_list("pk", flat=True)
    assert ala.pk not in {s.volunteer.pk for s in selectors.suggestions(c)}
    with translation.override("pl"):
        assert selectors.why_not(c, ala) == [LIMIT]


def test_an_overbooking_is_left_out_of_the_batch(overbooked, coordinator):
    ala, c = overbooked
    requests = HelpRequest.objects.filter(pk=c.pk)
    (facts,) = request_facts(requests)
    register = Register.load(since=c.date_from, barred_on=requests)
    assert ala.pk not in eligible_ids(register, facts)
    assert batch_plan(requests=requests).optimised.pairs == ()


def test_the_batch_gives_a_place_that_never_meets_the_others(
    active_volunteer, place, hold, coordinator
):
    ala = active_volunteer(first_name="Ala", availability=DAYS, max_hours_per_week=6)
    hold(place("A"), ala)
    hold(place("B"), ala)
    c = place("C", needed=1)
    result = batch_plan(requests=HelpRequest.objects.filter(pk=c.pk))
    assert [(e.request_id, e.volunteer_id) for e in result.optimised.pairs] == [
        (c.pk, ala.pk)
    ]
    (made,), errors = batch_apply(
        actor=coordinator, pairs=[(c.pk, ala.pk)], details=result.details
    )
    assert errors == []
    services.assignment_accept(actor=coordinator, assignment=made)
    assert Assignment.objects.holding_place().filter(volunteer=ala).count() == 3
