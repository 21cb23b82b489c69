"""The quick start (scripts/start): its port, the site address e-mails use, a
quiet manage.py, and the README's login address."""

import subprocess
import sys

from django.conf import settings
from django.urls import reverse

LIB = settings.BASE_DIR / "scripts" / "_lib.sh"


def _bash(script: str, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", "-c", f'source "{LIB}"; {script}'],
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


def test_the_port_sets_the_site_address_of_e_mail_links():
    result = _bash('use_port 8101; echo "$PORT $DJANGO_SITE_URL"')
    assert result.stdout.split() == ["8101", "http://127.0.0.1:8101"]


def test_an_explicit_site_address_wins_over_the_port():
    result = _bash(
        'use_port 8101; echo "$DJANGO_SITE_URL"', DJANGO_SITE_URL="https://cw.example"
    )
    assert result.stdout.strip() == "https://cw.example"


def test_a_port_that_is_not_a_number_is_refused():
    result = _bash("use_port 80x1 && echo accepted")
    assert result.returncode != 0
    assert "accepted" not in result.stdout


def test_start_takes_the_port_from_its_argument_or_from_port():
    script = (settings.BASE_DIR / "scripts" / "start").read_text()
    assert 'use_port "${1:-${PORT:-8000}}"' in script
    assert 'runserver "127.0.0.1:$PORT"' in script


def test_manage_py_prints_no_axes_banner():
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "AXES" not in result.stdout + result.stderr


def test_readme_names_the_login_address():
    readme = (settings.BASE_DIR / "README.md").read_text()
    assert reverse("login") in readme
