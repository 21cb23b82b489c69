"""The dashboard shows the newest sign-ups first with their dates and the visits
booked in office hours; a candidate is verified from there; the volunteer list
sorts by sign-up date."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from registry.advice import services as advice_services
from registry.models import ConsultationTopic, Volunteer

pytestmark = pytest.mark.django_db

WARSAW = ZoneInfo("Europe/Warsaw")


@pytest.fixture
def sign_ups(make_volunteer):
    """Three candidates who signed up on 1, 2 and 3 December 2026."""
    made = []
    for day, name in [(1, "Pierwsza"), (2, "Druga"), (3, "Trzecia")]:
        with time_machine.travel(dt.datetime(2026, 12, day, 10, tzinfo=WARSAW)):
            made.append(make_volunteer(first_name=name, email=f"{name}@example.pl"))
    return made


def test_the_newest_sign_ups_come_first_with_their_dates(sign_ups, coordinator_client):
    response = coordinator_client.get(reverse("dashboard"))
    names = [v.first_name for v in response.context["todo"]["candidates"]]
    assert names == ["Trzecia", "Druga", "Pierwsza"]
    html = response.content.decode()
    assert "zgłosił(a) się 03.12.2026" in html
    assert html.index("Trzecia") < html.index("Pierwsza")


def test_a_candidate_is_verified_from_the_dashboard(sign_ups, coordinator_client):
    newest = sign_ups[-1]
    response = coordinator_client.post(
        reverse("registry:volunteer-status", args=[newest.pk]),
        {"action": "activate", "next": reverse("dashboard")},
    )
    assert response["Location"] == reverse("dashboard")
    newest.refresh_from_db()
    assert newest.status == Volunteer.Status.ACTIVE
    page = coordinator_client.get(reverse("dashboard")).content.decode()
    form_action = reverse("registry:volunteer-status", args=[sign_ups[0].pk])
    assert f'action="{form_action}"' in page


def test_visits_booked_in_office_hours_are_listed(client, coordinator):
    topic = ConsultationTopic.objects.order_by("pk").first()
    now = dt.datetime(2026, 12, 7, 9, tzinfo=WARSAW)
    with time_machine.travel(now, tick=False):
        advice_services.consultation_book(
            starts_at=dt.datetime(2026, 12, 8, 10, 20, tzinfo=WARSAW),
            name="Maria Mieszkańska",
            phone="600100200",
            topic=topic,
        )
        client.force_login(coordinator)
        response = client.get(reverse("dashboard"))
    assert response.context["todo"]["visits_count"] == 1
    html = response.content.decode()
    assert "Wizyty umówione w godzinach dyżuru (1)" in html
    assert "08.12.2026 10:20: Maria Mieszkańska" in html


def test_the_volunteer_list_sorts_by_sign_up_date(sign_ups, coordinator_client):
    url = reverse("registry:volunteer-list")
    newest = coordinator_client.get(url, {"sort": "-created_at"})
    assert [v.first_name for v in newest.context["object_list"]] == [
        "Trzecia",
        "Druga",
        "Pierwsza",
    ]
    oldest = coordinator_client.get(url, {"sort": "created_at"})
    assert oldest.context["object_list"][0].first_name == "Pierwsza"
    assert "01.12.2026" in oldest.content.decode()
