"""A social worker follows only the requests of the beneficiaries they are
responsible for now; the hours approval checks its ids and its ``next``."""

import io

import openpyxl
import pytest
from django.urls import reverse

from matching.models import HoursEntry
from registry import services as registry_services
from tests.matching.test_lists import directed, logged_hours

pytestmark = pytest.mark.django_db


@pytest.fixture
def moved_request(
    make_request, social_worker, other_social_worker, coordinator, active_volunteer
):
    """A request the social worker filed, whose beneficiary then moved to
    another social worker; a volunteer is directed to it."""
    request = make_request(title="Stare zgłoszenie", actor=social_worker)
    directed(coordinator, request, active_volunteer(last_name="Pomocna"))
    registry_services.beneficiary_update(
        actor=coordinator,
        beneficiary=request.beneficiary,
        fields={"social_worker": other_social_worker},
    )
    return request


@pytest.mark.parametrize(
    "url",
    [
        lambda r: reverse("matching:request-list"),
        lambda r: reverse("matching:request-list") + "?export=csv",
        lambda r: reverse("matching:request-list") + "?export=xlsx",
    ],
)
def test_the_former_social_worker_no_longer_lists_or_exports_it(
    moved_request, social_worker_client, url
):
    response = social_worker_client.get(url(moved_request))
    assert response.status_code == 200
    body = b"".join(response) if response.streaming else response.content
    if url(moved_request).endswith("xlsx"):
        sheet = openpyxl.load_workbook(io.BytesIO(body)).active
        body = " ".join(str(c.value) for row in sheet.iter_rows() for c in row)
    else:
        body = body.decode()
    assert "Stare zgłoszenie" not in body


def test_the_former_social_worker_can_neither_open_nor_edit_it(
    moved_request, social_worker_client
):
    detail = reverse("matching:request-detail", args=[moved_request.pk])
    update = reverse("matching:request-update", args=[moved_request.pk])
    assert social_worker_client.get(detail).status_code == 404
    assert social_worker_client.get(update).status_code == 404
    assert social_worker_client.post(update, {"title": "Zmienione"}).status_code == 404
    moved_request.refresh_from_db()
    assert moved_request.title == "Stare zgłoszenie"


def test_the_new_social_worker_sees_it(moved_request, other_social_worker, client):
    client.force_login(other_social_worker)
    url = reverse("matching:request-detail", args=[moved_request.pk])
    assert client.get(url).status_code == 200
    assert "Stare zgłoszenie" in client.get(reverse("matching:request-list")).text


# --- The hours approval -------------------------------------------------------


@pytest.fixture
def entries(coordinator, make_request, active_volunteer):
    return logged_hours(
        coordinator, directed(coordinator, make_request(), active_volunteer())
    )


# A NUL byte is refused before any view (tests/volunteer_center/test_hostile_input).
@pytest.mark.parametrize("ids", [["abc"], [""], ["1.5"], ["9" * 30], []])
def test_malformed_entry_ids_are_refused_with_a_message(
    coordinator_client, entries, ids
):
    response = coordinator_client.post(
        reverse("matching:hours-approve"), {"entry": ids}, follow=True
    )
    assert response.status_code == 200
    assert "Zaznacz wpisy do zatwierdzenia." in response.text
    assert not HoursEntry.objects.filter(status=HoursEntry.Status.APPROVED).exists()


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "http://testserver.evil/x",
        # A bare word is no path: redirect() would take it for a view's name.
        "999999999999999999999999999999",
        "registry:volunteer-list",
    ],
)
def test_the_approval_never_redirects_off_site(coordinator_client, entries, target):
    response = coordinator_client.post(
        reverse("matching:hours-approve"), {"entry": [entries[0].pk], "next": target}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("matching:hours-list")
    entries[0].refresh_from_db()
    assert entries[0].status == HoursEntry.Status.APPROVED
