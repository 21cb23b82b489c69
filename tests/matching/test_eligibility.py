"""The hard rules exist three times (SQL for suggestions, per volunteer for
"why not", in memory for the batch): on varied data all three must exclude
exactly the same volunteers."""

import datetime as dt
import random

import pytest

from matching import eligibility, services
from matching.facts import Register, request_facts
from matching.models import HelpRequest
from registry import services as registry_services
from registry.models import District, Skill, Volunteer
from tests.fixtures.registry import vetted
from tests.matching.conftest import MONDAY, TUESDAY, eligible_ids

pytestmark = pytest.mark.django_db

PARTS = ("morning", "afternoon", "evening")


@pytest.fixture
def varied_volunteers(make_volunteer, coordinator):
    rng = random.Random(7)
    districts = list(District.objects.order_by("pk"))
    skills = list(Skill.objects.order_by("pk")[:3])
    volunteers = []
    for i in range(40):
        birth = dt.date(rng.choice([1960, 1985, 2000, 2010]), 3, 1)
        minor = birth.year == 2010
        checked = dt.date(2026, 10, 1) if rng.random() < 0.4 else None
        volunteer = make_volunteer(
            first_name=f"W{i}",
            birth_date=birth,
            district=rng.choice(districts),
            reachable_districts=rng.sample(districts, rng.randint(0, 2)),
            availability={
                (rng.randint(0, 6), rng.choice(PARTS)) for _ in range(rng.randint(1, 5))
            },
            has_driving_licence=rng.random() < 0.5,
            max_hours_per_week=rng.choice([1, 2, 4, 10]),
            **vetted(checked),
            guardian_name="Opiekun" if minor else "",
            guardian_phone="601234567" if minor else "",
            guardian_consent=minor,
            skills=rng.sample(skills, rng.randint(0, 3)),
        )
        if rng.random() < 0.8:
            registry_services.volunteer_activate(actor=coordinator, volunteer=volunteer)
        if minor and rng.random() < 0.5:
            Volunteer.objects.filter(pk=volunteer.pk).update(guardian_consent=False)
        volunteers.append(volunteer)
    return volunteers


def test_sql_filter_and_per_volunteer_rules_agree(
    varied_volunteers, make_request, coordinator
):
    rng = random.Random(11)
    districts = list(District.objects.order_by("pk"))
    skills = list(Skill.objects.order_by("pk")[:3])
    requests = []
    for i in range(12):
        start = rng.choice([8, 10, 13, 17])
        weekly = rng.random() < 0.5
        requests.append(
            make_request(
                title=f"Z{i}",
                kind="weekly" if weekly else "once",
                date_from=MONDAY if weekly else TUESDAY,
                date_to=MONDAY + dt.timedelta(days=20) if weekly else TUESDAY,
                slots=[
                    (
                        rng.randint(0, 6) if weekly else 1,
                        dt.time(start),
                        dt.time(start + 2),
                    )
                ],
                district=rng.choice([*districts, None]),
                adults_only=rng.random() < 0.3,
                involves_minors=rng.random() < 0.3,
                driving_licence_required=rng.random() < 0.3,
                required_skills=rng.sample(skills, rng.choice([0, 0, 1, 2])),
            )
        )
    # Some accepted work, so clashes and hours caps come into play.
    for request in requests[:6]:
        for volunteer in eligibility.eligible_volunteers(request)[:1]:
            assignment = services.assignment_propose(
                actor=coordinator, request=request, volunteer=volunteer
            )
            services.assignment_accept(actor=coordinator, assignment=assignment)
    # Some who declined a request or were cancelled on it: not directed again.
    for request, answer in zip(
        requests[6:10],
        [services.assignment_decline, services.assignment_cancel] * 2,
        strict=True,
    ):
        for volunteer in eligibility.eligible_volunteers(request)[:2]:
            assignment = services.assignment_propose(
                actor=coordinator, request=request, volunteer=volunteer
            )
            answer(actor=coordinator, assignment=assignment)
    requests = HelpRequest.objects.filter(pk__in=[r.pk for r in requests])
    register = Register.load(since=MONDAY, barred_on=requests)
    facts = {r.id: r for r in request_facts(requests)}
    checked = 0
    for request in requests:
        by_sql = set(
            eligibility.eligible_volunteers(request).values_list("pk", flat=True)
        )
        by_rules = {
            v.pk
            for v in Volunteer.objects.prefetch_related("availability", "skills")
            if not eligibility.exclusion_reasons(request, v)
        }
        assert by_sql == by_rules, request.title
        assert by_sql == eligible_ids(register, facts[request.pk]), request.title
        checked += len(by_sql)
    assert checked > 0  # the data lets some volunteers through


def test_the_engine_knows_the_same_parts_of_the_day_as_the_register():
    """The engine copies them (it imports nothing from Django): keep in step."""
    from matching import engine
    from registry.models import Availability

    assert {
        str(part): hours for part, hours in Availability.PART_HOURS.items()
    } == engine.PART_HOURS
