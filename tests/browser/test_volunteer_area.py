"""A volunteer in their own area, in real headless Chromium: signs in from the
e-mail in the outbox, changes availability, logs hours, says "I can't come",
downloads a certificate; every page passes WCAG 2.1 AA and fits 375 px."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from agreements import services as agreement_services
from matching import services
from matching.models import HoursEntry, VisitAbsence
from registry.models import Volunteer
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser
AREA_PAGES = ("", "dostepnosc/", "godziny/", "dokumenty/", "moje-dane/")


@pytest.fixture
def volunteer_at_work(make_request, active_volunteer, coordinator):
    """An active weekly assignment from a week ago, every day 9–10, with
    approved hours and a certificate for them."""
    today = timezone.localdate()
    every_day = {(day, "morning") for day in range(7)}
    volunteer = active_volunteer(
        first_name="Halina", email="halina@example.pl", availability=every_day
    )
    request = make_request(
        kind="weekly",
        title="Czytanie w świetlicy",
        date_from=today - dt.timedelta(days=7),
        date_to=today + dt.timedelta(days=20),
        slots=tuple((day, dt.time(9), dt.time(10)) for day in range(7)),
    )
    assignment = services.assignment_propose(
        actor=coordinator, request=request, volunteer=volunteer
    )
    services.assignment_accept(actor=coordinator, assignment=assignment)
    services.assignment_activate(actor=coordinator, assignment=assignment)
    entry = services.hours_log(
        actor=coordinator,
        assignment=assignment,
        date=today - dt.timedelta(days=7),
        hours=Decimal(1),
    )
    services.hours_approve(actor=coordinator, entries=[entry])
    certificate = agreement_services.certificate_issue(
        actor=coordinator,
        volunteer=volunteer,
        date_from=today - dt.timedelta(days=7),
        date_to=today,
        scope="czytanie dzieciom",
    )
    return volunteer, assignment, certificate


def fits_375(page) -> bool:
    page.set_viewport_size({"width": 375, "height": 800})
    width = page.evaluate("() => document.documentElement.scrollWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    return width <= 375


def sign_in(page, live_server):
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Strefa wolontariusza").first.click()
    assert_accessible(page)
    assert fits_375(page)
    page.get_by_label("Twój adres e-mail").fill("halina@example.pl")
    page.get_by_role("button", name="Wyślij mi link do logowania").click()
    page.get_by_role("heading", name="Sprawdź pocztę").wait_for()
    (message,) = [m for m in mail.outbox if m.to == ["halina@example.pl"]]
    link = re.search(r"http\S+/strefa-wolontariusza/logowanie/\S+/", message.body)
    page.goto(link.group(0).replace("http://127.0.0.1:8000", live_server.url))
    page.get_by_role("button", name="Zaloguj się do strefy wolontariusza").click()
    page.get_by_role("heading", name="Moje skierowania").wait_for()


def test_a_volunteer_does_everything_in_the_area(page, live_server, volunteer_at_work):
    volunteer, _assignment, certificate = volunteer_at_work
    sign_in(page, live_server)
    for path in AREA_PAGES:
        page.goto(f"{live_server.url}/strefa-wolontariusza/{path}")
        assert_accessible(page)
        assert fits_375(page), path

    page.get_by_role("link", name="Kiedy i gdzie pomagam").click()
    page.get_by_label("sobota, wieczorem (16–20)").check()
    page.get_by_role("button", name="Zapisz zmiany").click()
    page.get_by_text("Zmiany zostały zapisane.").wait_for()
    assert (5, "evening") in set(
        Volunteer.objects.get(pk=volunteer.pk).availability.values_list(
            "weekday", "part"
        )
    )

    page.get_by_role("link", name="Moje godziny").click()
    page.get_by_label(re.compile(r"^\s*Data")).fill(f"{timezone.localdate():%Y-%m-%d}")
    page.get_by_label(re.compile(r"^\s*Godziny")).fill("1.5")
    page.get_by_role("button", name="Wpisz godziny").click()
    page.get_by_text("Godziny zapisane.").wait_for()
    assert HoursEntry.objects.filter(hours=Decimal("1.5")).exists()

    page.get_by_role("link", name="Moje skierowania").click()
    page.get_by_role("link", name="Czytanie w świetlicy").first.click()
    assert_accessible(page)
    assert fits_375(page)
    page.get_by_role("link", name=re.compile("^Nie mogę przyjść")).nth(1).click()
    assert_accessible(page)
    page.get_by_label(re.compile("Dlaczego nie możesz przyjść")).fill("Wyjazd")
    page.get_by_role("button", name="Powiadom koordynatora, że nie przyjdę").click()
    page.get_by_text("Koordynator został powiadomiony.").wait_for()
    assert VisitAbsence.objects.get().reason == "Wyjazd"

    page.get_by_role("link", name="Moje dokumenty").click()
    with page.expect_download() as download:
        page.get_by_role(
            "link", name=f"Zaświadczenie {certificate.number} (PDF)"
        ).click()
    assert download.value.suggested_filename.startswith("zaswiadczenie-")
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"


def test_the_area_switches_to_english(page, live_server, volunteer_at_work):
    sign_in(page, live_server)
    page.get_by_label("Język").select_option("en")
    page.get_by_role("heading", name="My assignments").wait_for()
    assert "Strefa" not in page.inner_text("main")
    assert_accessible(page)
