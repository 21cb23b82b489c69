"""A coordinator downloads a filtered list and finds a volunteer's calendar
address; the new lists pass the accessibility check."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from registry import services as registry_services
from tests.browser.conftest import assert_accessible, login

pytestmark = pytest.mark.browser


def test_coordinator_downloads_the_filtered_volunteers(
    page, live_server, coordinator, make_volunteer
):
    registry_services.volunteer_activate(
        actor=coordinator, volunteer=make_volunteer(last_name="Żółkiewska")
    )
    make_volunteer(last_name="Kandydatka")
    login(page, live_server, coordinator)

    page.goto(f"{live_server.url}{reverse('registry:volunteer-list')}?status=active")
    assert_accessible(page)
    with page.expect_download() as csv_download:
        page.get_by_role("link", name="CSV").click()
    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name="Excel (XLSX)").click()

    assert csv_download.value.suggested_filename.startswith("wolontariusze-")
    text = csv_download.value.path().read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert [row[0] for row in rows] == ["Nazwisko", "Żółkiewska"]
    workbook = io.BytesIO(xlsx_download.value.path().read_bytes())
    sheet = openpyxl.load_workbook(workbook).active
    assert [row[0] for row in sheet.iter_rows(values_only=True)] == [
        "Nazwisko",
        "Żółkiewska",
    ]


def test_new_lists_and_the_calendar_address_are_accessible(
    page, live_server, coordinator, make_volunteer
):
    volunteer = make_volunteer(last_name="Kalendarzowa")
    login(page, live_server, coordinator)

    for url_name in ("matching:assignment-list", "matching:hours-list"):
        page.goto(f"{live_server.url}{reverse(url_name)}")
        assert_accessible(page)
    page.goto(f"{live_server.url}{volunteer.get_absolute_url()}")
    address = page.get_by_label("Kalendarz skierowań wolontariusza (iCal)")
    assert "/kalendarz/" in address.input_value()
    assert_accessible(page)
    page.screenshot(path="/tmp/exp/volunteer_detail.png", full_page=True)
    page.goto(f"{live_server.url}{reverse('registry:volunteer-list')}")
    page.screenshot(path="/tmp/exp/volunteer_list.png")
