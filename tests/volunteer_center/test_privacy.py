"""The RODO information (art. 13 and 14) on the privacy page, on every public
form, and to people whose data came from someone else (issue 11, point 7)."""

import pytest
from django.core import mail
from django.core.checks import Tags, run_checks
from django.urls import reverse

from registry import services as registry_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def dpo(settings):
    settings.DPO_NAME = "Jan Inspektor"
    settings.DPO_EMAIL = "iod@ops.czechowice-dziedzice.pl"


def test_the_privacy_page_has_every_element_of_art_13(client, dpo):
    page = client.get(reverse("privacy")).content.decode()
    for expected in (
        # the controller and its contact, the data protection officer
        "Ośrodek Pomocy Społecznej w Czechowicach-Dziedzicach",
        "iod@ops.czechowice-dziedzice.pl",
        # purposes with their legal bases; consent only where voluntary
        "art. 6 ust. 1 lit. e",
        "art. 6 ust. 1 lit. c",
        "art. 21 ustawy z 13 maja 2016",
        "tylko za Twoją zgodą (art. 6 ust. 1 lit. a RODO)",
        # recipients, retention per purpose
        "Ubezpieczyciel (ubezpieczenie NNW)",
        "24 miesiące",
        "kategoria B5",
        # rights, objection, erasure limits, complaint, automated support
        "sprzeciw",
        "dokumentów przekazanych do archiwum",
        "Prezesa Urzędu Ochrony Danych Osobowych",
        "zawsze decyduje koordynator",
        # whether giving the data is required
        "Podanie danych jest dobrowolne",
        # art. 14 for representatives and contact persons
        "podał nam małoletni",
        "przekazała nam instytucja",
    ):
        assert expected in page, expected


@pytest.mark.parametrize(
    "url_name, expected",
    [
        ("registry:signup", "art. 6 ust. 1 lit. b"),
        ("registry:consultation-book", "nie możemy umówić wizyty"),
    ],
)
def test_every_public_form_shows_its_clause(client, url_name, expected):
    page = client.get(reverse(url_name)).content.decode()
    assert "Administratorem Twoich danych osobowych jest" in page
    assert expected in page


def test_a_beneficiary_filed_by_a_social_worker_gets_the_art_14_information(
    social_worker, social_worker_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        beneficiary = registry_services.beneficiary_create(
            actor=social_worker,
            fields={
                "first_name": "Helena",
                "last_name": "Kwiatek",
                "email": "helena@example.pl",
            },
        )
    message = mail.outbox[-1]
    assert message.to == ["helena@example.pl"]
    assert "Kwiatek" not in message.subject and "Helena" not in message.subject
    assert "z dokumentacji Ośrodka prowadzonej przez Twojego pracownika" in (
        message.body
    )
    page = social_worker_client.get(
        reverse("registry:beneficiary-privacy-notice", args=[beneficiary.pk])
    ).content.decode()
    assert "Helena Kwiatek" in page
    assert "Źródło" in page or "pochodzą z dokumentacji" in page


def test_a_volunteer_sent_by_an_institution_learns_who_gave_their_data(
    coordinator, make_institution, django_capture_on_commit_callbacks
):
    school = make_institution(name="Liceum im. Kopernika", sends_volunteers=True)
    with django_capture_on_commit_callbacks(execute=True):
        registry_services.volunteer_create(
            actor=coordinator,
            fields={
                "first_name": "Ola",
                "last_name": "Lis",
                "birth_date": "1999-01-01",
                "email": "ola@example.pl",
                "source": "institution",
                "sending_institution": school,
            },
        )
    assert "do wolontariatu w Centrum Wolontariatu: Liceum im. Kopernika" in (
        mail.outbox[-1].body
    )


def test_going_live_without_a_data_protection_officer_is_reported(settings):
    settings.DPO_EMAIL = ""
    errors = run_checks(include_deployment_checks=True, tags=[Tags.security])
    assert "volunteer_center.E003" in {error.id for error in errors}
    settings.DPO_EMAIL = "iod@ops.czechowice-dziedzice.pl"
    errors = run_checks(include_deployment_checks=True, tags=[Tags.security])
    assert "volunteer_center.E003" not in {error.id for error in errors}


def test_the_needs_field_says_what_not_to_write_there(social_worker_client):
    """Issue 11, point 10: no diagnoses unless the help needs them."""
    page = social_worker_client.get(reverse("registry:beneficiary-create"))
    assert "Nie wpisuj diagnoz" in page.content.decode()
