"""A volunteer's page keeps the record and its change history while the
tables they are drawn from stand (``core.mixins.KeptRecordMixin``): what a
service changes, there or in a panel of another app, shows on the very next
visit; every visit is in the access log."""

import pytest
from django.urls import reverse

from matching import services as matching_services
from registry import erasure, services
from volunteer_center.core.models import AccessLog

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(make_volunteer, coordinator_client):
    volunteer = make_volunteer(first_name="Anna", last_name="Pierwotna")
    url = reverse("registry:volunteer-detail", args=[volunteer.pk])
    assert "Pierwotna" in coordinator_client.get(url).text
    return volunteer, url


def test_an_edit_shows_at_once_with_its_history(
    page, coordinator, coordinator_client, skills
):
    volunteer, url = page
    skill = next(iter(skills.values()))
    services.volunteer_update(
        actor=coordinator,
        volunteer=volunteer,
        fields={"last_name": "Zmieniona"},
        skills=[skill],
    )
    response = coordinator_client.get(url)
    assert str(response.context["volunteer"]) == "Anna Zmieniona"
    assert list(response.context["volunteer"].skills.all()) == [skill]
    changes = [c for entry in response.context["history"] for c in entry.changes]
    assert any(c.old == "Pierwotna" and c.new == "Zmieniona" for c in changes)


def test_a_panel_of_another_app_shows_a_new_assignment_at_once(
    active_volunteer, coordinator, coordinator_client, make_request
):
    volunteer = active_volunteer(last_name="Pomocna")
    url = reverse("registry:volunteer-detail", args=[volunteer.pk])
    assert "Zakupy u pani Zofii" not in coordinator_client.get(url).text
    matching_services.assignment_propose(
        actor=coordinator,
        request=make_request(title="Zakupy u pani Zofii"),
        volunteer=volunteer,
    )
    assert "Zakupy u pani Zofii" in coordinator_client.get(url).text


def test_every_visit_is_logged(page, coordinator_client):
    volunteer, url = page
    before = AccessLog.objects.filter(object_id=str(volunteer.pk)).count()
    coordinator_client.get(url)
    coordinator_client.get(url)
    after = AccessLog.objects.filter(object_id=str(volunteer.pk)).count()
    assert after == before + 2


def test_an_anonymised_volunteer_is_shown_anonymised_at_once(
    page, coordinator, coordinator_client
):
    volunteer, url = page
    services.volunteer_mark_former(actor=coordinator, volunteer=volunteer)
    erasure.volunteer_anonymise(actor=coordinator, volunteer=volunteer)
    response = coordinator_client.get(url)
    assert response.status_code == 200
    assert "Pierwotna" not in response.text
