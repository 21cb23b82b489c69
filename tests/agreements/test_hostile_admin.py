"""The hostile walk (tests/agreements/test_hostile_walk.py) through the Django
admin: every add and change form of every registered model, opened by a
superuser (who sees every form), each field sent the hostile values that
suit it (overlong text, NUL, years 1 and 99999, ids past bigint, forged
choices). Never a 5xx; a refused form says why in Polish."""

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from tests.agreements.test_access_log_walk import world  # noqa: F401
from tests.agreements.test_hostile_walk import _walk_url, walked  # noqa: F401

pytestmark = pytest.mark.django_db

APPS = sorted({model._meta.app_label for model in admin.site._registry})


def _admin_urls(app_label: str):
    for model in admin.site._registry:
        if model._meta.app_label != app_label:
            continue
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        yield reverse(f"{info}_add")
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            yield reverse(f"{info}_change", args=[first.pk])


@pytest.mark.parametrize("app_label", APPS)
def test_no_hostile_value_in_an_admin_form_gives_a_server_error(
    app_label,
    walked,  # noqa: F811
    django_user_model,
):
    superuser = django_user_model.objects.create_superuser(
        "nadzorca", "nadzorca@example.pl", "hasło-nadzorcy"
    )
    client = Client()
    client.force_login(superuser)
    forms = sum(_walk_url(client, url, url) for url in _admin_urls(app_label))
    # The task queue's results are read-only: no form of its own.
    assert forms > 0 or app_label == "django_tasks_database", app_label
