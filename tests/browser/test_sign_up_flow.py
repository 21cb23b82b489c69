"""A resident signs up in the browser; a coordinator finds the new candidate."""

import re

import pytest

from tests.browser.conftest import assert_accessible, login

pytestmark = pytest.mark.browser


def label(text: str):
    """A field's label as people read it (crispy adds an asterisk when required)."""
    return re.compile(rf"^\s*{re.escape(text)}\s*\*?\s*$")


def test_resident_signs_up_and_coordinator_finds_the_candidate(
    page, live_server, coordinator
):
    page.goto(f"{live_server.url}/zostan-wolontariuszem/")
    assert_accessible(page)

    page.get_by_label(label("Imię")).fill("Zuzanna")
    page.get_by_label(label("Nazwisko")).fill("Źdźbło")
    page.get_by_label(label("Data urodzenia")).fill("1988-04-12")
    page.get_by_label(label("E-mail")).fill("zuzanna.zdzblo@example.pl")
    page.get_by_label(label("Telefon")).fill("601 222 333")
    page.get_by_label(label("Kod pocztowy")).fill("43-502")
    page.get_by_label("wtorek, rano (8–12)").check()
    page.get_by_label("czwartek, wieczorem (16–20)").check()
    page.get_by_label("Zabrzeg").first.check()
    page.get_by_label(re.compile(r"^\s*Zapoznałem")).check()
    page.get_by_role("button", name="Zgłoś się").click()

    page.get_by_role("heading", name="Dziękujemy za zgłoszenie").wait_for()

    login(page, live_server, coordinator)
    page.goto(f"{live_server.url}/wolontariusze/?status=candidate&q=zdzblo")
    assert_accessible(page)
    row = page.get_by_role("link", name=re.compile("Źdźbło"))
    assert row.count() == 1
    row.click()
    assert "Kandydat" in page.content() or "kandydat" in page.content()
    assert "zuzanna.zdzblo@example.pl" in page.content()


def test_sign_up_errors_are_announced_and_input_is_kept(page, live_server, db):
    page.goto(f"{live_server.url}/zostan-wolontariuszem/")
    page.get_by_label(label("Imię")).fill("Jan")
    page.get_by_label(label("Nazwisko")).fill("Kowalski")
    page.get_by_label(label("Data urodzenia")).fill("1980-01-01")
    page.get_by_label(label("E-mail")).fill("jan@example.pl")
    page.get_by_label(label("Kod pocztowy")).fill("43502x")
    page.get_by_label(re.compile(r"^\s*Zapoznałem")).check()
    page.get_by_role("button", name="Zgłoś się").click()

    summary = page.get_by_role("alert").filter(has_text="Popraw")
    summary.wait_for()
    assert "Wpisz kod pocztowy w formacie NN-NNN" in summary.inner_text()
    field_error = page.locator("#div_id_postal_code .invalid-feedback")
    assert "NN-NNN" in field_error.inner_text()
    assert page.get_by_label(label("Nazwisko")).input_value() == "Kowalski"
    assert_accessible(page)
