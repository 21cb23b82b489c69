"""Production settings come from the environment and pass `check --deploy`."""

import os
import secrets
import subprocess
import sys

from django.conf import settings


def production_env(**overrides) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "EMAIL_"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "volunteer_center.settings",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
            "DJANGO_ALLOWED_HOSTS": "example.org",
            "DJANGO_HTTPS": "1",
            # Production sends real mail (Django refuses the console backend).
            "EMAIL_HOST": "smtp.example.org",
            "DATABASE_URL": os.environ["DATABASE_URL"],
        }
    )
    env.update(overrides)
    return {k: v for k, v in env.items() if v is not None}


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_finds_no_issues_in_production_settings():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", env=production_env()
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


def test_check_deploy_notices_an_insecure_setup():
    """The test above can fail: without HTTPS the same check warns."""
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env=production_env(DJANGO_HTTPS="0"),
    )

    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT" in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = production_env(DJANGO_SECRET_KEY=None)
    result = manage("check", "--deploy", env=env)

    assert result.returncode != 0
    assert "volunteer_center.E001" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr
    server = subprocess.run(
        [sys.executable, "-c", "import volunteer_center.wsgi"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert server.returncode != 0
    assert "DJANGO_SECRET_KEY" in server.stderr


def test_commands_that_sign_nothing_run_without_a_secret_key():
    """CI and image builds run these with no environment prepared."""
    env = production_env(DJANGO_SECRET_KEY=None, DJANGO_ALLOWED_HOSTS=None)
    result = manage("makemigrations", "--check", "--dry-run", env=env)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout
