import datetime as dt
from itertools import count

import pytest

from registry import services
from registry.models import Category, ConsultationTopic, District, Skill

_serial = count(1000)


def make_pesel(birth_date: dt.date, serial: int | None = None) -> str:
    """A valid PESEL for the date (the century is encoded in the month)."""
    month = (
        birth_date.month
        + {1800: 80, 1900: 0, 2000: 20, 2100: 40}[birth_date.year // 100 * 100]
    )
    serial = next(_serial) if serial is None else serial
    digits = f"{birth_date.year % 100:02d}{month:02d}{birth_date.day:02d}{serial:04d}"
    weights = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
    check = (
        10 - sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 10
    ) % 10
    return digits + str(check)


@pytest.fixture
def districts(db):
    return {d.name: d for d in District.objects.all()}


@pytest.fixture
def skills(db):
    return {s.name: s for s in Skill.objects.all()}


@pytest.fixture
def categories(db):
    return {c.name: c for c in Category.objects.all()}


@pytest.fixture
def make_volunteer(db, coordinator):
    """Creates a volunteer through the service; keyword arguments override fields."""

    def make(
        *,
        skills=(),
        interests=(),
        reachable_districts=(),
        availability=(),
        **fields,
    ):
        values = {
            "first_name": "Anna",
            "last_name": "Nowak",
            "birth_date": dt.date(1990, 5, 17),
            **fields,
        }
        return services.volunteer_create(
            actor=coordinator,
            fields=values,
            skills=skills,
            interests=interests,
            reachable_districts=reachable_districts,
            availability=availability,
        )

    return make


@pytest.fixture
def make_beneficiary(db, coordinator):
    def make(**fields):
        values = {"first_name": "Jan", "last_name": "Kowalski", **fields}
        return services.beneficiary_create(actor=coordinator, fields=values)

    return make


@pytest.fixture
def make_institution(db, coordinator):
    def make(**fields):
        values = {"name": "Szkoła Podstawowa nr 1", "kind": "school", **fields}
        return services.institution_create(actor=coordinator, fields=values)

    return make


@pytest.fixture
def make_consultation(db, coordinator):
    """Records a held phone consultation with a walk-in person (from 5 January
    2026, each an hour after the last); keyword arguments override fields."""
    times = count()

    def make(**fields):
        start = dt.datetime(2026, 1, 5, 8, tzinfo=dt.UTC)
        values = {
            "starts_at": start + dt.timedelta(hours=next(times)),
            "walk_in_name": "Jan Przechodni",
            "topic": ConsultationTopic.objects.get(name="Inne"),
            "form": "phone",
            **fields,
        }
        return services.consultation_create(actor=coordinator, fields=values)

    return make
