"""Polish everywhere in the Polish interface: the blank choice of a select,
people by their names, one date format (dd.mm.rrrr, Warsaw time), and a
catalogue with every message translated."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import formats

from matching.models import BatchProposal

pytestmark = pytest.mark.django_db


def test_a_select_offers_a_polish_blank_choice(coordinator_client):
    html = coordinator_client.get(reverse("matching:request-create")).content.decode()
    assert "Select an option" not in html
    assert "— wybierz —" in html


def test_the_admin_add_form_has_no_english_blank_choice(admin_client):
    html = admin_client.get(reverse("admin:registry_volunteer_add")).content.decode()
    assert "Select an option" not in html


def test_who_filed_a_request_is_named_not_given_as_a_username(
    make_request, social_worker, coordinator_client
):
    request = make_request(actor=social_worker)
    html = coordinator_client.get(request.get_absolute_url()).content.decode()
    assert "Pracownik Testowa" in html
    assert not re.search(r">\s*pracownik\s*[,<]", html)


def test_dates_are_written_dd_mm_yyyy():
    day = dt.date(2026, 12, 13)
    assert formats.date_format(day, "SHORT_DATE_FORMAT") == "13.12.2026"
    assert formats.date_format(day) == "13.12.2026"
    moment = dt.datetime(2026, 12, 13, 8, 5, tzinfo=dt.UTC)
    assert formats.date_format(moment, "SHORT_DATETIME_FORMAT") == "13.12.2026 08:05"


def test_the_batch_page_shows_warsaw_time(coordinator):
    proposal = BatchProposal.objects.create(requested_by=coordinator)
    proposal.created_at = dt.datetime(2026, 12, 13, 8, 5, tzinfo=dt.UTC)
    local = proposal.created_at.astimezone(ZoneInfo("Europe/Warsaw"))
    assert str(proposal).startswith(f"{local:%d.%m.%Y %H:%M}")
    assert str(proposal).startswith("13.12.2026 09:05")


def test_list_exports_write_dates_dd_mm_yyyy(make_request, coordinator_client):
    make_request()
    response = coordinator_client.get(
        reverse("matching:request-list"), {"export": "csv"}
    )
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "02.03.2027" in body
    assert "2027-03-02" not in body


def test_every_message_of_the_catalogue_is_translated():
    catalogue = (settings.BASE_DIR / "locale/pl/LC_MESSAGES/django.po").read_text()
    entries = catalogue.split("\n\n")[1:]
    fuzzy = [e for e in entries if re.search(r"^#,.*fuzzy", e, re.M)]
    empty = [
        e
        for e in entries
        if re.search(r'^msgstr(\[\d\])? ""\n?$', e.strip().split("\n")[-1] + "\n")
        and not re.search(r'^msgstr(\[\d\])? ""\n"', e, re.M)
    ]
    assert fuzzy == [] and empty == []
