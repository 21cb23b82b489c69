import pytest
from django.test import Client
from django.urls import reverse

from agreements import services
from agreements.models import Agreement, AgreementTemplate
from tests.fixtures.agreements import default_signatory

pytestmark = pytest.mark.django_db

NEW_BODY = "Porozumienie nr {{ number }} z {{ party_name }}. {{ termination_clause }}"


def test_the_administrator_edits_a_text_and_a_new_version_is_used(
    administrator_client, make_agreement
):
    old_agreement = make_agreement()
    current = AgreementTemplate.objects.current("volunteer")
    url = reverse("admin:agreements_agreementtemplate_change", args=[current.pk])
    response = administrator_client.post(
        url,
        {
            "kind": "volunteer",
            "title": "Porozumienie wolontariackie (2027)",
            "body": NEW_BODY,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    newest = AgreementTemplate.objects.current("volunteer")
    assert (newest.version, newest.title) == (
        current.version + 1,
        "Porozumienie wolontariackie (2027)",
    )
    current.refresh_from_db()
    assert (current.body != NEW_BODY, current.is_active) == (True, False)
    new_agreement = make_agreement()
    assert new_agreement.template == newest
    assert new_agreement.text.startswith(f"Porozumienie nr {new_agreement.number} z ")
    old_agreement.refresh_from_db()
    assert old_agreement.template == current


def test_a_text_with_a_broken_placeholder_is_refused(administrator_client):
    before = AgreementTemplate.objects.filter(kind="institution").count()
    response = administrator_client.post(
        reverse("admin:agreements_agreementtemplate_add"),
        {"kind": "institution", "title": "Zła", "body": "{% if %}", "is_active": "on"},
    )
    assert response.status_code == 200
    assert AgreementTemplate.objects.filter(kind="institution").count() == before


def test_the_administrator_cannot_open_agreements_in_the_admin(
    administrator_client, make_agreement
):
    make_agreement()
    response = administrator_client.get(
        reverse("admin:agreements_agreement_changelist")
    )
    assert response.status_code == 403


def test_the_coordinator_signs_agreements_with_an_admin_action(
    coordinator, coordinator_client, make_agreement, make_volunteer
):
    good = make_agreement(party=make_volunteer(last_name="Dobra"))
    services.agreement_prepare(
        actor=coordinator, agreement=good, signatory=default_signatory()
    )
    # Not prepared for signing: there is no document whose signing to record.
    bad = make_agreement(party=make_volunteer(last_name="Zła"))
    url = reverse("admin:agreements_agreement_changelist")
    assert coordinator_client.get(url).status_code == 200
    coordinator_client.post(
        url,
        {"action": "sign_agreements", "_selected_action": [good.pk, bad.pk]},
    )
    statuses = dict(Agreement.objects.values_list("pk", "status"))
    assert statuses == {good.pk: "signed", bad.pk: "draft"}


@pytest.mark.parametrize(
    "name",
    ["agreement", "certificate", "reference", "certificatebatch", "agreementtemplate"],
)
def test_admin_lists_open_for_the_coordinator(coordinator_client, name):
    url = reverse(f"admin:agreements_{name}_changelist")
    assert coordinator_client.get(url).status_code == 200


def test_anonymous_is_sent_to_the_admin_login():
    response = Client().get(reverse("admin:agreements_agreement_changelist"))
    assert response.status_code == 302


def test_services_keep_one_active_version(coordinator):
    services.agreement_template_publish(
        actor=coordinator, kind="beneficiary", title="v2", body="{{ number }}"
    )
    services.agreement_template_publish(
        actor=coordinator, kind="beneficiary", title="v3", body="{{ number }}"
    )
    active = AgreementTemplate.objects.filter(kind="beneficiary", is_active=True)
    newest = AgreementTemplate.objects.filter(kind="beneficiary").order_by("-version")
    assert [t.version for t in active] == [newest.first().version]
    assert [t.title for t in active] == ["v3"]
