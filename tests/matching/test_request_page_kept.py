"""A request's page is kept while the tables it shows stand
(``matching.request_page.kept_request_page``, ``core.fragments.drawn``): what a
service changes shows on the very next visit, and a request a user may no
longer see is a 404 at once."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from matching import services
from registry import services as registry_services
from tests.matching.test_lists import directed, logged_hours

pytestmark = pytest.mark.django_db


def test_what_the_services_change_shows_on_the_next_visit(
    make_request, active_volunteer, coordinator, coordinator_client
):
    request = make_request(needed=2)
    volunteer = active_volunteer(last_name="Pomocna", email="p@example.pl")
    url = request.get_absolute_url()
    assert coordinator_client.get(url).context["assignments"] == []

    services.help_request_update(
        actor=coordinator, request=request, fields={"title": "Nowy tytuł"}
    )
    assert "Nowy tytuł" in coordinator_client.get(url).text

    assignment = directed(coordinator, request, volunteer)
    page = coordinator_client.get(url)
    assert [(a.pk, a.status) for a in page.context["assignments"]] == [
        (assignment.pk, "accepted")
    ]
    assert page.context["free_places"] == 1

    logged_hours(coordinator, assignment, hours=("2",))
    page = coordinator_client.get(url)
    assert page.context["assignments"][0].status == "active"
    assert page.context["hours"].awaiting == Decimal("2")

    registry_services.volunteer_update(
        actor=coordinator, volunteer=volunteer, fields={"last_name": "Przemianowana"}
    )
    assert "Przemianowana" in coordinator_client.get(url).text


def test_the_suggestions_table_follows_the_suggestions_and_the_language(
    make_request, active_volunteer, coordinator, coordinator_client
):
    request = make_request()
    active_volunteer(last_name="Pierwsza", email="a@example.pl")
    url = request.get_absolute_url()
    assert "Pierwsza" in coordinator_client.get(url).text

    active_volunteer(last_name="Druga", email="b@example.pl")
    page = coordinator_client.get(url)
    assert "Pierwsza" in page.text and "Druga" in page.text
    assert "Zaproponuj" in page.text

    coordinator_client.cookies["django_language"] = "en"
    english = coordinator_client.get(url)
    assert "Propose" in english.text and "Zaproponuj" not in english.text


def test_a_proposal_from_the_kept_table_passes_the_csrf_check(
    make_request, active_volunteer, coordinator, client
):
    client.enforce_csrf_checks = True
    client.force_login(coordinator)
    request = make_request()
    volunteer = active_volunteer(last_name="Pierwsza", email="a@example.pl")
    url = request.get_absolute_url()
    client.get(url)
    page = client.get(url)  # the table as kept
    form = page.text.split(f'value="{volunteer.pk}"')[0].rsplit("<form", 1)[1]
    token = form.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    response = client.post(
        reverse("matching:assignment-propose", args=[request.pk]),
        {"volunteer": volunteer.pk, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert request.assignments.get().volunteer == volunteer


def test_a_request_out_of_scope_is_a_404_at_once(
    make_request, coordinator, social_worker, other_social_worker, client
):
    request = make_request(title="Stare zgłoszenie", actor=social_worker)
    url = request.get_absolute_url()
    client.force_login(social_worker)
    assert client.get(url).status_code == 200

    registry_services.beneficiary_update(
        actor=coordinator,
        beneficiary=request.beneficiary,
        fields={"social_worker": other_social_worker},
    )
    assert client.get(url).status_code == 404


def test_a_permission_taken_away_narrows_the_scope_at_once(
    make_request, coordinator, social_worker, other_social_worker, client
):
    request = make_request(actor=social_worker)
    sees_all = Permission.objects.get(codename="view_all_helprequests")
    other_social_worker.user_permissions.add(sees_all)
    client.force_login(other_social_worker)
    url = request.get_absolute_url()
    assert client.get(url).status_code == 200

    other_social_worker.user_permissions.remove(sees_all)
    assert client.get(url).status_code == 404
