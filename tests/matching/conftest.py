"""Fixtures for matching: requests and volunteers built through the services."""

import datetime as dt

import pytest

from matching import services
from registry import services as registry_services
from registry.models import Category, District, Skill
from tests.registry.conftest import (  # noqa: F401 - shared fixtures
    categories,
    districts,
    make_beneficiary,
    make_institution,
    make_volunteer,
    skills,
)

# A Monday well in the future of any frozen clock the tests use.
MONDAY = dt.date(2027, 3, 1)
TUESDAY = MONDAY + dt.timedelta(days=1)


@pytest.fixture
def town(db):
    return District.objects.get(name="Czechowice-Dziedzice")


@pytest.fixture
def category(db):
    return Category.objects.order_by("pk").first()


@pytest.fixture
def skill(db):
    return Skill.objects.order_by("pk").first()


@pytest.fixture
def active_volunteer(make_volunteer, coordinator, town):  # noqa: F811
    """An adult, active volunteer in the town, free on Tuesday mornings."""

    def make(**fields):
        availability = fields.pop("availability", {(1, "morning")})
        volunteer = make_volunteer(
            district=fields.pop("district", town),
            availability=availability,
            skills=fields.pop("skills", ()),
            max_hours_per_week=fields.pop("max_hours_per_week", 10),
            email=fields.pop("email", ""),
            **fields,
        )
        return registry_services.volunteer_activate(
            actor=coordinator, volunteer=volunteer
        )

    return make


@pytest.fixture
def beneficiary(make_beneficiary, social_worker):  # noqa: F811
    return make_beneficiary(social_worker=social_worker)


@pytest.fixture
def make_request(coordinator, beneficiary, category, town):
    """An open one-off request on a Tuesday 9–11 in the town, for one volunteer."""

    def make(
        *,
        slots=((1, dt.time(9), dt.time(11)),),
        actor=None,
        required_skills=(),
        **fields,
    ):
        values = {
            "beneficiary": beneficiary,
            "title": "Zakupy dla seniora",
            "category": category,
            "district": town,
            "kind": "once",
            "date_from": TUESDAY,
            "date_to": TUESDAY,
            "needed": 1,
            **fields,
        }
        if values["kind"] == "weekly" and "date_to" not in fields:
            values["date_to"] = values["date_from"] + dt.timedelta(days=13)
        request = services.help_request_create(
            actor=actor or coordinator,
            fields=values,
            slots=slots,
            required_skills=required_skills,
        )
        return services.help_request_open(actor=coordinator, request=request)

    return make
