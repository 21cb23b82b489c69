"""The limits of public forms count accepted submissions only, per client
address and per e-mail; the typed input stays when a limit is hit; the
counter holds under a burst."""

import threading

import pytest
import time_machine
from django.db import connection
from django.test import Client, RequestFactory, override_settings

from registry.models import Consultation, Volunteer
from tests.registry.test_consultations import NOW, booking_data
from tests.registry.test_sign_up import URL, form_data, post  # noqa: F401
from volunteer_center.core import ratelimit
from volunteer_center.core.models import RateLimitCounter

pytestmark = pytest.mark.django_db


def sign_up(client, form_data, capture, email):  # noqa: F811
    return post(client, {**form_data, "email": email}, capture)


def test_a_school_room_behind_one_address_signs_up_together(
    form_data,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    room = Client(REMOTE_ADDR="203.0.113.7")
    for n in range(12):
        email = f"uczen{n}@example.pl"
        response = sign_up(room, form_data, django_capture_on_commit_callbacks, email)
        assert response.status_code == 302, n
    assert Volunteer.objects.count() == 12


@override_settings(RATE_LIMIT_PER_EMAIL_PER_HOUR=2)
def test_one_e_mail_address_is_limited_from_any_address(
    form_data,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    for n in range(2):
        client = Client(REMOTE_ADDR=f"203.0.113.{n}")
        response = sign_up(
            client, form_data, django_capture_on_commit_callbacks, "a@b.pl"
        )
        assert response.status_code == 302
    client = Client(REMOTE_ADDR="203.0.113.99")
    response = sign_up(client, form_data, django_capture_on_commit_callbacks, "A@b.pl")
    assert response.status_code == 429


@override_settings(RATE_LIMIT_PER_ADDRESS_PER_HOUR=2)
def test_an_invalid_form_never_counts(
    form_data,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _attempt in range(5):
        invalid = {**form_data, "consent": ""}
        assert (
            post(client, invalid, django_capture_on_commit_callbacks).status_code == 200
        )
    for n in range(2):
        response = sign_up(
            client, form_data, django_capture_on_commit_callbacks, f"{n}@x.pl"
        )
        assert response.status_code == 302


@override_settings(RATE_LIMIT_PER_ADDRESS_PER_HOUR=1)
def test_the_typed_input_is_kept_when_the_limit_is_hit(
    form_data,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    client = Client(REMOTE_ADDR="203.0.113.7")
    sign_up(client, form_data, django_capture_on_commit_callbacks, "pierwsza@x.pl")
    response = sign_up(
        client, form_data, django_capture_on_commit_callbacks, "druga@x.pl"
    )
    assert response.status_code == 429
    html = response.content.decode()
    assert "Zbyt wiele zgłoszeń" in html
    assert 'value="druga@x.pl"' in html
    assert 'value="Żółkiewska"' in html
    assert not Volunteer.objects.filter(email="druga@x.pl").exists()


@override_settings(RATE_LIMIT_PER_ADDRESS_PER_HOUR=1)
@time_machine.travel(NOW, tick=False)
def test_a_booking_refused_by_the_limit_keeps_the_input(client):
    url = "/porady/umow/"
    assert client.post(url, booking_data()).status_code == 302
    response = client.post(url, booking_data(slot="2026-12-08T10:20"))
    assert response.status_code == 429
    assert "Zbyt wiele rezerwacji" in response.text
    assert 'value="Maria Mieszkańska"' in response.text
    assert Consultation.objects.count() == 1


@override_settings(RATE_LIMIT_PER_ADDRESS_PER_HOUR=1)
@time_machine.travel(NOW, tick=False)
def test_a_booking_of_a_taken_slot_gives_its_place_in_the_limit_back(client):
    url = "/porady/umow/"
    Client(REMOTE_ADDR="198.51.100.1").post(url, booking_data())
    taken = client.post(url, booking_data())
    assert taken.status_code == 200  # the slot is gone: chosen again
    assert client.post(url, booking_data(slot="2026-12-08T10:20")).status_code == 302


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(RATE_LIMIT_PER_ADDRESS_PER_HOUR=5)
def test_a_burst_of_submissions_passes_the_limit_exactly():
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.7")
    barrier = threading.Barrier(10)
    outcomes = []

    def submit():
        try:
            barrier.wait()
            outcomes.append(ratelimit.take(request, "signup"))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == [False] * 5 + [True] * 5
    assert RateLimitCounter.objects.get().count == 5
