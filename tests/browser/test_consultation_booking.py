"""A resident books a visit in office hours; a coordinator finds it planned."""

import datetime as dt
import re

import pytest

from registry.models import ConsultationTopic, OfficeHours
from tests.browser.conftest import assert_accessible, login

pytestmark = pytest.mark.browser


@pytest.fixture
def office_hours(db):
    # The preloaded rows, made sure of: a transactional test run earlier may
    # have emptied the tables.
    OfficeHours.objects.get_or_create(
        weekday=1, start=dt.time(10), defaults={"end": dt.time(11)}
    )
    OfficeHours.objects.get_or_create(
        weekday=3, start=dt.time(15), defaults={"end": dt.time(17)}
    )
    ConsultationTopic.objects.get_or_create(name="Jak zostać wolontariuszem")


def test_resident_books_a_visit_and_coordinator_sees_it_planned(
    page, live_server, office_hours, coordinator
):
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Umów wizytę w godzinach dyżuru").click()
    page.get_by_role("heading", name="Umów wizytę w godzinach dyżuru").wait_for()
    assert_accessible(page)

    first_slot = page.get_by_role("radio").first
    slot_label = page.locator(f"label[for='{first_slot.get_attribute('id')}']")
    chosen = slot_label.inner_text().strip()
    first_slot.check()
    page.get_by_label(re.compile(r"^\s*Imię i nazwisko")).fill("Halina Żyła")
    page.get_by_label(re.compile(r"^\s*Telefon")).fill("601 222 333")
    page.get_by_label("Jak zostać wolontariuszem").check()
    page.get_by_label(re.compile(r"^\s*Zapoznałem\(-am\) się z informacją")).check()
    page.get_by_role("button", name="Umów wizytę").click()

    page.get_by_role("heading", name="Dziękujemy, wizyta jest umówiona").wait_for()
    assert_accessible(page)
    day = chosen.split(",")[1].strip()  # "1 grudnia 2026"
    assert day in page.content()

    login(page, live_server, coordinator)
    page.goto(f"{live_server.url}/porady/?status=planned")
    assert_accessible(page)
    page.get_by_role("cell", name=re.compile("Halina Żyła")).wait_for()
    page.get_by_role("link", name=re.compile(r"\d{2}:\d{2}")).first.click()
    page.get_by_role("heading", name=re.compile("Halina Żyła")).wait_for()
    assert "+48 601 222 333" in page.content()
    assert_accessible(page)


def test_a_missing_contact_is_announced_and_input_kept(page, live_server, office_hours):
    page.goto(f"{live_server.url}/porady/umow/")
    page.get_by_role("radio").first.check()
    page.get_by_label(re.compile(r"^\s*Imię i nazwisko")).fill("Halina Żyła")
    page.get_by_label("Jak zostać wolontariuszem").check()
    page.get_by_label(re.compile(r"^\s*Zapoznałem\(-am\) się z informacją")).check()
    page.get_by_role("button", name="Umów wizytę").click()

    summary = page.get_by_role("alert").filter(has_text="Popraw")
    summary.wait_for()
    assert "numer telefonu lub adres e-mail" in summary.inner_text()
    assert page.get_by_label(re.compile(r"^\s*Imię i nazwisko")).input_value() == (
        "Halina Żyła"
    )
    assert_accessible(page)
