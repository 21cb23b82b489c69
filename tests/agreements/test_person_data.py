"""A person's data, whole (issue 11, point 9): one item from every app in the
JSON export of a volunteer and of a beneficiary, and the same as a readable
page in Polish; the export is in the access log."""

import datetime as dt

import pytest
from django.urls import reverse

from agreements import services
from matching.models import HelpRequest
from registry.advice import services as advice_services
from registry.models import ConsultationTopic
from tests.fixtures.agreements import default_signatory
from volunteer_center.core.models import AccessLog

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_today(time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 10, 0), tick=False)


def _consultation(coordinator, **person):
    return advice_services.consultation_create(
        actor=coordinator,
        fields={
            "starts_at": dt.datetime(2026, 2, 2, 9, tzinfo=dt.UTC),
            "topic": ConsultationTopic.objects.get(name="Inne"),
            "form": "phone",
            "notes": "Rozmowa o dyżurach",
            **person,
        },
    )


@pytest.fixture
def volunteer_with_everything(
    coordinator, make_volunteer, make_assignment, log_hours, make_agreement
):
    volunteer = make_volunteer(first_name="Ewa", email="ewa@example.pl")
    work = make_assignment(
        volunteer, date_from=dt.date(2026, 1, 5), date_to=dt.date(2026, 6, 30)
    )
    log_hours(work, dt.date(2026, 1, 10), "2.5")
    make_agreement(party=volunteer)
    services.certificate_issue(
        actor=coordinator,
        volunteer=volunteer,
        date_from=dt.date(2026, 1, 1),
        date_to=dt.date(2026, 1, 31),
        signatory=default_signatory(),
    )
    _consultation(coordinator, volunteer=volunteer)
    return volunteer


def test_a_volunteer_s_export_has_one_item_from_every_app(
    coordinator_client, volunteer_with_everything
):
    url = reverse("registry:volunteer-export-data", args=[volunteer_with_everything.pk])
    coordinator_client.get(volunteer_with_everything.get_absolute_url())
    data = coordinator_client.get(url).json()
    assert data["register"]["email"] == "ewa@example.pl"  # registry
    assert data["consultations"][0]["notes"] == "Rozmowa o dyżurach"  # advice
    assert data["assignments"][0]["hours_approved"] == "2.50"  # matching
    assert data["hours"][0]["hours"] == "2.50"
    assert data["agreements"][0]["number"].startswith("CW/2026/")  # agreements
    assert data["certificates_and_references"][0]["number"] == "ZAŚ/2026/001"
    # core: who viewed or changed the data
    assert "wyświetlono" in {row["what"] for row in data["access"]}
    assert any(row["what"] == "zmieniono" for row in data["access"])


def test_the_readable_export_is_a_page_in_polish(
    coordinator_client, volunteer_with_everything
):
    url = reverse("registry:volunteer-export-data", args=[volunteer_with_everything.pk])
    page = coordinator_client.get(url, {"format": "html"}).content.decode()
    for heading in ("Rejestr", "Skierowania", "Porozumienia", "Porady"):
        assert heading in page, heading
    assert "Imię" in page and "ewa@example.pl" in page
    assert "first_name" not in page
    assert AccessLog.objects.filter(action="export").count() == 1


def test_a_beneficiary_s_export_has_one_item_from_every_app(
    coordinator, social_worker_client, social_worker, make_beneficiary, make_request
):
    beneficiary = make_beneficiary(
        first_name="Zofia", needs="Zakupy raz w tygodniu", social_worker=social_worker
    )
    request = make_request(beneficiary=beneficiary, title="Zakupy dla pani Zofii")
    services.agreement_create(
        actor=coordinator,
        kind="beneficiary",
        party=beneficiary,
        fields={
            "scope": "Zakupy",
            "manner": "Wizyty",
            "date_from": dt.date(2026, 3, 2),
            "date_to": dt.date(2026, 6, 30),
        },
    )
    _consultation(coordinator, beneficiary=beneficiary)
    url = reverse("registry:beneficiary-export-data", args=[beneficiary.pk])
    data = social_worker_client.get(url).json()
    assert data["register"]["needs"] == "Zakupy raz w tygodniu"
    assert data["requests"][0]["title"] == request.title
    assert HelpRequest.objects.get(pk=request.pk).beneficiary == beneficiary
    assert data["agreements"][0]["number"].startswith("CW/2026/")
    assert data["consultations"][0]["notes"] == "Rozmowa o dyżurach"
    assert any(row["what"] == "zmieniono" for row in data["access"])
