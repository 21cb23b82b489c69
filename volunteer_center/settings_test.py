"""Test settings: only what makes the suite faster or hermetic."""

import os

os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault(
    "DJANGO_SECRET_KEY", "test-only-secret-key-not-used-anywhere-else-0123456789"
)
os.environ.setdefault("DJANGO_HTTPS", "0")

from volunteer_center.settings import *  # noqa: F403
from volunteer_center.settings import DATABASES

if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise RuntimeError(
        "The test suite runs on PostgreSQL: use scripts/test, or set DATABASE_URL."
    )

ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "fragments",
    },
}
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Static files come from the finders; no collectstatic before tests.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# The quick start's SQLite, as a second connection for the tests that run a
# query on both databases (the ``quickstart`` fixture); pytest-django creates
# and migrates it only when a collected test asks for it.
DATABASES = {
    **DATABASES,
    "quickstart": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"},
}
# scripts/test migrates one database once and names it here: every test
# database (one per pytest-xdist worker) is then a copy of it, made by
# PostgreSQL's CREATE DATABASE ... TEMPLATE, and its own migrate finds nothing
# left to apply. Without the variable each test database is migrated on its own.
if template := os.environ.get("TEST_DATABASE_TEMPLATE"):
    DATABASES["default"] = {**DATABASES["default"], "TEST": {"TEMPLATE": template}}
