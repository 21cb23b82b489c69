"""The public volunteer sign-up (no login)."""

import datetime as dt

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from registry.models import Volunteer

URL = "/zostan-wolontariuszem/"


@pytest.fixture
def form_data(districts, skills, categories):
    return {
        "first_name": "Zofia",
        "last_name": "Żółkiewska",
        "birth_date": "1995-03-02",
        "email": "zofia@example.pl",
        "phone": "601 234 567",
        "street": "ul. Traugutta 5",
        "postal_code": "43-502",
        "city": "Czechowice-Dziedzice",
        "district": districts["Bronów"].pk,
        "reachable_districts": [districts["Bronów"].pk, districts["Ligota"].pk],
        "skills": [next(iter(skills.values())).pk],
        "interests": [next(iter(categories.values())).pk],
        "availability": ["1:morning", "3:evening"],
        "max_hours_per_week": "4",
        "consent": "on",
        "website": "",
    }


def post(client, data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(URL, data)


def test_url_is_the_public_polish_address():
    assert reverse("registry:signup") == URL


def test_anonymous_visitor_sees_the_form_with_the_clause(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="consent"' in html
    assert "Wersja informacji: 2026-02" in html
    assert "art. 6 ust. 1 lit. e" in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_sign_up_creates_a_candidate_with_consent_and_sends_a_confirmation(
    client, form_data, django_capture_on_commit_callbacks
):
    before = timezone.now()
    response = post(client, form_data, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == reverse("registry:signup-thanks")
    volunteer = Volunteer.objects.get(email="zofia@example.pl")
    assert volunteer.status == Volunteer.Status.CANDIDATE
    assert volunteer.source == Volunteer.Source.PUBLIC_FORM
    assert volunteer.phone == "+48601234567"
    assert volunteer.consent_clause_version == "2026-02"
    # The register is the OPS's public task; no voluntary consent was given.
    assert volunteer.legal_basis == "public_task"
    assert (volunteer.newsletter_consent_at, volunteer.image_consent_at) == (None, None)
    assert volunteer.consent_given_at >= before
    assert set(volunteer.availability.values_list("weekday", "part")) == {
        (1, "morning"),
        (3, "evening"),
    }
    assert volunteer.reachable_districts.count() == 2
    assert volunteer.skills.count() == 1
    assert volunteer.interests.count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["zofia@example.pl"]
    assert "koordynator" in mail.outbox[0].body.lower()


def test_thank_you_page_is_public(client, db):
    response = client.get(reverse("registry:signup-thanks"))
    assert response.status_code == 200
    assert "Dziękujemy" in response.content.decode()


def test_second_sign_up_with_the_same_address_creates_no_record_and_looks_the_same(
    client, form_data, django_capture_on_commit_callbacks
):
    first = post(client, form_data, django_capture_on_commit_callbacks)
    again = {**form_data, "first_name": "Inna", "email": "ZOFIA@example.pl"}
    second = post(client, again, django_capture_on_commit_callbacks)
    assert Volunteer.objects.filter(email__iexact="zofia@example.pl").count() == 1
    assert Volunteer.objects.get().first_name == "Zofia"
    # The visitor cannot tell a known address from a new one.
    assert second.status_code == first.status_code
    assert second["Location"] == first["Location"]
    # The mailbox's owner learns it, in a message that creates nothing.
    assert len(mail.outbox) == 2
    assert "już" in mail.outbox[1].body


def test_the_unread_clause_is_explained_next_to_the_field_and_input_is_kept(
    client, form_data, django_capture_on_commit_callbacks
):
    del form_data["consent"]
    response = post(client, form_data, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Zapoznaj się z informacją o Twoich danych osobowych." in html
    assert 'value="Żółkiewska"' in html
    assert 'value="1:morning" id="id_availability_1morning" checked' in html
    assert 'value="2:morning" id="id_availability_2morning">' in html
    assert not Volunteer.objects.exists()
    assert mail.outbox == []


def test_child_under_13_is_refused_with_an_explanation(
    client, form_data, django_capture_on_commit_callbacks
):
    form_data["birth_date"] = str(timezone.localdate() - dt.timedelta(days=12 * 365))
    response = post(client, form_data, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    page = response.content.decode()
    # The centre's own rule, a setting, not a law.
    assert "od 13. roku życia" in page and "własna zasada" in page
    assert not Volunteer.objects.exists()


def test_a_minor_names_the_parent_who_gets_the_consent_link(
    client, form_data, django_capture_on_commit_callbacks
):
    form_data["birth_date"] = str(timezone.localdate() - dt.timedelta(days=16 * 365))
    response = post(client, form_data, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"guardian_name", "guardian_phone"} <= set(errors)
    assert "guardian_consent" not in response.context["form"].fields
    mail.outbox.clear()
    form_data.update(guardian_name="Jan Żółkiewski", guardian_email="jan@example.pl")
    response = post(client, form_data, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    volunteer = Volunteer.objects.get()
    assert (volunteer.status, volunteer.guardian_consent) == ("candidate", False)
    to_parent = [m for m in mail.outbox if m.to == ["jan@example.pl"]]
    assert len(to_parent) == 1
    assert "Żółkiewsk" not in to_parent[0].subject
    assert "/zgoda-rodzica/" in to_parent[0].body
    assert "art. 17 Kodeksu cywilnego" in to_parent[0].body


def test_honeypot_filled_in_by_a_robot_creates_nothing(
    client, form_data, django_capture_on_commit_callbacks
):
    form_data["website"] = "http://spam.example"
    response = post(client, form_data, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert not Volunteer.objects.exists()
    assert mail.outbox == []


@override_settings(RATE_LIMIT_PER_ADDRESS_PER_HOUR=2)
def test_too_many_submissions_from_one_address_are_refused(
    form_data, django_capture_on_commit_callbacks
):
    client = Client(REMOTE_ADDR="203.0.113.7")
    for n in range(2):
        data = {**form_data, "email": f"osoba{n}@example.pl"}
        assert post(client, data, django_capture_on_commit_callbacks).status_code == 302
    data = {**form_data, "email": "osoba3@example.pl"}
    response = post(client, data, django_capture_on_commit_callbacks)
    assert response.status_code == 429
    assert "Zbyt wiele" in response.content.decode()
    assert not Volunteer.objects.filter(email="osoba3@example.pl").exists()
    # Another address is not affected.
    other = Client(REMOTE_ADDR="203.0.113.8")
    assert post(other, data, django_capture_on_commit_callbacks).status_code == 302


def test_post_without_csrf_token_is_refused(form_data):
    client = Client(enforce_csrf_checks=True)
    response = client.post(URL, form_data)
    assert response.status_code == 403
    assert not Volunteer.objects.exists()


def test_home_page_shows_contact_office_hours_and_the_way_to_sign_up(client, db):
    html = client.get("/").content.decode()
    assert "Nad Białką 1B" in html
    assert "10:00–11:00" in html and "15:00–17:00" in html
    assert "wtorek" in html.lower() and "czwartek" in html.lower()
    assert reverse("registry:signup") in html
    assert reverse("privacy") in html


def test_voluntary_consents_are_recorded_and_their_withdrawal_too(
    client, form_data, django_capture_on_commit_callbacks, coordinator_client
):
    form_data["newsletter_consent"] = "on"
    post(client, form_data, django_capture_on_commit_callbacks)
    volunteer = Volunteer.objects.get()
    assert volunteer.newsletter_consent_at is not None
    assert volunteer.image_consent_at is None
    page = coordinator_client.get(volunteer.get_absolute_url()).content.decode()
    assert "wiadomości e-mail" in page and "nie udzielono" in page
    coordinator_client.post(
        reverse("registry:volunteer-consent-withdraw", args=[volunteer.pk]),
        {"purpose": "newsletter"},
    )
    volunteer.refresh_from_db()
    assert volunteer.newsletter_consent_at is None
    history = volunteer.history.first()
    assert history.history_user.username == "koordynator"


def test_the_confirmation_greets_without_a_name_or_a_guessed_gender(
    client, form_data, django_capture_on_commit_callbacks
):
    post(client, form_data, django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert message.body.startswith("Dzień dobry,\n")
    assert "(-aś)" not in message.body
    assert "Jeśli to nie Twoje zgłoszenie, zignoruj tę wiadomość" in message.body
