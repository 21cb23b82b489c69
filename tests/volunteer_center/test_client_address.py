"""The client address behind a trusted reverse proxy (none by default), for
django-axes and the limits of public forms."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.volunteer_center.test_settings import manage, production_env
from volunteer_center.core.clientip import client_ip

PROXY = "10.0.0.5"


def address(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip(RequestFactory().get("/", **meta))


def test_by_default_no_proxy_is_trusted(settings):
    assert settings.TRUSTED_PROXIES == []
    assert address("203.0.113.9", "198.51.100.1") == "203.0.113.9"


def test_behind_a_trusted_proxy_the_address_it_saw_counts(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    assert address(PROXY, "198.51.100.1") == "198.51.100.1"
    # What the client wrote itself, left of what the proxy appended, is ignored.
    assert address(PROXY, "1.2.3.4, 198.51.100.1") == "198.51.100.1"
    # A chain of trusted proxies (a network) is walked from the right.
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert address(PROXY, "1.2.3.4, 198.51.100.1, 10.1.1.1") == "198.51.100.1"


@pytest.mark.parametrize("forwarded", [None, "", "nonsense", "1.2.3.4, garbage"])
def test_a_missing_or_malformed_header_gives_the_proxy_itself(settings, forwarded):
    settings.TRUSTED_PROXIES = [PROXY]
    assert address(PROXY, forwarded) == PROXY


def test_a_header_from_an_untrusted_peer_is_ignored(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    assert address("203.0.113.9", f"1.2.3.4, {PROXY}") == "203.0.113.9"


def test_a_typo_in_the_trusted_proxies_stops_the_start():
    result = manage("check", env=production_env(DJANGO_TRUSTED_PROXIES="10.0.0.300"))
    assert result.returncode != 0
    assert "DJANGO_TRUSTED_PROXIES" in result.stderr


@pytest.mark.django_db
def test_rotating_forwarded_addresses_neither_escape_nor_lock_out_a_coordinator(
    settings, coordinator
):
    settings.TRUSTED_PROXIES = [PROXY]
    attacker = Client(REMOTE_ADDR=PROXY)
    url = reverse("login")
    wrong = {"username": "koordynator", "password": "zle-haslo"}
    for n in range(settings.AXES_FAILURE_LIMIT + 3):
        forged = f"192.0.2.{n}, 203.0.113.66"
        response = attacker.post(url, wrong, HTTP_X_FORWARDED_FOR=forged)
    assert response.status_code == 429  # the attacker's own address is locked
    right = {"username": "koordynator", "password": PASSWORD}
    response = attacker.post(
        url, right, HTTP_X_FORWARDED_FOR="192.0.2.200, 203.0.113.66"
    )
    assert response.status_code == 429
    # The coordinator, elsewhere behind the same proxy, signs in.
    office = Client(REMOTE_ADDR=PROXY)
    response = office.post(url, right, HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert response.status_code == 302
    assert office.session["_auth_user_id"] == str(coordinator.pk)
