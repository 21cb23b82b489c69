"""A minor's volunteering rests on the consent of their legal representative
(parent or legal guardian, art. 17 KC), given by that person: through the
e-mailed link or recorded by staff; until then the minor stays a candidate
and cannot be directed to work (issue 11, point 3)."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from matching import services as matching_services
from matching.errors import MatchingError
from registry import consents, services
from registry.errors import RegistryError
from registry.models import Volunteer

BORN = dt.date(2010, 4, 1)


@pytest.fixture
def minor(make_volunteer, town):
    return make_volunteer(
        first_name="Kacper",
        birth_date=BORN,
        guardian_name="Ewa Wrona",
        guardian_email="ewa@example.pl",
        district=town,
        availability={(1, "morning")},
    )


def _link_token(coordinator, minor, capture) -> str:
    with capture(execute=True):
        consents.guardian_consent_request(actor=coordinator, volunteer=minor)
    message = mail.outbox[-1]
    assert message.to == ["ewa@example.pl"]
    return re.search(r"/zgoda-rodzica/([^/\s]+)/", message.body).group(1)


def test_a_minor_cannot_be_activated_or_directed_before_the_parent_consents(
    minor, coordinator, make_request
):
    with pytest.raises(RegistryError) as refusal:
        services.volunteer_activate(actor=coordinator, volunteer=minor)
    assert "art. 17 Kodeksu cywilnego" in refusal.value.message
    request = make_request()
    with pytest.raises(MatchingError):
        matching_services.assignment_propose(
            actor=coordinator, request=request, volunteer=minor
        )
    minor.refresh_from_db()
    assert (minor.status, minor.guardian_consent) == ("candidate", False)


def test_the_parent_confirms_through_the_link_and_the_minor_can_then_work(
    minor, coordinator, client, make_request, django_capture_on_commit_callbacks
):
    token = _link_token(coordinator, minor, django_capture_on_commit_callbacks)
    url = reverse("registry:guardian-consent", args=[token])
    page = client.get(url).content.decode()
    assert "Kacper Nowak" in page
    assert "Administratorem" in page  # the information clause (RODO art. 14)
    response = client.post(url, {"statement": "on", "name": "Ewa Wrona"})
    assert response.status_code == 200
    minor.refresh_from_db()
    assert minor.guardian_consent
    assert (minor.guardian_consent_method, minor.guardian_consent_recorded_by) == (
        "email_link",
        None,
    )
    assert client.get(url).status_code == 410  # single use
    volunteer = services.volunteer_activate(actor=coordinator, volunteer=minor)
    assignment = matching_services.assignment_propose(
        actor=coordinator, request=make_request(), volunteer=volunteer
    )
    assert assignment.volunteer == volunteer


def test_the_statement_must_be_ticked(
    minor, coordinator, client, django_capture_on_commit_callbacks
):
    token = _link_token(coordinator, minor, django_capture_on_commit_callbacks)
    response = client.post(
        reverse("registry:guardian-consent", args=[token]), {"name": "Ewa Wrona"}
    )
    assert response.status_code == 200
    assert "statement" in response.context["form"].errors
    assert not Volunteer.objects.get(pk=minor.pk).guardian_consent


def test_an_expired_or_unknown_link_gives_nothing_away(
    minor, coordinator, client, django_capture_on_commit_callbacks
):
    token = _link_token(coordinator, minor, django_capture_on_commit_callbacks)
    with time_machine.travel(dt.datetime.now() + dt.timedelta(days=15)):
        expired = client.get(reverse("registry:guardian-consent", args=[token]))
    unknown = client.get(reverse("registry:guardian-consent", args=["x" * 43]))
    assert expired.status_code == unknown.status_code == 410
    assert "Kacper" not in expired.content.decode()


def test_a_new_link_replaces_the_old_one(
    minor, coordinator, client, django_capture_on_commit_callbacks
):
    first = _link_token(coordinator, minor, django_capture_on_commit_callbacks)
    _link_token(coordinator, minor, django_capture_on_commit_callbacks)
    assert client.get(
        reverse("registry:guardian-consent", args=[first])
    ).status_code == (410)


def test_staff_record_a_written_consent_with_who_when_and_how(
    minor, coordinator, coordinator_client
):
    response = coordinator_client.post(
        reverse("registry:volunteer-guardian-consent", args=[minor.pk]),
        {
            "action": "record",
            "name": "Ewa Wrona",
            "method": "paper",
            "given_on": "2026-02-20",
        },
    )
    assert response.status_code == 302
    minor.refresh_from_db()
    assert (
        minor.guardian_consent,
        minor.guardian_consent_method,
        minor.guardian_consent_on,
        minor.guardian_consent_recorded_by,
    ) == (True, "paper", dt.date(2026, 2, 20), coordinator)


def test_the_minors_page_shows_what_is_missing(minor, coordinator_client):
    page = coordinator_client.get(
        reverse("registry:volunteer-detail", args=[minor.pk])
    ).content.decode()
    assert "Przedstawiciel ustawowy (rodzic lub opiekun prawny)" in page
    assert "nie można go kierować do pracy" in page


def test_a_withdrawn_consent_stops_the_minor_from_working(minor, coordinator):
    consents.guardian_consent_record(
        actor=coordinator, volunteer=minor, method="paper", given_on=dt.date(2026, 1, 5)
    )
    consents.guardian_consent_withdraw(actor=coordinator, volunteer=minor)
    minor.refresh_from_db()
    assert not minor.may_work_on(dt.date(2026, 3, 3))


def test_an_agreement_the_parent_signed_records_the_consent(minor, coordinator):
    from agreements import services as agreement_services
    from tests.fixtures.agreements import sign_agreement

    agreement = agreement_services.agreement_create(
        actor=coordinator,
        kind="volunteer",
        party=minor,
        fields={
            "scope": "Pomoc w świetlicy.",
            "manner": "Dwa razy w tygodniu.",
            "date_from": dt.date(2026, 3, 1),
            "date_to": dt.date(2026, 6, 30),
            "safety_info_given": True,
            "safety_info_given_on": dt.date(2026, 2, 27),
            "safety_instruction": "Instrukcja BHP",
            "guardian_consent": True,
            "guardian_name": "Ewa Wrona",
        },
    )
    sign_agreement(actor=coordinator, agreement=agreement)
    minor.refresh_from_db()
    assert (minor.guardian_consent, minor.guardian_consent_method) == (
        True,
        "signature",
    )
