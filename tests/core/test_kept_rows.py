"""The rows of a staff list are drawn once and kept ({% kept_rows %} in
templates/_list.html, ``fragments.kept_rows``): a kept table is the table that
would be drawn now, whatever changed in what its rows show, for whoever looks."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import caches
from django.template import engines
from django.test import Client, RequestFactory
from django.urls import reverse

from registry import services
from registry.models import Skill
from tests.matching.test_lists import directed, logged_hours

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _nothing_kept():
    caches["fragments"].clear()


def table(client, name="registry:volunteer-list", **params) -> str:
    html = client.get(reverse(name), params).content.decode()
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    return re.sub(r'value="[A-Za-z0-9]{64}"', 'value="TOKEN"', body)


def test_a_kept_table_is_the_drawn_one(
    coordinator_client, make_volunteer, skills, settings
):
    for i in range(3):
        make_volunteer(last_name=f"Nowak{i}", skills=list(skills.values())[:2])
    kept = table(coordinator_client)
    assert kept.count("<tr>") == 3
    assert table(coordinator_client) == kept
    settings.CACHES = {
        **settings.CACHES,
        "fragments": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
    assert table(coordinator_client) == kept


def test_whatever_a_row_shows_is_shown_as_it_is_now(
    coordinator_client, coordinator, make_volunteer, districts, skills
):
    district = districts["Zabrzeg"]
    skill = next(iter(skills.values()))
    volunteer = make_volunteer(last_name="Kowalska", district=district, skills=[skill])
    assert "Kowalska" in table(coordinator_client)
    services.volunteer_update(
        actor=coordinator, volunteer=volunteer, fields={"last_name": "Kowalczyk"}
    )
    assert "Kowalczyk" in table(coordinator_client)
    district.name = "Zabrzeg Dolny"
    district.save()
    assert "Zabrzeg Dolny" in table(coordinator_client)
    Skill.objects.filter(pk=skill.pk).update(name="Gotowanie obiadów")
    assert "Gotowanie obiadów" in table(coordinator_client)


def test_rows_are_drawn_for_what_the_viewer_may_do(
    coordinator_client, coordinator, social_worker, make_request, active_volunteer
):
    """A social worker allowed to see the hours (not to approve them) sees
    the same rows without the approval boxes."""
    logged_hours(coordinator, directed(coordinator, make_request(), active_volunteer()))
    reader = social_worker
    reader.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="matching",
            codename__in=["view_hoursentry", "view_assignment"],
        )
    )
    client = Client()
    client.force_login(reader)
    approve = 'name="entry"'
    assert approve in table(coordinator_client, "matching:hours-list")
    assert table(client, "matching:hours-list").count("<tr>") == 2
    assert approve not in table(client, "matching:hours-list")
    assert approve in table(coordinator_client, "matching:hours-list")


def test_a_token_in_a_kept_row_is_the_pages_own(coordinator):
    rows = engines["django"].from_string(
        "{% load lists %}{% kept_rows object_list %}{% for item in object_list %}"
        "<form>{{ item }}{% csrf_token %}</form>{% endfor %}{% endkept_rows %}"
    )
    drawn = []
    for _ in range(2):
        request = RequestFactory().get("/")
        request.user = coordinator
        html = rows.render({"object_list": ["a", "b"], "user": coordinator}, request)
        tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert len(tokens) == 2
        assert request.META["CSRF_COOKIE"]
        drawn.append(tokens[0])
    assert drawn[0] != drawn[1]


def test_a_row_sees_only_its_item_and_who_looks(coordinator):
    rows = engines["django"].from_string(
        "{% load lists %}{% kept_rows object_list %}{% for item in object_list %}"
        "{{ item }}:{{ secret }}:{{ user.username }};{% endfor %}{% endkept_rows %}"
    )
    request = RequestFactory().get("/")
    request.user = coordinator
    html = rows.render(
        {"object_list": ["a"], "secret": "tajne", "user": coordinator}, request
    )
    assert html == f"a::{coordinator.username};"
