"""Project-wide security: every staff URL needs a login and has an access
table; failed logins lock an account; the language switcher works."""

import importlib
import uuid

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, converters, get_resolver, reverse

from tests.conftest import PASSWORD

# Open to everybody. A public page of another app goes here by name, with the
# reason, so that an unprotected staff page can never pass unnoticed.
PUBLIC = {
    "home",
    "privacy",
    "login",
    "logout",
    # The public sign-up form of volunteers and its thank-you page.
    "registry:signup",
    "registry:signup-thanks",
    # Residents book a visit in office hours, and its thank-you page.
    "registry:consultation-book",
    "registry:consultation-book-thanks",
    # A staff member who forgot the password asks for a link and uses it.
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    # The centre's child protection standards: parents, minors and volunteers
    # read them before agreeing to anything (art. 22c of the act of 13 May 2016).
    "legal:child-protection-standards",
    # The accessibility statement, linked from every page (art. 10 of the act
    # on digital accessibility).
    "legal:accessibility-statement",
}
# Need a login but no role: every account changes its own password.
ANY_ACCOUNT = {"password_change", "password_change_done"}
# Django's own URL trees, protected by their own machinery.
SKIPPED_PREFIXES = ("admin/", "i18n/")
# The ACCESS tables of tests/<app>/access.py; apps add theirs as they grow.
ACCESS_MODULES = (
    "tests.volunteer_center.access",
    "tests.registry.access",
    "tests.matching.access",
    "tests.agreements.access",
    "tests.volunteer_area.access",
)

DUMMY_VALUES = {
    converters.IntConverter: "1",
    converters.StringConverter: "x",
    converters.SlugConverter: "x",
    converters.PathConverter: "x",
    converters.UUIDConverter: str(uuid.UUID(int=1)),
}


def _walk(patterns, prefix="", namespace="", converters_=None):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        found = {**(converters_ or {}), **getattr(pattern.pattern, "converters", {})}
        if isinstance(pattern, URLResolver):
            if route.startswith(SKIPPED_PREFIXES):
                continue
            inner = namespace
            if pattern.namespace:
                inner = (
                    f"{namespace}:{pattern.namespace}"
                    if namespace
                    else (pattern.namespace)
                )
            yield from _walk(pattern.url_patterns, route, inner, found)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (
                f"{namespace}:{pattern.name}" if namespace else pattern.name
            )
            yield name, route, found


def url_patterns():
    """(name, route, converters) of every URL of the project."""
    return list(_walk(get_resolver().url_patterns))


def staff_url_names():
    public = PUBLIC | public_names_of_apps()
    return sorted(
        name
        for name, _route, _conv in url_patterns()
        if name not in public and name not in ANY_ACCOUNT
    )


def _access_modules():
    for module_name in ACCESS_MODULES:
        try:
            yield importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise


def access_tables() -> dict[str, set]:
    merged: dict[str, set] = {}
    for module in _access_modules():
        merged.update(module.ACCESS)
    return merged


def public_names_of_apps() -> set[str]:
    """Public pages an app declares next to its ACCESS table (``PUBLIC``), each
    with its reason there (e.g. a page guarded by a signed token)."""
    names: set[str] = set()
    for module in _access_modules():
        names |= set(getattr(module, "PUBLIC", ()))
    return names


def dummy_url(name: str) -> str:
    convs = next(c for n, _r, c in url_patterns() if n == name)
    kwargs = {key: DUMMY_VALUES.get(type(conv), "1") for key, conv in convs.items()}
    return reverse(name, kwargs=kwargs)


def test_every_url_pattern_has_a_name():
    unnamed = [route for name, route, _c in url_patterns() if not name]
    assert unnamed == []


def test_the_walk_finds_the_staff_urls():
    names = staff_url_names()
    assert "dashboard" in names
    assert "registry:volunteer-detail" in names
    assert "home" not in names


@pytest.mark.django_db
@pytest.mark.parametrize("name", staff_url_names())
def test_anonymous_get_of_a_staff_url_goes_to_the_login_page(client, name):
    response = client.get(dummy_url(name))
    assert response.status_code == 302, name
    assert response["Location"].startswith(reverse("login")), name


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(ANY_ACCOUNT))
def test_account_pages_need_a_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", staff_url_names())
def test_every_staff_url_has_an_access_table_entry(name):
    assert name in access_tables(), (
        f"{name} is missing from the ACCESS table of tests/<app>/access.py"
    )


def test_every_access_table_entry_is_a_url_of_the_project():
    names = {name for name, _route, _conv in url_patterns()}
    assert set(access_tables()) - names == set()


@pytest.mark.django_db
def test_dashboard_is_the_coordinators_and_sends_others_to_their_start_page(
    coordinator_client, administrator_client, social_worker_client, outsider_client
):
    url = reverse("dashboard")
    assert coordinator_client.get(url).status_code == 200
    response = administrator_client.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    response = social_worker_client.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("matching:request-list")
    response = outsider_client.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


# --- Failed logins (django-axes) --------------------------------------------------


def login(client, password):
    return client.post(
        reverse("login"), {"username": "koordynator", "password": password}
    )


@pytest.mark.django_db
def test_failed_logins_lock_the_account_with_a_polish_page(coordinator):
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = login(client, "wrong-password")
        assert response.status_code == 200  # the form again, with its error

    response = login(client, "wrong-password")

    assert response.status_code == 429
    page = response.content.decode()
    assert "Zbyt wiele nieudanych logowań" in page
    assert '<html lang="pl">' in page
    # Locked: even the right password is refused now.
    response = login(client, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_successful_login_is_not_locked(coordinator):
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "wrong-password")
    response = login(client, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(coordinator.pk)


# --- Language switcher ------------------------------------------------------------


@pytest.mark.django_db
def test_home_page_is_polish_by_default(client):
    page = client.get(reverse("home")).content.decode()
    assert '<html lang="pl">' in page
    assert "We connect people who want to help" not in page


@pytest.mark.django_db
def test_language_switcher_turns_the_site_english(client):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": reverse("home")}
    )
    assert response.status_code == 302

    page = client.get(reverse("home")).content.decode()

    assert '<html lang="en">' in page
    assert "We connect people who want to help with people who need help." in page
