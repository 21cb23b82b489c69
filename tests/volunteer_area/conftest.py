"""A volunteer signed in to the area, and what they have there."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from matching import services
from tests.fixtures.matching import TUESDAY
from volunteer_center.volunteer_area.session import SESSION_KEY, SINCE_KEY


def area_client_for(volunteer) -> Client:
    client = Client()
    session = client.session
    session[SESSION_KEY] = volunteer.pk
    session[SINCE_KEY] = timezone.now().isoformat()
    session.save()
    return client


@pytest.fixture
def area_volunteer(active_volunteer):
    return active_volunteer(
        first_name="Ola", email="ola@example.pl", phone="+48600100200"
    )


@pytest.fixture
def area_client(area_volunteer):
    return area_client_for(area_volunteer)


@pytest.fixture
def weekly_assignment(make_request, area_volunteer, coordinator):
    """An accepted weekly assignment on Tuesdays, two weeks from TUESDAY."""
    request = make_request(kind="weekly", date_from=TUESDAY, address="ul. Polna 3")
    assignment = services.assignment_propose(
        actor=coordinator, request=request, volunteer=area_volunteer
    )
    return services.assignment_accept(actor=coordinator, assignment=assignment)


@pytest.fixture
def proposal(make_request, area_volunteer, coordinator):
    request = make_request(
        title="Spacer z seniorem", date_from=TUESDAY + dt.timedelta(days=21)
    )
    return services.assignment_propose(
        actor=coordinator, request=request, volunteer=area_volunteer
    )
