"""The frame every staff page is drawn in: the permissions read in one query
(volunteer_center/core/backends.py) and the menus kept per permission set
(``fragments.by_permissions``), each answering what Django's own code would."""

import pytest
from django.contrib.auth import backends, get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from volunteer_center.core.backends import ModelBackend, held_permissions
from volunteer_center.core.roles import ROLE_GROUPS, SOCIAL_WORKER

pytestmark = pytest.mark.django_db


def permission(label: str) -> Permission:
    app_label, codename = label.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def fresh(user):
    """The account as the next request loads it (no permission read yet)."""
    return get_user_model().objects.get(pk=user.pk)


def test_the_permissions_are_djangos_in_one_query(social_worker):
    social_worker.user_permissions.add(permission("registry.view_volunteer"))
    extra = Group.objects.create(name="Dyżur")
    extra.permissions.add(permission("matching.view_assignment"))
    social_worker.groups.add(extra)
    user = fresh(social_worker)
    with CaptureQueriesContext(connection) as queries:
        held = ModelBackend().get_all_permissions(user)
        assert user.has_perm("registry.view_volunteer")
        assert not user.has_perm("registry.delete_volunteer")
    assert len(queries) == 1
    assert held == backends.ModelBackend().get_all_permissions(fresh(social_worker))
    assert {
        "registry.view_volunteer",
        "matching.view_assignment",
        "registry.view_beneficiary",
    } <= held


def test_a_permission_held_twice_is_listed_once(social_worker):
    social_worker.user_permissions.add(permission("registry.view_beneficiary"))
    assert held_permissions(social_worker) == backends.ModelBackend()._get_permissions(
        fresh(social_worker), None, "group"
    )


def test_superusers_and_inactive_accounts_get_djangos_answer(social_worker):
    boss = get_user_model().objects.create_superuser("szef", password="x" * 12)
    assert ModelBackend().get_all_permissions(fresh(boss)) == (
        backends.ModelBackend().get_all_permissions(fresh(boss))
    )
    assert len(ModelBackend().get_all_permissions(fresh(boss))) == (
        Permission.objects.count()
    )
    social_worker.is_active = False
    social_worker.save()
    assert ModelBackend().get_all_permissions(fresh(social_worker)) == set()
    assert ModelBackend().get_all_permissions(fresh(social_worker), obj=boss) == set()


def menu(client) -> str:
    html = client.get(reverse("registry:beneficiary-list")).content.decode()
    start = html.index('<ul class="navbar-nav me-auto">')
    return html[start : html.index('<ul class="navbar-nav align-items', start)]


def test_the_menu_follows_a_permission_given_or_taken_away(social_worker):
    client = Client()
    client.force_login(social_worker)
    volunteers = reverse("registry:volunteer-list")
    assert volunteers not in menu(client)
    assert reverse("matching:request-list") in menu(client)
    social_worker.user_permissions.add(permission("registry.view_volunteer"))
    assert volunteers in menu(client)
    social_worker.user_permissions.clear()
    assert volunteers not in menu(client)


def test_a_kept_menu_is_the_drawn_one(coordinator_client, coordinator, settings):
    kept, again = menu(coordinator_client), menu(coordinator_client)
    assert kept == again
    for name in ("registry:volunteer-list", "agreements:agreement-list", "report"):
        assert reverse(name) in kept
    settings.CACHES = {
        **settings.CACHES,
        "fragments": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
    assert menu(coordinator_client) == kept


def test_the_menu_is_in_the_pages_language(coordinator_client):
    assert ">Wolontariusze<" in menu(coordinator_client)
    coordinator_client.cookies["django_language"] = "en"
    assert ">Volunteers<" in menu(coordinator_client)


def test_the_frame_costs_three_queries(social_worker):
    """The session, the account and its permissions; no query for the
    groups the account is in."""
    client = Client()
    client.force_login(social_worker)
    assert social_worker.groups.filter(name=ROLE_GROUPS[SOCIAL_WORKER]).exists()
    client.get(reverse("dashboard"))
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("privacy"))
    tables = " ".join(query["sql"] for query in queries)
    assert len(queries) == 3, tables
    assert "auth_group" not in tables.replace("auth_group_permissions", "")
