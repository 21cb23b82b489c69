import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from agreements import services
from matching.models import Assignment, HelpRequest, HoursEntry
from registry.models import Category
from tests.fixtures.agreements import sign_agreement

TODAY = dt.date(2026, 3, 2)
VOLUNTEER_FIELDS = {
    "scope": "Pomoc w robieniu zakupów i drobne prace domowe u seniorów.",
    "manner": "Wizyty w domach odbiorców, dwa razy w tygodniu po 2 godziny.",
    "place": "Czechowice-Dziedzice, dzielnica Lesisko",
    "date_from": dt.date(2026, 3, 1),
    "date_to": dt.date(2026, 12, 31),
    "safety_info_given": True,
    "safety_info_given_on": dt.date(2026, 2, 27),
    "safety_instruction": "Instrukcja BHP dla wolontariuszy Centrum",
    "cost_reimbursement": "Zwrot kosztów biletów komunikacji miejskiej.",
}


@pytest.fixture(autouse=True)
def english_messages():
    """Service errors are matched in English; pages are checked in Polish."""
    with translation.override("en"):
        yield


@pytest.fixture
def make_agreement(coordinator, make_volunteer):
    def make(*, party=None, kind="volunteer", sign=False, actor=None, **fields):
        party = party if party is not None else make_volunteer()
        values = {**VOLUNTEER_FIELDS, **fields}
        agreement = services.agreement_create(
            actor=actor or coordinator, kind=kind, party=party, fields=values
        )
        if sign:
            agreement = sign_agreement(
                actor=actor or coordinator, agreement=agreement
            ).agreement
        return agreement

    return make


@pytest.fixture
def make_assignment(db, coordinator, make_institution):
    """A help request with one volunteer directed to it (the matching app's
    services are not on this branch, so rows are written directly)."""
    institution = None

    def make(
        volunteer,
        *,
        title="Zakupy dla seniora",
        date_from,
        date_to,
        status="active",
        category=None,
    ):
        nonlocal institution
        if institution is None:
            institution = make_institution(name="Dom Pomocy Społecznej „Przystań”")
        request = HelpRequest.objects.create(
            institution=institution,
            title=title,
            category=category or Category.objects.order_by("name").first(),
            kind=HelpRequest.Kind.WEEKLY,
            date_from=date_from,
            date_to=date_to,
            created_by=coordinator,
        )
        holding = status in ("accepted", "active")
        return Assignment.objects.create(
            request=request,
            volunteer=volunteer,
            status=status,
            place=1 if holding else None,
            date_from=date_from,
            date_to=date_to,
            proposed_by=coordinator,
        )

    return make


@pytest.fixture
def log_hours(coordinator):
    def log(assignment, day: dt.date, hours: str, *, approved=True):
        return HoursEntry.objects.create(
            assignment=assignment,
            date=day,
            hours=Decimal(hours),
            status="approved" if approved else "logged",
            logged_by=coordinator,
            approved_by=coordinator if approved else None,
            approved_at=timezone.now() if approved else None,
        )

    return log
