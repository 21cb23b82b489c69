"""Shared fixtures: the personas (docs/ARCHITECTURE.md, Roles) and a logged-in
client for each."""

import datetime as dt

import pytest
from django.test import Client

from volunteer_center.core.roles import ADMINISTRATOR, COORDINATOR, SOCIAL_WORKER
from volunteer_center.services import staff_user_create

# Builders of register and matching data, for the tests of every app.
pytest_plugins = ["tests.fixtures.registry", "tests.fixtures.matching"]

PASSWORD = "test-password-123"


def make_user(username: str, role: str):
    return staff_user_create(
        username=username,
        password=PASSWORD,
        role=role,
        email=f"{username}@ops.example.pl",
        first_name=username.capitalize(),
        last_name="Testowa",
    )


@pytest.fixture
def coordinator(db):
    return make_user("koordynator", COORDINATOR)


@pytest.fixture
def social_worker(db):
    return make_user("pracownik", SOCIAL_WORKER)


@pytest.fixture
def other_social_worker(db):
    return make_user("pracownik2", SOCIAL_WORKER)


@pytest.fixture
def administrator(db):
    return make_user("administrator", ADMINISTRATOR)


@pytest.fixture
def outsider(db):
    """A logged-in account that belongs to no role."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user("outsider", password=PASSWORD)


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def coordinator_client(coordinator):
    return _client_for(coordinator)


@pytest.fixture
def social_worker_client(social_worker):
    return _client_for(social_worker)


@pytest.fixture
def administrator_client(administrator):
    return _client_for(administrator)


@pytest.fixture
def outsider_client(outsider):
    return _client_for(outsider)


@pytest.fixture
def persona_client(request, db):
    """Indirect fixture: ``persona_client`` parametrised by persona name
    (coordinator, social_worker, administrator, outsider, anonymous)."""
    name = request.param
    if name == "anonymous":
        return Client()
    return _client_for(request.getfixturevalue(name))


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Scans, PDFs and ZIPs written by any test go to its own directory, never
    into the project's private_media."""
    from django.utils.functional import empty

    from agreements.models import private_storage

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    private_storage._wrapped = empty
    yield
    private_storage._wrapped = empty


@pytest.fixture(autouse=True)
def _empty_cache():
    """The cache holds rate-limit counters and kept figures, the fragments
    cache kept forms, choices and counts: each test starts with none."""
    from django.core.cache import cache, caches

    cache.clear()
    caches["fragments"].clear()
    yield


@pytest.fixture(autouse=True)
def _default_language():
    """A page asked for in English leaves English active in the thread (the
    locale middleware activates it and nothing resets it): each test starts
    in the site's language, Polish, whatever ran before it."""
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        yield


def pytest_collection_modifyitems(items):
    """A transactional test restores the migrated data by serialised rollback:
    the flush that ends one without it recreates content types, permissions
    and role groups with new ids (post_migrate), and the next test's restore
    collides with them ("auth_group_name_key already exists")."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        kwargs = marker.kwargs if marker else {}
        if kwargs.get("transaction") and not kwargs.get("serialized_rollback"):
            raise pytest.UsageError(
                f"{item.nodeid}: mark it django_db(transaction=True, "
                "serialized_rollback=True)"
            )


@pytest.fixture(autouse=True)
def _preloaded_data_in_transactional_tests(request):
    """Transactional tests (browser, concurrency) end with a flush that empties
    every table; serialised rollback does not always bring the data of the
    data migrations back in time for the next one. Load it again when it is
    missing: districts, dictionaries, permissions and the role groups."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or (
        {"transactional_db", "live_server"} & set(request.fixturenames)
    )
    if transactional:
        request.getfixturevalue("_django_db_helper")
        _ensure_preloaded_data()
    yield


@pytest.fixture(autouse=True)
def _centre_set_up(request):
    """Every test with a database has what an OPS in use has set up: the
    centre's group NNW policy (short work may start, art. 46 ust. 3) and a
    person authorised to sign for the OPS. Tests of the insurance rule ask
    for ``no_group_policy``."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None and not (
        {"db", "transactional_db", "live_server"} & set(request.fixturenames)
    ):
        yield
        return
    request.getfixturevalue("_django_db_helper")
    from agreements.models import InsurancePolicy
    from tests.fixtures.agreements import default_signatory

    default_signatory()
    InsurancePolicy.objects.get_or_create(
        insurer="Ubezpieczyciel Testowy S.A.",
        number="NNW-GRUPA",
        defaults={
            "date_from": dt.date(2000, 1, 1),
            "date_to": dt.date(2100, 12, 31),
            "covers_everybody": True,
        },
    )
    yield


@pytest.fixture
def no_group_policy(db):
    from agreements.models import InsurancePolicy

    InsurancePolicy.objects.filter(number="NNW-GRUPA").delete()


def _ensure_preloaded_data() -> None:
    """Re-runs the data migrations of the project's apps (districts,
    dictionaries, office hours, agreement texts, role groups) after a flush."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes
    from django.db import connection
    from django.db.migrations import RunPython
    from django.db.migrations.loader import MigrationLoader

    from registry.models import District
    from volunteer_center.core.roles import sync_role_permissions

    if District.objects.exists():
        return
    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0)
        create_permissions(app_config, verbosity=0)
    project_apps = {"volunteer_center", "registry", "matching", "agreements"}
    migrations = MigrationLoader(connection, ignore_no_migrations=True).disk_migrations
    for (app_label, _name), migration in sorted(migrations.items()):
        if app_label in project_apps:
            for operation in migration.operations:
                if isinstance(operation, RunPython):
                    operation.code(apps, None)
    sync_role_permissions()


@pytest.fixture(params=["default", "quickstart"])
def database(request):
    """Runs a test once on PostgreSQL and once on the quick start's SQLite:
    the test builds its rows with ``db_manager(database)`` and reads with
    ``using(database)``. Mark it ``django_db(databases=BOTH_DATABASES)``."""
    return request.param


BOTH_DATABASES = ["default", "quickstart"]


@pytest.fixture(autouse=True)
def _no_program_text_leaves(monkeypatch):
    """Every e-mail sent and every PDF rendered in any test is read for program
    text (tests/leaks.py): a test that produces one fails."""
    from django.core import mail

    from tests.leaks import html_text, program_text
    from volunteer_center.core import pdf

    documents = []
    render = pdf.render_to_string

    def render_and_keep(template_name, context=None, *args, **kwargs):
        markup = render(template_name, context, *args, **kwargs)
        documents.append((template_name, html_text(markup)))
        return markup

    monkeypatch.setattr(pdf, "render_to_string", render_and_keep)
    yield
    for message in getattr(mail, "outbox", []):
        bodies = [message.body] + [body for body, _type in message.alternatives]
        documents.append(
            (f"e-mail “{message.subject}”", "\n".join([message.subject, *bodies]))
        )
    leaks = [
        f"{name}: {leak}" for name, text in documents for leak in program_text(text)
    ]
    assert not leaks, "Program text reached a person:\n" + "\n".join(leaks)
