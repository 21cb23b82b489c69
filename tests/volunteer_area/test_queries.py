"""Query counts of every page of the area: they do not grow with the
volunteer's assignments, hours or documents."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from matching import services
from tests.fixtures.matching import TUESDAY
from tests.volunteer_area.conftest import area_client_for

pytestmark = pytest.mark.django_db
AREA = "/strefa-wolontariusza/"
NOW = dt.datetime(2027, 3, 3, 12)

# Every page: the session (1), the volunteer (1). Then per page:
PAGES = {
    # all assignments with request, district, category, coordinator (1),
    # the slots (1), the cover offers (1)
    "": 5,
    # the assignment (1), slots (1), cover offer (1), absences (1)
    "skierowania/{pk}/": 6,
    # the assignment with its slots and offer (3)
    "skierowania/{pk}/nie-moge/2027-03-09/": 5,
    # skills, categories, districts (3), availability, the volunteer's own
    # skills, interests, districts (4)
    "dostepnosc/": 9,
    # loggable assignments (1) with slots and offers (2), entries (1),
    # totals (1)
    "godziny/": 7,
    # agreements, certificates, references, requests (4)
    "dokumenty/": 6,
    # the open removal (1)
    "moje-dane/": 3,
}


@pytest.fixture
def busy_volunteer(make_request, area_volunteer, coordinator):
    """A volunteer with ``n`` active weekly assignments and hours on each."""

    def make(n):
        with time_machine.travel(NOW):
            assignments = []
            for index in range(n):
                request = make_request(
                    kind="weekly",
                    date_from=TUESDAY,
                    title=f"Zadanie {index}",
                    slots=((1, dt.time(9 + index), dt.time(10 + index)),),
                )
                assignment = services.assignment_propose(
                    actor=coordinator, request=request, volunteer=area_volunteer
                )
                services.assignment_accept(actor=coordinator, assignment=assignment)
                services.assignment_activate(actor=coordinator, assignment=assignment)
                services.hours_log(
                    actor=coordinator,
                    assignment=assignment,
                    date=TUESDAY,
                    hours=Decimal(1),
                )
                assignments.append(assignment)
        return assignments

    return make


# One count for one assignment and for three: a query per row would differ.
@pytest.mark.parametrize("n", [1, 3])
@pytest.mark.parametrize("page", sorted(PAGES))
def test_area_pages_have_a_fixed_number_of_queries(
    page, n, busy_volunteer, area_volunteer, django_assert_num_queries
):
    assignments = busy_volunteer(n)
    with time_machine.travel(NOW):
        client = area_client_for(area_volunteer)
        url = AREA + page.format(pk=assignments[0].pk)
        with django_assert_num_queries(PAGES[page]):
            assert client.get(url).status_code == 200
