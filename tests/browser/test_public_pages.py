import pytest

from tests.browser.conftest import assert_accessible, axe_violations, login

pytestmark = pytest.mark.browser


def test_home_page_is_accessible_and_styled(page, live_server):
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "pl"
    # Bootstrap is served by the live server: its container class has a max width.
    max_width = page.evaluate(
        "getComputedStyle(document.querySelector('main.container')).maxWidth"
    )
    assert max_width.endswith("px")
    assert_accessible(page)


def test_skip_link_moves_focus_to_main_content(page, live_server):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Przejdź do treści")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_login_page_is_accessible_and_logs_a_coordinator_in(
    page, live_server, coordinator
):
    page.goto(live_server.url + "/konto/logowanie/")
    assert_accessible(page)
    login(page, live_server, coordinator)
    assert page.url.endswith("/panel/")


def test_axe_reports_a_field_without_a_label(page, live_server):
    page.goto(live_server.url + "/")
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML("
        "'beforeend', '<input type=\"text\" id=\"unlabelled\">')"
    )
    assert "label" in {violation["id"] for violation in axe_violations(page)}
    with pytest.raises(AssertionError, match="label"):
        assert_accessible(page)
