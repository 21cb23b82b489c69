"""An irreversible step asks first in the browser, and a former volunteer can
be brought back."""

import pytest

from registry import services as registry_services
from registry.models import Volunteer
from tests.browser.conftest import login

pytestmark = pytest.mark.browser


def test_marking_former_asks_first_and_can_be_undone(
    page, live_server, coordinator, make_volunteer
):
    volunteer = registry_services.volunteer_activate(
        actor=coordinator, volunteer=make_volunteer(first_name="Ewa")
    )
    login(page, live_server, coordinator)
    page.goto(live_server.url + volunteer.get_absolute_url())
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Przenieś do byłych wolontariuszy").click()
    page.wait_for_load_state()
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.ACTIVE
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        page.get_by_role("button", name="Przenieś do byłych wolontariuszy").click()
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.FORMER
    with page.expect_navigation():
        page.get_by_role("button", name="Przywróć jako aktywnego").click()
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.ACTIVE
