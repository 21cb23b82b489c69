"""The filter form above a staff list is drawn once and kept
(volunteer_center/core/fragments.py): a kept form is the form that would be
drawn now, for every value asked for, every choice offered and each language."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.template.loader import get_template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registry.filters import VolunteerFilter
from registry.models import District, Volunteer
from volunteer_center.core import fragments

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _nothing_kept():
    caches["fragments"].clear()


def drawn(data) -> str:
    """The form as drawn without keeping anything."""
    filterset = VolunteerFilter(data, queryset=Volunteer.objects.all())
    return get_template(fragments.FILTER_FORM).render({"filter": filterset})


def kept(data) -> str:
    filterset = VolunteerFilter(data, queryset=Volunteer.objects.all())
    return fragments.filter_form(filterset)


def test_the_kept_form_is_the_drawn_one():
    data = {"status": "active", "q": "Wójcik"}
    first, again = kept(data), kept(data)
    assert first == again == drawn(data)
    assert 'value="active" selected' in first
    assert 'value="Wójcik"' in first


def test_each_choice_asked_for_has_its_own_form():
    active, candidates = kept({"status": "active"}), kept({"status": "candidate"})
    assert 'value="active" selected' in active
    assert 'value="candidate" selected' in candidates
    assert 'value="active" selected' not in candidates


def test_a_new_or_renamed_district_is_offered_on_the_next_page(coordinator_client):
    url = reverse("registry:volunteer-list")
    assert "Nowa Dzielnica" not in coordinator_client.get(url).content.decode()
    district = District.objects.create(
        name="Nowa Dzielnica", latitude=49.9, longitude=19.0
    )
    assert "Nowa Dzielnica" in coordinator_client.get(url).content.decode()
    district.name = "Stara Dzielnica"
    district.save()
    html = coordinator_client.get(url).content.decode()
    assert "Stara Dzielnica" in html
    assert "Nowa Dzielnica" not in html


def test_an_invalid_value_keeps_its_message(coordinator_client):
    url = reverse("registry:volunteer-list")
    for _ in range(2):
        html = coordinator_client.get(url, {"district": "999999"}).content.decode()
        assert "Wybierz poprawną wartość" in html


def test_the_english_page_has_an_english_form(coordinator_client):
    url = reverse("registry:volunteer-list")
    assert "Wyczyść filtry" in coordinator_client.get(url).content.decode()
    coordinator_client.cookies["django_language"] = "en"
    assert "Clear filters" in coordinator_client.get(url).content.decode()


def test_a_kept_form_costs_no_more_queries_than_a_drawn_one(
    coordinator_client, django_assert_max_num_queries
):
    url = reverse("registry:volunteer-list")
    coordinator_client.get(url)
    caches["fragments"].clear()
    with CaptureQueriesContext(connection) as drawing:
        coordinator_client.get(url)
    with django_assert_max_num_queries(len(drawing.captured_queries)):
        coordinator_client.get(url)


# --- The folded forms on a record's page ----------------------------------------


def vetting_form_html(html: str) -> str:
    # The crispy form names its action first; the page's own forms, method.
    start = html.index('weryfikacja/" method="post"')
    return html[html.rindex("<form", 0, start) : html.index("</form>", start)]


def token_of(form: str) -> str:
    return form.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]


def test_a_kept_form_shows_the_values_of_now_with_this_pages_token(
    coordinator_client, coordinator, make_volunteer
):
    import datetime as dt

    from registry import vetting

    volunteer = make_volunteer()
    url = reverse("registry:volunteer-detail", args=[volunteer.pk])
    first = vetting_form_html(coordinator_client.get(url).content.decode())
    form = vetting_form_html(coordinator_client.get(url).content.decode())
    # Each page masks the session's token anew (a kept form holds none).
    assert form.count("csrfmiddlewaretoken") == first.count("csrfmiddlewaretoken") == 1
    assert token_of(form) != token_of(first)
    vetting.volunteer_vetting_record(
        actor=coordinator,
        volunteer=volunteer,
        fields={"sex_offender_register_checked_on": dt.date(2026, 11, 2)},
    )
    changed = vetting_form_html(coordinator_client.get(url).content.decode())
    assert 'value="2026-11-02"' in changed
    assert 'value="2026-11-02"' not in form


def test_a_kept_form_posts_with_its_token(coordinator, make_volunteer):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    volunteer = make_volunteer()
    url = reverse("registry:volunteer-detail", args=[volunteer.pk])
    client.get(url)
    html = client.get(url).content.decode()
    form = vetting_form_html(html)
    token = token_of(form)
    response = client.post(
        reverse("registry:volunteer-vetting", args=[volunteer.pk]),
        {"csrfmiddlewaretoken": token, "action": "acknowledge"},
    )
    assert response.status_code == 302
    volunteer.refresh_from_db()
    assert volunteer.standards_acknowledged_on is not None


def kept_parts() -> set:
    return {key for key in caches["fragments"]._cache if ":part:" in key}


def test_one_drawing_serves_every_record_each_posting_to_its_own(
    coordinator_client, make_volunteer
):
    first, second = make_volunteer(), make_volunteer()
    forms = []
    for volunteer in (first, second):
        url = reverse("registry:volunteer-detail", args=[volunteer.pk])
        forms.append(vetting_form_html(coordinator_client.get(url).content.decode()))
        if volunteer == first:
            drawn_for_first = kept_parts()
    # The second page drew no form of its own.
    assert kept_parts() == drawn_for_first
    for volunteer, form in zip((first, second), forms, strict=True):
        action = reverse("registry:volunteer-vetting", args=[volunteer.pk])
        assert f'action="{action}"' in form
        assert fragments._ACTION not in form
