"""What the request pages say, read as a person reads them: a finished
request has no free places, an export names who helped, the constraints and
hours are written as a person writes them."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from matching import services
from tests.matching.conftest import TUESDAY
from tests.volunteer_center.test_exports import column, directed, download
from volunteer_center.core.templatetags.numbers import hours

pytestmark = pytest.mark.django_db


def completed(coordinator, request, volunteer):
    assignment = directed(coordinator, request, volunteer)
    services.assignment_activate(actor=coordinator, assignment=assignment)
    with time_machine.travel(dt.datetime(2027, 3, 3, 12)):
        services.hours_log(
            actor=coordinator, assignment=assignment, date=TUESDAY, hours=Decimal("2.5")
        )
        return services.help_request_complete(actor=coordinator, request=request)


def places_cell(page: str, title: str) -> str:
    row = page[page.index(f">{title}</a>") :]
    return row[: row.index("</tr>")]


def test_a_finished_request_shows_no_places_to_fill(
    coordinator_client, coordinator, make_request, active_volunteer
):
    completed(coordinator, make_request(title="Zrobione", needed=2), active_volunteer())
    services.help_request_cancel(
        actor=coordinator, request=make_request(title="Odwołane"), reason="nieaktualne"
    )
    make_request(title="Otwarte", needed=2)
    page = coordinator_client.get(reverse("matching:request-list")).content.decode()
    assert "<td>—</td>" in places_cell(page, "Zrobione")
    assert "<td>—</td>" in places_cell(page, "Odwołane")
    assert "<td>0/2</td>" in places_cell(page, "Otwarte")


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_the_export_of_a_completed_request_names_who_helped(
    coordinator_client, coordinator, make_request, active_volunteer, export_format
):
    completed(
        coordinator,
        make_request(title="Zrobione"),
        active_volunteer(last_name="Pomocna"),
    )
    headers, rows = download(
        coordinator_client, "matching:request-list", export_format, status="completed"
    )
    assert column(headers, rows, "Wolontariusze") == ["Anna Pomocna"]


def test_the_constraints_are_listed_without_a_trailing_separator(
    coordinator_client, make_request
):
    both = make_request(adults_only=True, driving_licence_required=True)
    none = make_request(title="Bez wymagań")
    page = coordinator_client.get(both.get_absolute_url()).content.decode()
    assert '<dd class="col-sm-7">tylko pełnoletni; prawo jazdy</dd>' in page
    page = coordinator_client.get(none.get_absolute_url()).content.decode()
    assert '<dd class="col-sm-7">—</dd>' in page.split(">warunki<")[1][:80]


def test_hours_are_written_without_trailing_zeros(
    coordinator_client, coordinator, make_request, active_volunteer
):
    request = make_request()
    completed(coordinator, request, active_volunteer())
    page = coordinator_client.get(request.get_absolute_url()).content.decode()
    assert "zatwierdzone: 0 h, czeka na zatwierdzenie: 2,5 h" in page
    assert "2,50" not in page


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (Decimal("2.50"), "2,5"),
        (Decimal("2.25"), "2,25"),
        (Decimal("30.00"), "30"),
        (3.5, "3,5"),
        (None, ""),
        ("x", "x"),
    ],
)
def test_hours_read_as_written(value, words):
    assert hours(value) == words
