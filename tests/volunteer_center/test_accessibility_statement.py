"""The accessibility statement (issue 11, point 11; ustawa z 4 kwietnia 2019
r. o dostępności cyfrowej, art. 10): the ministry's template with its a11y-*
ids, linked from every page, edited by the administrator, reviewed yearly."""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from volunteer_center.core.legal.models import AccessibilityStatement

pytestmark = pytest.mark.django_db

REQUIRED_IDS = (
    "a11y-wstep",
    "a11y-podmiot",
    "a11y-url",
    "a11y-data-publikacja",
    "a11y-data-aktualizacja",
    "a11y-status",
    "a11y-data-sporzadzenie",
    "a11y-ocena",
    "a11y-kontakt",
    "a11y-osoba",
    "a11y-email",
    "a11y-telefon",
    "a11y-procedura",
    "a11y-architektura",
    "a11y-jezyk-migowy",
)


def test_the_statement_has_every_element_of_the_ministry_template(client):
    page = client.get(reverse("legal:accessibility-statement")).content.decode()
    for element in REQUIRED_IDS:
        assert f'id="{element}"' in page, element
    assert "Ośrodek Pomocy Społecznej w Czechowicach-Dziedzicach" in page
    assert "ul. Nad Białką 1B" in page
    assert "polskim językiem migowym" in page
    assert "7 dni" in page and "Rzecznik" in page
    assert "częściowo zgodna" in page


@pytest.mark.parametrize("name", ["home", "privacy", "login", "registry:signup"])
def test_every_page_links_the_statement_in_its_footer(client, name):
    page = client.get(reverse(name)).content.decode()
    footer = page[page.index("<footer") :]
    assert reverse("legal:accessibility-statement") in footer


def test_the_home_page_describes_the_centre_in_easy_to_read_language(client):
    page = client.get(reverse("home")).content.decode()
    assert "Wolontariusz to osoba, która pomaga innym" in page
    assert "koordynator do spraw dostępności Ośrodka" in page


def _change(administrator_client, **fields):
    statement = AccessibilityStatement.objects.order_by("pk").first()
    url = reverse("admin:core_accessibilitystatement_change", args=[statement.pk])
    data = {
        "entity": statement.entity,
        "published_on": "2026-12-01",
        "updated_on": "2026-12-01",
        "status": "partly",
        "inaccessible": statement.inaccessible,
        "prepared_on": "2026-12-01",
        "reviewed_on": timezone.localdate().isoformat(),
        "method": "self",
        "assessed_by": "",
        "contact_person": "Ewa Dostępna",
        "contact_email": "dostepnosc@ops.czechowice-dziedzice.pl",
        "contact_phone": "+48 32 214 11 12",
        "architecture": "Wejście od ul. Nad Białką 1B bez schodów.",
        "sign_language": statement.sign_language,
        "easy_to_read": statement.easy_to_read,
        **fields,
    }
    return administrator_client.post(url, data)


def test_the_administrator_edits_the_statement_and_the_page_follows(
    administrator_client, client
):
    response = _change(administrator_client)
    assert response.status_code == 302
    statement = AccessibilityStatement.objects.order_by("pk").first()
    assert (statement.contact_person, statement.is_model_text) == (
        "Ewa Dostępna",
        False,
    )
    page = client.get(reverse("legal:accessibility-statement")).content.decode()
    assert "Wejście od ul. Nad Białką 1B bez schodów." in page
    refused = _change(administrator_client, inaccessible="")
    assert refused.status_code == 200
    assert "co nie jest dostępne" in refused.content.decode()


def test_the_administrator_is_reminded_to_review_it_by_31_march(
    administrator_client,
):
    index = reverse("admin:index")
    # The model text shipped with the application is due at once.
    assert (
        'id="accessibility-review"' in administrator_client.get(index).content.decode()
    )
    _change(administrator_client)
    assert 'id="accessibility-review"' not in (
        administrator_client.get(index).content.decode()
    )
    # A new year begins that it was not reviewed in.
    this_year = timezone.localdate().year
    AccessibilityStatement.objects.update(reviewed_on=dt.date(this_year - 1, 12, 1))
    page = administrator_client.get(index).content.decode()
    assert 'id="accessibility-review"' in page
    assert f"do 31 marca {this_year}" in page


def test_the_dashboard_reminds_whoever_keeps_the_statement(
    administrator_client, coordinator_client, coordinator
):
    dashboard = reverse("dashboard")
    # The administrator's dashboard is the admin's index.
    page = administrator_client.get(dashboard, follow=True)
    assert page.redirect_chain[-1][0] == reverse("admin:index")
    assert 'id="accessibility-review"' in page.content.decode()
    # On the staff dashboard only those who may edit the statement are asked.
    page = coordinator_client.get(dashboard).content.decode()
    assert 'id="accessibility-review"' not in page
    coordinator.user_permissions.add(
        Permission.objects.get(codename="change_accessibilitystatement")
    )
    page = coordinator_client.get(dashboard).content.decode()
    assert 'id="accessibility-review"' in page and "alert-warning" in page
