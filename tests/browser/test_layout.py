"""Staff and public screens fit: one row of navigation at 1280 px, nothing that
scrolls sideways at 375 px, visible checkbox borders, a labelled language
switcher, and focus on the error summary after a failed submit."""

import datetime as dt
import re

import pytest

from matching import services
from registry import services as registry_services
from registry.models import Category, District, Volunteer
from tests.browser.conftest import assert_accessible, login
from tests.browser.test_sign_up_flow import label

pytestmark = pytest.mark.browser

# Every element that scrolls sideways, and the page itself if it is wider than
# the window: [] when nothing does.
SIDEWAYS = """() => {
  const found = [];
  if (document.documentElement.scrollWidth > window.innerWidth) found.push('page');
  for (const el of document.querySelectorAll('body *')) {
    const overflow = getComputedStyle(el).overflowX;
    if (['auto', 'scroll'].includes(overflow) && el.scrollWidth > el.clientWidth + 1)
      found.push(el.tagName + '.' + el.className);
  }
  return found;
}"""


def _contrast(page, selector: str) -> float:
    """Contrast of the element's left border against the white page."""
    return page.evaluate(
        """selector => {
          const el = document.querySelector(selector);
          const rgb = getComputedStyle(el).borderLeftColor.match(/\\d+/g).map(Number);
          const lin = c => {
            c /= 255;
            return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
          };
          const lum =
            0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2]);
          return 1.05 / (lum + 0.05);
        }""",
        selector,
    )


@pytest.fixture
def open_request(coordinator, social_worker):
    """An open request with one matching volunteer of a long name."""
    today = dt.date.today() + dt.timedelta(days=7)
    town = District.objects.get(name="Czechowice-Dziedzice")
    volunteer = registry_services.volunteer_create(
        actor=coordinator,
        fields={
            "first_name": "Maria-Magdalena",
            "last_name": "Brzęczyszczykiewicz-Szczepańska",
            "birth_date": dt.date(1980, 1, 1),
            "district": town,
        },
        availability={(today.weekday(), "morning")},
    )
    registry_services.volunteer_activate(actor=coordinator, volunteer=volunteer)
    beneficiary = registry_services.beneficiary_create(
        actor=coordinator,
        fields={
            "first_name": "Jan",
            "last_name": "Kos",
            "social_worker": social_worker,
        },
    )
    request = services.help_request_create(
        actor=coordinator,
        fields={
            "beneficiary": beneficiary,
            "title": "Zakupy",
            "category": Category.objects.order_by("pk").first(),
            "district": town,
            "kind": "once",
            "date_from": today,
            "date_to": today,
        },
        slots=[(today.weekday(), dt.time(9), dt.time(11))],
    )
    return services.help_request_open(actor=coordinator, request=request)


def test_staff_navigation_fits_one_row_at_1280_px(page, live_server, coordinator):
    page.set_viewport_size({"width": 1280, "height": 800})
    login(page, live_server, coordinator)
    boxes = [e.bounding_box() for e in page.locator("#main-nav > ul > li").all()]
    middles = [box["y"] + box["height"] / 2 for box in boxes]
    assert max(middles) - min(middles) < 10, f"navigation wraps: {middles}"
    assert page.locator("header.navbar").bounding_box()["height"] < 80
    # The menus open and lead to the lists.
    page.get_by_role("button", name="Rejestr").click()
    page.get_by_role("link", name="Wolontariusze").click()
    assert page.url.endswith("/wolontariusze/")
    page.get_by_role("button", name="Zgłoszenia").click()
    assert page.get_by_role("link", name="Propozycja zbiorcza").is_visible()
    assert_accessible(page)


def test_public_navigation_fits_one_row_at_1280_px(page, live_server):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + "/")
    boxes = [e.bounding_box() for e in page.locator("#main-nav li.nav-item").all()]
    middles = [box["y"] + box["height"] / 2 for box in boxes]
    assert max(middles) - min(middles) < 10, f"navigation wraps: {middles}"
    assert page.evaluate(SIDEWAYS) == []


def test_the_account_menu_names_the_person_not_the_username(
    page, live_server, coordinator
):
    login(page, live_server, coordinator)
    page.get_by_role("button", name="Koordynator Testowa").click()
    assert page.get_by_role("button", name="Wyloguj").is_visible()
    assert "koordynator)" not in page.locator("header").inner_text()


def test_the_language_switcher_shows_its_label_and_switches(page, live_server):
    page.goto(live_server.url + "/")
    label = page.locator("label[for=language-select]")
    assert label.is_visible()
    assert "Język" in label.inner_text()
    with page.expect_navigation():
        page.get_by_label(re.compile("Język")).select_option("en")
    assert page.locator("html").get_attribute("lang") == "en"


@pytest.mark.parametrize("path", ["/zostan-wolontariuszem/", "/porady/umow/"])
def test_public_pages_do_not_scroll_sideways_at_375_px(page, live_server, path):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + path)
    assert page.evaluate(SIDEWAYS) == []


def test_lists_and_suggestions_do_not_scroll_sideways_at_375_px(
    page, live_server, coordinator, open_request
):
    page.set_viewport_size({"width": 375, "height": 800})
    login(page, live_server, coordinator)
    volunteer = Volunteer.objects.get(first_name="Maria-Magdalena")
    pages = ["/wolontariusze/", "/zgloszenia/", volunteer.get_absolute_url()]
    for path in [*pages, open_request.get_absolute_url()]:
        page.goto(live_server.url + path)
        assert page.evaluate(SIDEWAYS) == [], path
    propose = page.get_by_role("button", name=re.compile("Zaproponuj: Maria"))
    box = propose.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    # Each stacked cell names its column.
    cell = page.locator("table.table-stack td").first
    assert cell.get_attribute("data-label") == "wolontariusz"
    assert_accessible(page)


def test_checkbox_borders_meet_3_to_1_contrast(page, live_server):
    page.goto(live_server.url + "/zostan-wolontariuszem/")
    assert _contrast(page, "input.form-check-input[type=checkbox]") >= 3


def test_focus_moves_to_the_error_summary_after_a_failed_submit(page, live_server, db):
    page.goto(live_server.url + "/zostan-wolontariuszem/")
    page.get_by_label(label("Imię")).fill("Jan")
    page.get_by_label(label("Nazwisko")).fill("Kowalski")
    page.get_by_label(label("Data urodzenia")).fill("1980-01-01")
    page.get_by_label(label("E-mail")).fill("jan@example.pl")
    page.get_by_label(label("Kod pocztowy")).fill("43502x")
    page.get_by_label(re.compile(r"^\s*Zapoznałem")).check()
    page.get_by_role("button", name="Zgłoś się").click()
    page.wait_for_load_state()
    assert page.evaluate("document.activeElement.id") == "form-error-summary"
