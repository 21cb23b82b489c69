"""Each role gets exactly the access of tests/matching/access.py."""

import pytest
from django.test import Client

from matching import services
from matching.models import BatchProposal, CoverChain, HoursEntry, Programme
from tests.access_helpers import assert_access
from tests.matching.access import ACCESS

POST_ONLY = {
    "matching:request-status",
    "matching:assignment-propose",
    "matching:assignment-status",
    "matching:hours-approve",
    "matching:hours-change",
    "matching:cover-stop",
}


@pytest.fixture
def clients(coordinator_client, social_worker_client, administrator_client):
    return {
        "anonymous": Client(),
        "coordinator": coordinator_client,
        "social_worker": social_worker_client,
        "administrator": administrator_client,
    }


@pytest.fixture
def objects(make_request, active_volunteer, coordinator):
    # The request is for the social worker's own beneficiary, so "allowed"
    # means allowed and not merely "not someone else's".
    request = make_request()
    assignment = services.assignment_propose(
        actor=coordinator, request=request, volunteer=active_volunteer()
    )
    programme = Programme.objects.create(name="Zima", date_from=request.date_from)
    proposal = BatchProposal.objects.create(requested_by=coordinator)
    # Written directly: the permission check comes before any rule of hours.
    entry = HoursEntry.objects.create(
        assignment=assignment, date=request.date_from, hours=1, logged_by=coordinator
    )
    return {
        "hours": entry,
        "request": request,
        "assignment": assignment,
        "programme": programme,
        "batch": proposal,
        "cover": CoverChain.objects.create(request=request),
    }


def kwargs_for(url_name, objects):
    name = url_name.split(":")[1]
    if name.endswith(("-list", "-create")) or name in ("hours-approve", "batch"):
        return {}
    kind = {"hours-log": "assignment", "assignment-propose": "request"}.get(
        name, name.split("-")[0]
    )
    return {"pk": objects[kind].pk}


@pytest.mark.parametrize("url_name", sorted(ACCESS))
def test_each_role_gets_exactly_its_access(url_name, clients, objects):
    method = "post" if url_name in POST_ONLY else "get"
    assert_access(
        url_name, ACCESS[url_name], clients, kwargs_for(url_name, objects), method
    )


def test_social_worker_sees_only_requests_of_own_beneficiaries(
    make_request, make_beneficiary, other_social_worker, social_worker_client
):
    own = make_request(title="Moje zgłoszenie")
    other = make_request(
        title="Cudze zgłoszenie",
        beneficiary=make_beneficiary(
            social_worker=other_social_worker, last_name="Inny"
        ),
    )
    page = social_worker_client.get("/zgloszenia/").content.decode()
    assert "Moje zgłoszenie" in page and "Cudze zgłoszenie" not in page
    assert social_worker_client.get(own.get_absolute_url()).status_code == 200
    assert social_worker_client.get(other.get_absolute_url()).status_code == 404


def test_social_worker_sees_no_suggestions_but_the_assigned_volunteers_contact(
    make_request, active_volunteer, coordinator, social_worker_client
):
    request = make_request()
    helper = active_volunteer(first_name="Helena", phone="601 234 567")
    other = active_volunteer(first_name="Zenon", phone="602 000 111")
    services.assignment_propose(actor=coordinator, request=request, volunteer=helper)
    page = social_worker_client.get(request.get_absolute_url()).content.decode()
    assert "Helena" in page and "601 234 567" in page
    # Zenon is eligible too, but a social worker sees no candidate list.
    assert "Zenon" not in page
    assert other.get_absolute_url() not in page
