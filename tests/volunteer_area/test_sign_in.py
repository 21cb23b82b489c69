"""Signing in with an e-mailed single-use link; sessions kept apart from staff
accounts."""

import datetime as dt
import re

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from registry import services as registry_services
from tests.volunteer_area.conftest import area_client_for
from volunteer_center.volunteer_area.models import SignInLink

pytestmark = pytest.mark.django_db
LINK = re.compile(r"/strefa-wolontariusza/logowanie/[\w-]+/")


def _ask(client, email, **extra):
    return client.post("/strefa-wolontariusza/logowanie/", {"email": email}, **extra)


def _link(mail) -> str:
    return LINK.search(mail.body).group(0)


def test_a_known_address_gets_a_link_that_signs_in_once(
    area_volunteer, mailoutbox, django_capture_on_commit_callbacks
):
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = _ask(client, "OLA@example.pl")
    assert response.status_code == 200
    (mail,) = mailoutbox
    assert mail.to == ["ola@example.pl"]
    link = _link(mail)
    assert client.get(link).status_code == 200  # a mail scanner spends nothing
    assert client.post(link).url == "/strefa-wolontariusza/"
    page = client.get("/strefa-wolontariusza/")
    assert page.status_code == 200
    assert "Ola" in page.content.decode()
    other = Client()
    assert other.post(link).status_code == 400  # used once
    assert SignInLink.objects.get().used_at is not None


def test_an_unknown_address_sees_the_same_page_and_gets_nothing(
    area_volunteer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        known = _ask(Client(), "ola@example.pl").content.decode()
        unknown = _ask(Client(), "nikt@example.pl").content.decode()
    assert len(mailoutbox) == 1
    strip = lambda page, email: page.replace(email, "EMAIL")  # noqa: E731
    csrf = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert csrf.sub("", strip(known, "ola@example.pl")) == csrf.sub(
        "", strip(unknown, "nikt@example.pl")
    )


def test_the_link_expires_after_fifteen_minutes(
    area_volunteer, mailoutbox, django_capture_on_commit_callbacks, settings
):
    assert settings.VOLUNTEER_SIGN_IN_LINK_MINUTES == 15
    with django_capture_on_commit_callbacks(execute=True):
        _ask(Client(), "ola@example.pl")
    link = _link(mailoutbox[0])
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=16)):
        response = Client().post(link)
    assert response.status_code == 400
    assert (
        "wygasł" in response.content.decode() or "expired" in response.content.decode()
    )


def test_a_forged_link_is_refused():
    assert Client().post("/strefa-wolontariusza/logowanie/abc/").status_code == 400


def test_requests_are_limited_per_e_mail(area_volunteer, settings):
    settings.RATE_LIMIT_PER_EMAIL_PER_HOUR = 2
    statuses = [
        _ask(Client(), "ola@example.pl", REMOTE_ADDR=f"10.0.0.{i}").status_code
        for i in range(3)
    ]
    assert statuses == [200, 200, 429]
    assert SignInLink.objects.count() == 2


def test_requests_are_limited_per_client_address(area_volunteer, settings):
    settings.RATE_LIMIT_PER_ADDRESS_PER_HOUR = 2
    client = Client(REMOTE_ADDR="10.0.0.9")
    statuses = [_ask(client, f"x{i}@example.pl").status_code for i in range(3)]
    assert statuses == [200, 200, 429]


def test_the_session_ends_after_the_configured_hours(area_volunteer, settings):
    settings.VOLUNTEER_SESSION_HOURS = 2
    client = area_client_for(area_volunteer)
    assert client.get("/strefa-wolontariusza/").status_code == 200
    with time_machine.travel(timezone.now() + dt.timedelta(hours=3)):
        response = client.get("/strefa-wolontariusza/")
    assert response.status_code == 302
    assert response.url.startswith("/strefa-wolontariusza/logowanie/")


def test_signing_out_ends_the_session(area_client):
    assert area_client.post("/strefa-wolontariusza/wyloguj/").status_code == 302
    assert area_client.get("/strefa-wolontariusza/").status_code == 302


@pytest.mark.parametrize(
    "url", ["/panel/", "/wolontariusze/", "/zgloszenia/", "/porozumienia/", "/admin/"]
)
def test_a_volunteer_session_never_reaches_a_staff_page(area_client, url):
    response = area_client.get(url)
    assert response.status_code == 302
    assert "logowanie" in response.url or "login" in response.url


def test_a_staff_login_does_not_open_the_area(coordinator_client):
    response = coordinator_client.get("/strefa-wolontariusza/")
    assert response.status_code == 302
    assert response.url.startswith("/strefa-wolontariusza/logowanie/")


def test_signing_in_as_a_volunteer_ends_a_staff_login(
    coordinator, area_volunteer, mailoutbox, django_capture_on_commit_callbacks
):
    client = Client()
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, "ola@example.pl")
    client.post(_link(mailoutbox[0]))
    assert client.get("/panel/").status_code == 302
    assert client.get("/strefa-wolontariusza/").status_code == 200


def test_an_anonymised_volunteer_cannot_sign_in(
    area_volunteer, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    client = area_client_for(area_volunteer)
    registry_services.volunteer_mark_former(actor=coordinator, volunteer=area_volunteer)
    registry_services.volunteer_anonymise(actor=coordinator, volunteer=area_volunteer)
    assert client.get("/strefa-wolontariusza/").status_code == 302
