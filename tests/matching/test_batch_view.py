"""The batch proposal page: plan, compare with greedy, accept in part."""

import datetime as dt

import pytest
from django.urls import reverse

from matching.models import Assignment

pytestmark = pytest.mark.django_db

URL = "/propozycja-zbiorcza/"


def test_url():
    assert reverse("matching:batch") == URL


def test_plan_is_shown_with_greedy_and_applied_in_part(
    make_request, active_volunteer, coordinator_client
):
    first = make_request(title="Zakupy")
    second = make_request(title="Spacer", slots=[(1, dt.time(13), dt.time(15))])
    active_volunteer(first_name="Ala", availability={(1, "morning")})
    active_volunteer(first_name="Ola", availability={(1, "afternoon")})
    page = coordinator_client.post(URL, {"action": "plan"})
    assert page.status_code == 200
    result = page.context["result"]
    assert result.optimised.filled == 2
    assert result.optimised.filled >= result.greedy.filled
    values = [row["value"] for row in page.context["rows"]]
    assert len(values) == 2
    html = page.content.decode()
    assert "Zakupy" in html and "Spacer" in html and "wolny(a) we wtorki" in html
    chosen = next(v for v in values if v.startswith(f"{first.pk}:"))
    response = coordinator_client.post(
        URL, {"action": "apply", "pair": [chosen]}, follow=True
    )
    (assignment,) = Assignment.objects.all()
    assert assignment.request == first
    assert assignment.status == Assignment.Status.PROPOSED
    assert assignment.reasons  # kept as for a single proposal
    assert "Zaproponowano skierowań: 1." in response.content.decode()
    assert not second.assignments.exists()


def test_a_pair_refused_since_the_plan_was_made_is_reported(
    make_request, active_volunteer, coordinator_client
):
    request = make_request(title="Zakupy")
    volunteer = active_volunteer(first_name="Ala")
    pair = f"{request.pk}:{volunteer.pk}"
    coordinator_client.post(URL, {"action": "apply", "pair": [pair]})
    response = coordinator_client.post(
        URL, {"action": "apply", "pair": [pair, "999999:1", "garbage"]}, follow=True
    )
    html = response.content.decode()
    assert "już skierowany" in html
    assert Assignment.objects.count() == 1
