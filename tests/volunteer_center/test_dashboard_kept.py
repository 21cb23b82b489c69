"""The dashboard's to-do lists are kept while what they show stands
(volunteer_center/core/figures.py, ``kept_here``): a sign-up, a verification or
a request's place taken shows on the next page, and the visits still to come are
read on every page."""

import pytest
from django.urls import reverse

from registry import services

pytestmark = pytest.mark.django_db


def todo(client) -> dict:
    return client.get(reverse("dashboard")).context["todo"]


def test_a_sign_up_and_its_verification_show_on_the_next_page(
    coordinator_client, coordinator, make_volunteer
):
    assert todo(coordinator_client)["candidates_count"] == 0
    assert todo(coordinator_client)["candidates"] == []
    candidate = make_volunteer(first_name="Nowa", email="nowa@example.pl")
    again = todo(coordinator_client)
    assert again["candidates_count"] == 1
    assert [v.first_name for v in again["candidates"]] == ["Nowa"]
    services.volunteer_activate(actor=coordinator, volunteer=candidate)
    assert todo(coordinator_client)["candidates_count"] == 0


def test_a_request_and_a_place_taken_show_on_the_next_page(
    coordinator_client, make_request
):
    assert todo(coordinator_client)["unstaffed_count"] == 0
    request = make_request(title="Zakupy", needed=2)
    assert [r.title for r in todo(coordinator_client)["unstaffed"]] == ["Zakupy"]
    request.places_taken = 2
    request.save()
    assert todo(coordinator_client)["unstaffed_count"] == 0
