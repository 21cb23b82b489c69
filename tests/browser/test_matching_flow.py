"""A coordinator directs a volunteer to a request and records the hours."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from matching import services
from registry import services as registry_services
from registry.models import District, Skill
from tests.browser.conftest import assert_accessible, login

pytestmark = pytest.mark.browser


def test_coordinator_proposes_records_acceptance_and_logs_hours(
    page, live_server, coordinator, social_worker
):
    today = timezone.localdate()
    town = District.objects.get(name="Czechowice-Dziedzice")
    skill = Skill.objects.create(name="język migowy")
    volunteer = registry_services.volunteer_create(
        actor=coordinator,
        fields={
            "first_name": "Halina",
            "last_name": "Górska",
            "birth_date": dt.date(1980, 1, 1),
            "district": town,
        },
        skills=[skill],
        availability={(today.weekday(), "morning")},
    )
    registry_services.volunteer_activate(actor=coordinator, volunteer=volunteer)
    beneficiary = registry_services.beneficiary_create(
        actor=coordinator,
        fields={
            "first_name": "Jan",
            "last_name": "Kos",
            "social_worker": social_worker,
        },
    )
    from registry.models import Category

    request = services.help_request_create(
        actor=coordinator,
        fields={
            "beneficiary": beneficiary,
            "title": "Rozmowa w urzędzie",
            "category": Category.objects.order_by("pk").first(),
            "district": town,
            "kind": "once",
            "date_from": today,
            "date_to": today,
        },
        slots=[(today.weekday(), dt.time(9), dt.time(11))],
        required_skills=[skill],
    )

    login(page, live_server, coordinator)
    page.goto(f"{live_server.url}{request.get_absolute_url()}")
    suggestions = page.get_by_role("region", name="Proponowani wolontariusze")
    assert "ma wymaganą umiejętność „język migowy”" in suggestions.inner_text()
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("Zaproponuj: Halina Górska")).click()
    page.get_by_text("Zaproponowano: Halina Górska.").wait_for()

    page.get_by_role("button", name="Zgodził(a) się").click()
    page.get_by_text("Wolontariusz się zgodził").wait_for()
    page.get_by_role("button", name="Rozpocznij pracę").click()
    page.get_by_text("Skierowanie jest aktywne").wait_for()

    page.get_by_role("link", name="Wpisz i zatwierdź godziny").click()
    assert_accessible(page)
    page.get_by_label(re.compile(r"^\s*Data")).fill(today.isoformat())
    page.get_by_label(re.compile(r"^\s*Godziny")).fill("2.5")
    page.get_by_role("button", name="Wpisz godziny").click()
    page.get_by_text("Godziny zostały wpisane.").wait_for()

    page.get_by_role("link", name="Wpisz i zatwierdź godziny").click()
    page.get_by_role("checkbox", name=re.compile("Zatwierdź")).check()
    page.get_by_role("button", name="Zatwierdź zaznaczone").click()
    page.get_by_text("Zatwierdzone wpisy: 1.").wait_for()

    page.goto(f"{live_server.url}{request.get_absolute_url()}")
    assert "zatwierdzone: 2,5 h" in page.content()
    page.goto(f"{live_server.url}{volunteer.get_absolute_url()}")
    panel = page.get_by_role("region", name="Skierowania i godziny")
    assert "zatwierdzone: 2" in panel.inner_text()

    # The batch proposal page (the plan itself is tested without a browser).
    page.goto(f"{live_server.url}/propozycja-zbiorcza/")
    assert_accessible(page)
