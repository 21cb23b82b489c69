"""The agreements screens in real headless Chromium: the batch page's progress
polling, and WCAG 2.1 AA on the main screens."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile

from agreements import services
from agreements.models import CertificateBatch
from registry.services import volunteer_create
from tests.agreements.conftest import VOLUNTEER_FIELDS
from tests.browser.conftest import assert_accessible, login

pytestmark = pytest.mark.browser


def test_the_batch_page_follows_the_progress_and_offers_the_zip(
    page, live_server, coordinator
):
    batch = CertificateBatch.objects.create(
        date_from=dt.date(2026, 2, 1),
        date_to=dt.date(2026, 2, 28),
        status=CertificateBatch.Status.RUNNING,
        total=2,
        done=1,
        requested_by=coordinator,
    )
    login(page, live_server, coordinator)
    page.goto(live_server.url + batch.get_absolute_url())
    download = page.get_by_role("link", name="Pobierz plik ZIP")
    assert page.locator('[data-field="done"]').text_content() == "1"
    assert not download.is_visible()
    assert_accessible(page)
    # The task finishes in one write, as the worker's does: a poll between
    # storing the file and counting the last certificate would see a ZIP
    # with one certificate done.
    batch.zip_file.save(
        "zaswiadczenia.zip", ContentFile(b"PK\x05\x06" + b"\0" * 18), save=False
    )
    CertificateBatch.objects.filter(pk=batch.pk).update(
        status="done", done=2, zip_file=batch.zip_file.name
    )
    download.wait_for(state="visible", timeout=6000)
    assert page.locator('[data-field="done"]').text_content() == "2"
    assert page.locator(".progress").get_attribute("aria-valuenow") == "100"


def test_agreement_screens_are_accessible(page, live_server, coordinator):
    volunteer = volunteer_create(
        actor=coordinator,
        fields={
            "first_name": "Anna",
            "last_name": "Nowak",
            "birth_date": dt.date(1990, 5, 17),
        },
    )
    agreement = services.agreement_create(
        actor=coordinator, kind="volunteer", party=volunteer, fields=VOLUNTEER_FIELDS
    )
    login(page, live_server, coordinator)
    for path in (
        "/porozumienia/",
        agreement.get_absolute_url(),
        "/porozumienia/nowe/?kind=volunteer&q=nowak",
        f"/porozumienia/nowe/volunteer/{agreement.volunteer_id}/",
        "/zaswiadczenia/zbiorczo/",
    ):
        page.goto(live_server.url + path)
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)
