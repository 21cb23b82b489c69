"""Everything held about a person advised without a record in any register
(RODO art. 15 and 20, issue 11.9): their visits, known by name and contact,
as a page to print and as JSON; the export is in the access log."""

import json

import pytest
from django.urls import reverse

from registry.advice.models import ANONYMISED_WALK_IN
from volunteer_center.core.models import AccessLog

pytestmark = pytest.mark.django_db


def _url(consultation, **query):
    url = reverse("registry:consultation-person-data", args=[consultation.pk])
    return url + ("?format=html" if query.get("html") else "")


@pytest.fixture
def visits(make_consultation):
    first = make_consultation(walk_in_phone="601 222 333", notes="Pytał o zasiłek.")
    second = make_consultation(
        walk_in_name="jan przechodni", walk_in_phone="601222333", notes="Wrócił."
    )
    by_mail = make_consultation(walk_in_email="jan@example.pl", notes="Mail.")
    namesake = make_consultation(walk_in_phone="602 000 000", notes="Inny Jan.")
    return first, second, by_mail, namesake


def test_the_json_holds_every_visit_of_the_same_person_and_no_namesake(
    visits, coordinator_client
):
    _first, second, _by_mail, _namesake = visits
    response = coordinator_client.get(_url(second))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["register"]["walk_in_name"] == "jan przechodni"
    assert [v["notes"] for v in data["consultations"]] == [
        "Pytał o zasiłek.",
        "Wrócił.",
    ]
    # Who saw or changed the visits: both were recorded by the coordinator,
    # and this export is among the entries.
    created = [row for row in data["access"] if row["detail"] == "utworzono"]
    assert [row["who"] for row in created] == ["Koordynator Testowa"] * 2
    assert "wyeksportowano" in {row["what"] for row in data["access"]}
    export = AccessLog.objects.get(action=AccessLog.Action.EXPORT)
    assert export.object_id == str(second.pk) and export.actor.username == "koordynator"


def test_a_person_who_left_only_an_email_is_known_by_it(visits, coordinator_client):
    _first, _second, by_mail, _namesake = visits
    data = json.loads(coordinator_client.get(_url(by_mail)).content)
    assert [v["notes"] for v in data["consultations"]] == ["Mail."]


def test_the_readable_page_is_in_polish(visits, coordinator_client):
    first, *_ = visits
    page = coordinator_client.get(_url(first, html=True)).content.decode()
    assert "Dane osobowe: Jan Przechodni" in page
    assert "Pytał o zasiłek." in page and "Inny Jan." not in page


def test_only_a_walk_in_visit_has_this_export(
    visits, coordinator_client, make_consultation, make_volunteer
):
    volunteer_visit = make_consultation(walk_in_name="", volunteer=make_volunteer())
    assert coordinator_client.get(_url(volunteer_visit)).status_code == 404
    first, *_ = visits
    first.walk_in_name = ANONYMISED_WALK_IN
    first.save()
    assert coordinator_client.get(_url(first)).status_code == 404


def test_the_detail_page_links_the_export(visits, coordinator_client):
    first, *_ = visits
    page = coordinator_client.get(first.get_absolute_url()).content.decode()
    assert _url(first, html=True) in page


def test_staff_without_the_permission_cannot_export(visits, client, outsider):
    first, *_ = visits
    client.force_login(outsider)
    assert client.get(_url(first)).status_code == 403
