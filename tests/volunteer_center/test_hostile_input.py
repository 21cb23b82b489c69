"""Hostile input never gives a server error: NUL bytes anywhere, malformed
ids in the admin's addresses."""

import pytest
from django.contrib import admin
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client, django_user_model):
    client.force_login(
        django_user_model.objects.create_superuser("szef", "s@example.pl", "x")
    )
    return client


@pytest.mark.parametrize(
    ("method", "url", "data"),
    [
        ("get", "/admin/registry/volunteer/", {"q": "Ko\x00walski"}),
        ("get", "/admin/registry/volunteer/", {"status": "\x00"}),
        ("get", "/wolontariusze/", {"q": "\x00"}),
        ("get", "/zgloszenia/", {"status\x00": "open"}),
        ("post", "/konto/logowanie/", {"username": "a\x00", "password": "x"}),
        ("post", "/zostan-wolontariuszem/", {"first_name": "\x00"}),
    ],
)
def test_a_nul_byte_anywhere_is_a_polish_400(superuser_client, method, url, data):
    response = getattr(superuser_client, method)(url, data)
    assert response.status_code == 400
    assert "Nieprawidłowe żądanie" in response.text


def _history_urls():
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        name = f"admin:{opts.app_label}_{opts.model_name}_history"
        for bad in ("x", "1.5", "9" * 30, "%00"):
            yield name, bad
        if isinstance(model_admin, SimpleHistoryAdmin):
            name = f"admin:{opts.app_label}_{opts.model_name}_simple_history"
            yield name, ("x", "1")
            yield name, ("1", "x")


@pytest.mark.parametrize(("name", "bad"), list(_history_urls()))
def test_a_malformed_id_in_the_admin_history_is_a_404(superuser_client, name, bad):
    args = list(bad) if isinstance(bad, tuple) else [bad]
    url = reverse(name, args=args).replace("%2500", "%00")
    response = superuser_client.get(url)
    assert response.status_code in (302, 400, 404), url  # 302: "no such record"
