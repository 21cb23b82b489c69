"""Headers of every page (Content-Security-Policy, no caching of personal
data), the staff session's idle timeout, and templates free of inline
scripts and styles."""

import datetime as dt
import re
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from matching import ical

pytestmark = pytest.mark.django_db

PAGES = [
    ("anonymous", "home"),
    ("anonymous", "registry:signup"),
    ("anonymous", "login"),
    ("coordinator", "dashboard"),
    ("coordinator", "registry:volunteer-list"),
    ("coordinator", "matching:request-list"),
    ("administrator", "admin:index"),
    ("administrator", "admin:auth_user_changelist"),
]


@pytest.mark.parametrize(("persona_client", "name"), PAGES, indirect=["persona_client"])
def test_every_page_carries_a_strict_policy_and_is_never_stored(persona_client, name):
    response = persona_client.get(reverse(name))
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert re.search(r"script-src 'self'( 'nonce-[^']+')?;", policy)
    assert re.search(r"style-src 'self'( 'nonce-[^']+')?;", policy)
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert "no-store" in response["Cache-Control"]


def test_an_export_is_never_stored(coordinator_client):
    url = reverse("registry:volunteer-list")
    response = coordinator_client.get(url, {"export": "csv"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


def test_the_calendar_feed_is_never_stored(client, make_volunteer):
    volunteer = make_volunteer()
    url = reverse("matching:volunteer-ical", args=[ical.volunteer_token(volunteer)])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "an inline script"),
    (re.compile(r"<style\b", re.I), "a style element"),
    (re.compile(r"\sstyle\s*=", re.I), "a style attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "an event handler attribute"),
    (re.compile(r"javascript:", re.I), "a javascript: URL"),
]


def test_no_template_served_as_a_page_has_inline_scripts_or_styles():
    roots = [settings.BASE_DIR / "templates", *settings.BASE_DIR.glob("*/templates")]
    found = []
    for root in roots:
        for path in Path(root).rglob("*.html"):
            if "pdf" in path.parts:  # rendered by WeasyPrint, never a page
                continue
            text = path.read_text()
            found += [
                f"{path}: {what}" for pattern, what in INLINE if pattern.search(text)
            ]
    assert found == []


# --- The idle timeout of staff sessions ------------------------------------------


def test_settings_default_to_30_idle_minutes_within_8_hours():
    assert settings.STAFF_IDLE_TIMEOUT_MINUTES == 30
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60


def _signed_in(client, user):
    client.force_login(user)
    assert client.get(reverse("dashboard")).status_code == 200


def test_a_staff_session_ends_after_30_idle_minutes(client, coordinator):
    start = dt.datetime(2027, 3, 1, 8, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as clock:
        _signed_in(client, coordinator)
        clock.shift(dt.timedelta(minutes=29))
        assert client.get(reverse("dashboard")).status_code == 200
        clock.shift(dt.timedelta(minutes=29))  # active 29 minutes ago
        assert client.get(reverse("dashboard")).status_code == 200
        clock.shift(dt.timedelta(minutes=31))
        response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session


def test_an_active_staff_session_still_ends_8_hours_after_sign_in(client, coordinator):
    start = dt.datetime(2027, 3, 1, 8, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as clock:
        _signed_in(client, coordinator)
        for _step in range(8 * 4 - 1):
            clock.shift(dt.timedelta(minutes=15))
            assert client.get(reverse("dashboard")).status_code == 200
        clock.shift(dt.timedelta(minutes=16))
        response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
