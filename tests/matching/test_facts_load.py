"""``Register.load`` reads the link tables in runs of one volunteer's rows
(matching/facts.py): a volunteer whose rows lie apart, added later, still has
all of them, and nobody gets another's."""

import pytest

from matching.facts import Register
from registry import services as registry_services
from registry.models import Availability, Skill
from tests.matching.conftest import MONDAY

pytestmark = pytest.mark.django_db


def test_a_volunteer_whose_rows_lie_apart_has_them_all(make_volunteer, coordinator):
    first_skill, second_skill, third_skill = Skill.objects.order_by("pk")[:3]
    first = make_volunteer(
        first_name="Anna", skills=[first_skill], availability={(0, "morning")}
    )
    second = make_volunteer(
        first_name="Ewa", skills=[second_skill], availability={(1, "evening")}
    )
    # Written after the second volunteer's: the table holds the first's apart.
    first.skills.add(third_skill)
    Availability.objects.create(volunteer=first, weekday=2, part="afternoon")
    for volunteer in (first, second):
        registry_services.volunteer_activate(actor=coordinator, volunteer=volunteer)

    facts = Register.load(since=MONDAY).volunteers
    assert facts[first.pk].skills == {first_skill.pk, third_skill.pk}
    assert facts[first.pk].availability == {(0, "morning"), (2, "afternoon")}
    assert facts[second.pk].skills == {second_skill.pk}
    assert facts[second.pk].availability == {(1, "evening")}
