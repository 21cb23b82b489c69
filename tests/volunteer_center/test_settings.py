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
            # The information clauses name the data protection officer.
            "DPO_EMAIL": "iod@example.org",
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


# Two writers at once on the quick start's SQLite file, as the web server and
# the task worker are: the first writes and holds its transaction open, the
# second reads and then writes. With deferred transactions the second failed
# at once with "database is locked" (its read could not become a write).
TWO_SQLITE_WRITERS = """
import threading, time
import django
django.setup()
from django.db import connection, transaction
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE probe (n integer)")
connection.close()
wrote, errors = threading.Event(), []
def writer(n, wait):
    try:
        if wait:
            wrote.wait(5)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM probe")
            cursor.execute("INSERT INTO probe VALUES (%s)", [n])
            if not wait:
                wrote.set()
                time.sleep(0.5)
    except Exception as error:
        errors.append(repr(error))
        wrote.set()
    finally:
        connection.close()
threads = [threading.Thread(target=writer, args=(n, n == 2)) for n in (1, 2)]
[t.start() for t in threads]
[t.join() for t in threads]
with connection.cursor() as cursor:
    cursor.execute("SELECT count(*) FROM probe")
    print("rows", cursor.fetchone()[0], "errors", errors)
    cursor.execute("PRAGMA journal_mode")
    print("journal", cursor.fetchone()[0])
"""


def test_two_writers_on_the_quick_start_sqlite_wait_for_each_other(tmp_path):
    env = production_env(
        DJANGO_DEBUG="1",
        DJANGO_HTTPS="0",
        DATABASE_URL=f"sqlite:///{tmp_path / 'quick.sqlite3'}",
    )
    result = subprocess.run(
        [sys.executable, "-c", TWO_SQLITE_WRITERS],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "rows 2 errors []" in result.stdout
    assert "journal wal" in result.stdout
