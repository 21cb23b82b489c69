"""A coordinator's morning: the dashboard with its charts, then the annual
report and its XLSX file."""

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.browser.conftest import assert_accessible, login

pytestmark = pytest.mark.browser


def test_coordinator_sees_charts_and_downloads_the_annual_report(
    page, live_server, coordinator, make_volunteer, make_request, categories
):
    # The longest category name is a chart label that used to be cut off.
    make_request(
        title="Zakupy dla seniora", category=categories["Towarzyszenie osobom starszym"]
    )
    make_volunteer(first_name="Kandydatka", last_name="Nowa", email="n@example.pl")
    login(page, live_server, coordinator)
    assert page.url.endswith("/panel/")
    candidates = page.get_by_role("region", name="Nowe zgłoszenia wolontariuszy")
    assert "Kandydatka Nowa" in candidates.inner_text()
    charts = page.locator("div.chart")
    assert charts.count() == 6
    # The labels are page text: whole, at the page's size, on a phone too.
    labels = " ".join(charts.nth(i).inner_text() for i in range(6))
    assert "Towarzyszenie osobom starszym" in labels
    page.set_viewport_size({"width": 375, "height": 800})
    sizes = page.evaluate(
        "() => [...document.querySelectorAll('.chart-label, .chart-value')]"
        ".map(t => parseFloat(getComputedStyle(t).fontSize))"
    )
    assert sizes and min(sizes) >= 13
    assert page.evaluate(
        "() => document.documentElement.scrollWidth <= window.innerWidth"
    )
    page.set_viewport_size({"width": 1280, "height": 800})
    page.get_by_text("Dane wykresu").first.click()
    assert page.locator("table#chart-1-table").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Sprawozdanie").click()
    page.get_by_role("heading", name="Sprawozdanie za okres").wait_for()
    # The period's two dates side by side on a wide screen.
    start = page.locator("input[name=date_from]").bounding_box()
    end = page.locator("input[name=date_to]").bounding_box()
    assert start["y"] == end["y"] and start["x"] < end["x"]
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Pobierz XLSX").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    book = load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    summary = {
        r[0]: r[1] for r in book.worksheets[0].iter_rows(min_row=2, values_only=True)
    }
    assert "Nowi wolontariusze" in summary
