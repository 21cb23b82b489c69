"""Office hours are never offered on a Polish public holiday (Wigilia included
from 2025) nor on a closure day the administrator enters."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from registry.advice import selectors, services
from registry.advice.models import closed_days
from registry.errors import RegistryError
from registry.models import ClosureDay, ConsultationTopic

WARSAW = ZoneInfo("Europe/Warsaw")
# Monday before Christmas 2026; office hours are on Tuesdays 10:00 and Thursdays 15:00.
NOW = dt.datetime(2026, 12, 21, 9, 0, tzinfo=WARSAW)
WIGILIA_15 = dt.datetime(2026, 12, 24, 15, 0, tzinfo=WARSAW)
TUESDAY_29 = dt.date(2026, 12, 29)


@pytest.fixture(autouse=True)
def frozen(db):
    with time_machine.travel(NOW, tick=False):
        yield


def _days(slots) -> set[dt.date]:
    return {slot.starts_at.astimezone(WARSAW).date() for slot in slots}


def test_public_holidays_are_computed_with_wigilia_from_2025():
    assert dt.date(2025, 12, 24) in closed_days(
        dt.date(2025, 12, 1), dt.date(2025, 12, 31)
    )
    assert dt.date(2024, 12, 24) not in closed_days(
        dt.date(2024, 12, 1), dt.date(2024, 12, 31)
    )
    assert closed_days(dt.date(2027, 1, 6), dt.date(2027, 1, 6)) == {
        dt.date(2027, 1, 6): "Święto Trzech Króli"
    }


def test_no_slot_is_offered_on_wigilia_or_a_closure_day():
    before = _days(selectors.free_slots(days=14))
    assert dt.date(2026, 12, 22) in before
    assert dt.date(2026, 12, 24) not in before  # Thursday, Wigilia
    assert TUESDAY_29 in before
    ClosureDay.objects.create(date=TUESDAY_29, reason="inwentaryzacja")
    assert TUESDAY_29 not in _days(selectors.free_slots(days=14))


def test_a_holiday_slot_cannot_be_booked_by_a_forged_form():
    topic = ConsultationTopic.objects.order_by("pk").first()
    with pytest.raises(RegistryError):
        services.consultation_book(
            starts_at=WIGILIA_15,
            name="Maria Mieszkańska",
            phone="600100200",
            topic=topic,
        )


def test_the_booking_page_leaves_out_the_closure_day(client):
    ClosureDay.objects.create(date=TUESDAY_29)
    html = client.get(reverse("registry:consultation-book")).content.decode()
    assert 'value="2026-12-22T10:00"' in html
    assert "2026-12-29T" not in html
    assert "2026-12-24T" not in html


def test_the_administrator_enters_closure_days_in_the_admin(administrator_client):
    response = administrator_client.post(
        reverse("admin:registry_closureday_add"),
        {"date": "2026-12-31", "reason": "dzień wolny za sobotę"},
    )
    assert response.status_code == 302
    assert ClosureDay.objects.get().date == dt.date(2026, 12, 31)
