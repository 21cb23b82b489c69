"""Agreement texts the administrator edits: only placeholders and tags the
renderer knows, nothing half-typed, and an edit never drops the changes of a
newer version."""

import pytest
from django.urls import reverse

from agreements import services
from agreements.documents import agreement_context
from agreements.models import AgreementTemplate
from agreements.placeholders import PLACEHOLDERS, text_errors
from agreements.services import AgreementError
from agreements.templatetags.agreements_text import agreement_html

pytestmark = pytest.mark.django_db

BODY = "Porozumienie nr {{ number }} z {{ party_name }}."


def _post(client, url, body, title="Porozumienie wolontariackie"):
    return client.post(
        url, {"kind": "volunteer", "title": title, "body": body, "is_active": "on"}
    )


def _change_url(template):
    return reverse("admin:agreements_agreementtemplate_change", args=[template.pk])


def test_the_placeholders_are_those_the_renderer_fills_in(make_agreement):
    assert set(agreement_context(make_agreement())) == PLACEHOLDERS


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ("Nr {{ numer }} z {{ party_name }}.", "{{ numer }}"),
        ("{% if guardian %}Zgoda.{% endif %}", "{{ guardian }}"),
        ("Nr {{ number }.", "„{{”"),
        ("Nr {number}.", "„{number}”"),
        ("{% load static %}Nr {{ number }}", "„{% load %}”"),
        ("{% debug %}", "„{% debug %}”"),
        ("Nr {{ number|brak }}", "brak"),
        ("{% if place %}w {{ place }}", "if"),
    ],
)
def test_a_text_with_a_broken_or_unknown_placeholder_is_not_saved(
    administrator_client, body, named
):
    current = AgreementTemplate.objects.current("volunteer")
    response = _post(administrator_client, _change_url(current), body)
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.errors["body"])
    assert named.replace("„", "“") in errors or named in errors
    assert "Nieznan" in errors or "Uszkodzone" in errors
    assert AgreementTemplate.objects.current("volunteer") == current


def test_an_unknown_placeholder_is_named_with_those_the_text_may_use():
    (error,) = text_errors("Nr {{ numer }}")
    assert "{{ numer }}" in error and "party_name" in error


def test_the_texts_in_use_are_valid():
    for template in AgreementTemplate.objects.active():
        assert text_errors(template.body) == [], template


def test_editing_an_old_version_is_refused_and_keeps_the_newer_one(
    administrator_client, coordinator
):
    old = AgreementTemplate.objects.current("volunteer")
    newer = services.agreement_template_publish(
        actor=coordinator, kind="volunteer", title="Nowsza", body=BODY + " Nowe."
    )
    versions = set(AgreementTemplate.objects.filter(kind="volunteer"))
    response = _post(administrator_client, _change_url(old), BODY)
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.non_field_errors())
    assert f"wersja {old.version}" in errors and f"wersja {newer.version}" in errors
    assert AgreementTemplate.objects.current("volunteer") == newer
    assert set(AgreementTemplate.objects.filter(kind="volunteer")) == versions


def test_the_newest_version_is_edited_into_a_new_one(administrator_client):
    current = AgreementTemplate.objects.current("volunteer")
    response = _post(administrator_client, _change_url(current), BODY + " Zmiana.")
    assert response.status_code == 302
    newest = AgreementTemplate.objects.current("volunteer")
    assert (newest.version, newest.body) == (current.version + 1, BODY + " Zmiana.")


def test_two_editors_of_the_newest_version_do_not_drop_each_others_changes(
    coordinator,
):
    opened = AgreementTemplate.objects.current("volunteer")
    first = services.agreement_template_publish(
        actor=coordinator,
        kind="volunteer",
        title="Pierwsza",
        body=BODY,
        based_on=opened,
    )
    with pytest.raises(AgreementError, match=f"version {first.version} is newer"):
        services.agreement_template_publish(
            actor=coordinator,
            kind="volunteer",
            title="Druga",
            body=BODY,
            based_on=opened,
        )
    assert AgreementTemplate.objects.current("volunteer").title == "Pierwsza"


def test_the_text_on_the_detail_page_has_headings_below_the_pages_own():
    text = "§ 1\nPrzedmiot porozumienia.\n\nTreść."
    assert agreement_html(text).startswith("<h2>§ 1</h2>")
    assert agreement_html(text, 3).startswith("<h3>§ 1</h3>")
