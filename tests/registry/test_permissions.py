"""Each role gets exactly the access of tests/registry/access.py."""

import pytest
from django.test import Client

from tests.access_helpers import assert_access
from tests.registry.access import ACCESS

POST_ONLY = {
    "registry:volunteer-status",
    "registry:volunteer-anonymise",
    "registry:beneficiary-anonymise",
    "registry:volunteer-guardian-consent",
    "registry:volunteer-vetting",
    "registry:volunteer-consent-withdraw",
    "registry:consultation-status",
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
def objects(
    make_volunteer, make_institution, make_consultation, social_worker, coordinator
):
    from registry import services

    return {
        "consultation": make_consultation(),
        "volunteer": make_volunteer(),
        "institution": make_institution(),
        # The social worker's own beneficiary, so "allowed" means allowed.
        "beneficiary": services.beneficiary_create(
            actor=coordinator,
            fields={
                "first_name": "Jan",
                "last_name": "Kos",
                "social_worker": social_worker,
            },
        ),
    }


def kwargs_for(url_name, objects):
    if "-list" in url_name or "-create" in url_name:
        return {}
    kind = url_name.split(":")[1].split("-")[0]
    return {"pk": objects[kind].pk}


@pytest.mark.parametrize("url_name", sorted(ACCESS))
def test_each_role_gets_exactly_its_access(url_name, clients, objects):
    method = "post" if url_name in POST_ONLY else "get"
    assert_access(
        url_name, ACCESS[url_name], clients, kwargs_for(url_name, objects), method
    )


def test_a_social_worker_cannot_open_another_workers_beneficiary(
    social_worker_client, other_social_worker, coordinator
):
    from django.urls import reverse

    from registry import services

    theirs = services.beneficiary_create(
        actor=coordinator,
        fields={
            "first_name": "Ewa",
            "last_name": "Lis",
            "social_worker": other_social_worker,
        },
    )
    response = social_worker_client.get(
        reverse("registry:beneficiary-detail", args=[theirs.pk])
    )
    assert response.status_code == 404
    listing = social_worker_client.get(reverse("registry:beneficiary-list"))
    assert "Lis" not in listing.content.decode()
