"""Work of up to 30 days starts only insured against accidents (art. 46
ust. 3); the 30 days run across the volunteer's consecutive assignments with
the same host, so a chain of short ones needs the written agreement of
art. 44 ust. 4 (issue 11, point 4)."""

import datetime as dt

import pytest

from agreements.models import InsurancePolicy
from matching import rules
from matching import services as matching_services
from matching.errors import MatchingError
from tests.fixtures.agreements import sign_agreement

pytestmark = pytest.mark.django_db

START = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, 0), tick=False)


def _activate(assignment, coordinator):
    return matching_services.assignment_activate(
        actor=coordinator, assignment=assignment
    )


def test_a_short_assignment_cannot_start_without_insurance(
    no_group_policy, make_volunteer, make_assignment, coordinator
):
    short = make_assignment(
        make_volunteer(),
        date_from=START,
        date_to=START + dt.timedelta(days=13),
        status="accepted",
    )
    with pytest.raises(MatchingError) as refusal:
        _activate(short, coordinator)
    assert "NNW" in refusal.value.message
    assert "02.03.2026–15.03.2026" in refusal.value.message
    short.refresh_from_db()
    assert short.status == "accepted"


def test_a_named_policy_covering_the_dates_lets_it_start(
    no_group_policy, make_volunteer, make_assignment, coordinator
):
    volunteer = make_volunteer()
    short = make_assignment(
        volunteer,
        date_from=START,
        date_to=START + dt.timedelta(days=13),
        status="accepted",
    )
    too_early = InsurancePolicy.objects.create(
        number="NNW-1",
        insurer="PZU S.A.",
        date_from=dt.date(2026, 1, 1),
        date_to=dt.date(2026, 3, 10),
    )
    too_early.volunteers.add(volunteer)
    with pytest.raises(MatchingError):
        _activate(short, coordinator)
    covering = InsurancePolicy.objects.create(
        number="NNW-2",
        insurer="PZU S.A.",
        date_from=dt.date(2026, 3, 1),
        date_to=dt.date(2026, 12, 31),
    )
    covering.volunteers.add(volunteer)
    assert _activate(short, coordinator).status == "active"


def test_one_group_policy_covers_everybody(
    no_group_policy, make_volunteer, make_assignment, coordinator
):
    InsurancePolicy.objects.create(
        number="NNW-GR",
        insurer="Warta S.A.",
        date_from=dt.date(2026, 1, 1),
        date_to=dt.date(2026, 12, 31),
        covers_everybody=True,
    )
    short = make_assignment(
        make_volunteer(), date_from=START, date_to=START, status="accepted"
    )
    assert _activate(short, coordinator).status == "active"


def test_the_host_institutions_insurance_recorded_by_a_coordinator(
    no_group_policy, make_volunteer, make_assignment, coordinator
):
    short = make_assignment(
        make_volunteer(), date_from=START, date_to=START, status="accepted"
    )
    matching_services.assignment_record_host_insurance(
        actor=coordinator, assignment=short, description="polisa DPS nr 77, PZU"
    )
    short.refresh_from_db()
    assert short.host_insurance_recorded_by == coordinator
    assert _activate(short, coordinator).status == "active"


def test_a_chain_of_short_assignments_over_30_days_needs_the_agreement(
    make_volunteer, make_assignment, make_agreement, coordinator
):
    volunteer = make_volunteer()
    make_assignment(
        volunteer,
        date_from=START - dt.timedelta(days=21),
        date_to=START - dt.timedelta(days=3),
        status="completed",
    )
    following = make_assignment(
        volunteer,
        date_from=START,
        date_to=START + dt.timedelta(days=13),
        status="accepted",
    )
    # Each lasts under 30 days; together, with two free days between, 35.
    with pytest.raises(MatchingError) as refusal:
        _activate(following, coordinator)
    assert "09.02.2026" in refusal.value.message
    assert "art. 44 ust. 4" in refusal.value.message
    sign_agreement(
        actor=coordinator,
        agreement=make_agreement(
            party=volunteer, date_from=START, date_to=dt.date(2026, 6, 30)
        ),
    )
    assert _activate(following, coordinator).status == "active"


def test_short_work_for_another_host_starts_a_new_count(
    make_volunteer, make_assignment, make_institution, coordinator
):
    volunteer = make_volunteer()
    make_assignment(
        volunteer,
        date_from=START - dt.timedelta(days=21),
        date_to=START - dt.timedelta(days=3),
        status="completed",
    )
    other = make_assignment(
        volunteer,
        date_from=START,
        date_to=START + dt.timedelta(days=13),
        status="accepted",
    )
    other.request.institution = make_institution(name="Parafia św. Jana")
    other.request.save(update_fields=["institution"])
    assert _activate(other, coordinator).status == "active"


@pytest.mark.parametrize(
    "gap, chained", [(0, True), (7, True), (8, False)], ids=["next day", "7", "8"]
)
def test_the_chain_joins_periods_with_at_most_the_set_free_days(gap, chained):
    first = (dt.date(2026, 1, 1), dt.date(2026, 1, 20))
    second_start = first[1] + dt.timedelta(days=gap + 1)
    second = (second_start, second_start + dt.timedelta(days=9))
    chain = rules.service_chain([first], second, max_gap_days=7)
    assert (chain == (first[0], second[1])) is chained
