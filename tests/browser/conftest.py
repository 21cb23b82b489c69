"""Shared fixtures for browser tests: real headless Chromium through Playwright.

Browser tests are marked ``@pytest.mark.browser`` and use pytest-django's
``live_server``; the server runs in a thread of this process, so the database is
transactional (the server thread must see what the test writes) and rolled back by
serialisation, which keeps the dictionaries the data migrations preload (districts,
skills, categories) and the role groups for the next test.
"""

import os
from pathlib import Path

import pytest

from tests.conftest import PASSWORD

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls
# from a thread with a running loop unless told it is safe (it is: one test at a time).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"
# WCAG 2.1 AA (the Polish digital accessibility act).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, started with a MEDIA_URL: the project keeps
    MEDIA_URL = None (uploaded scans are never public), and Django's test server
    thread wraps every request in a media handler that cannot parse None."""
    from django.test import override_settings
    from pytest_django.live_server_helper import LiveServer

    addr = request.config.getvalue("liveserver") or "localhost"
    with override_settings(MEDIA_URL="/test-media-not-served/"):
        server = LiveServer(addr)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server, django_db_serialized_rollback):
    """A fresh browser context (no cookies) in Polish, with a short timeout so a
    missing element fails the test quickly instead of hanging."""
    context = browser.new_context(locale="pl-PL", timezone_id="Europe/Warsaw")
    context.set_default_timeout(10_000)
    new_page = context.new_page()
    yield new_page
    context.close()


def login(page, live_server, user, password: str = PASSWORD) -> None:
    """Log in through the Polish staff login form, the way a person does."""
    page.goto(f"{live_server.url}/konto/logowanie/")
    page.get_by_label("Nazwa użytkownika").fill(user.get_username())
    page.get_by_label("Hasło").fill(password)
    page.get_by_role("button", name="Zaloguj się").click()
    page.wait_for_load_state()
    assert "/konto/logowanie/" not in page.url, "login failed"


def axe_violations(page) -> list[dict]:
    """Runs axe-core on the current page and returns its WCAG 2.1 AA violations."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated, not added as a <script>: the site's Content-Security-Policy
        # refuses inline scripts, and the tests keep it on.
        page.evaluate(AXE_JS.read_text())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    return result["violations"]


def assert_accessible(page) -> None:
    """Fails listing every serious or critical WCAG 2.1 AA violation on the page."""
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]
    lines = []
    for violation in blocking:
        targets = "; ".join(
            " ".join(map(str, node["target"])) for node in violation["nodes"][:5]
        )
        lines.append(
            f"[{violation['impact']}] {violation['id']}: {violation['help']}"
            f" ({len(violation['nodes'])} element(s): {targets})"
        )
    assert not blocking, f"Accessibility violations on {page.url}:\n" + "\n".join(lines)
