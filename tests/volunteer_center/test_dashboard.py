"""The coordinator's dashboard: what needs doing, charts with their data, and
a number of queries that does not grow with the data."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.cache import cache, caches
from django.db import connection
from django.urls import reverse

from matching import services
from registry.models import Volunteer
from volunteer_center import dashboard

pytestmark = pytest.mark.django_db

MARCH = dt.date(2027, 3, 2)


def test_months_back_ends_with_the_current_month():
    months = dashboard.months_back(dt.date(2027, 1, 15), 3)
    assert months == [dt.date(2026, 11, 1), dt.date(2026, 12, 1), dt.date(2027, 1, 1)]


def test_todo_lists_unstaffed_requests_and_candidates(
    make_request, active_volunteer, make_volunteer, coordinator
):
    staffed = make_request(title="Obsadzone", needed=1)
    make_request(title="Wolne", needed=2, urgency=3)
    assignment = services.assignment_propose(
        actor=coordinator, request=staffed, volunteer=active_volunteer()
    )
    services.assignment_accept(actor=coordinator, assignment=assignment)
    make_volunteer(first_name="Kandydatka", email="k@example.pl")
    todo = dashboard.todo(coordinator)
    assert [r.title for r in todo["unstaffed"]] == ["Wolne"]
    assert todo["unstaffed_count"] == 1
    assert [v.first_name for v in todo["candidates"]] == ["Kandydatka"]
    by_urgency = {label: n for _value, label, n in todo["open_by_urgency"]}
    assert by_urgency["krytyczna"] == 1
    assert by_urgency["zwykła"] == 0  # the staffed one has no free place


def test_todo_lists_advice_follow_ups_that_are_due(make_consultation, coordinator):
    due = make_consultation(follow_up=True, follow_up_due=dt.date(2026, 1, 10))
    make_consultation(follow_up=True, follow_up_due=dt.date(2026, 2, 10))
    make_consultation()
    todo = dashboard.todo(coordinator, today=dt.date(2026, 1, 31))
    assert todo["follow_ups"] == [due]
    assert todo["follow_ups_count"] == 1


def test_charts_count_what_happened(make_request, active_volunteer, coordinator):
    request = make_request(needed=2)
    volunteer = active_volunteer()
    assignment = services.assignment_propose(
        actor=coordinator, request=request, volunteer=volunteer
    )
    services.assignment_accept(actor=coordinator, assignment=assignment)
    services.assignment_activate(actor=coordinator, assignment=assignment)
    with time_machine.travel(dt.datetime(2027, 3, 20, 12)):
        services.hours_log(
            actor=coordinator, assignment=assignment, date=MARCH, hours=Decimal("3.5")
        )
    charts = {s.title: dict(s.rows) for s in dashboard.charts(today=MARCH, months=2)}
    hours = charts["Godziny w miesiącach, zatwierdzone i czekające na zatwierdzenie"]
    assert list(hours.values()) == [0, 3.5]
    assert list(charts["Aktywni wolontariusze w miesiącach"].values()) == [0, 1]
    assert charts["Zgłoszenia według statusu"]["w realizacji"] == 1
    assert charts["Zgłoszenia według dzielnicy"]["Czechowice-Dziedzice"] == 1
    # One of two places taken.
    assert list(charts["Obsadzenie według miesiąca rozpoczęcia"].values()) == [0, 50]


def test_this_months_active_volunteers_are_counted_up_to_today(
    make_request, active_volunteer, coordinator
):
    on_the_23rd = dt.date(2027, 3, 23)  # a Tuesday, as the request's slot
    later = make_request(date_from=on_the_23rd, date_to=on_the_23rd)
    assignment = services.assignment_propose(
        actor=coordinator, request=later, volunteer=active_volunteer()
    )
    services.assignment_accept(actor=coordinator, assignment=assignment)

    def active_this_month(today):
        charts = {s.title: s.rows for s in dashboard.charts(today=today, months=1)}
        return charts["Aktywni wolontariusze w miesiącach"][0][1]

    assert active_this_month(MARCH) == 0  # accepted, but the work is on the 23rd
    assert active_this_month(on_the_23rd) == 1


@pytest.mark.parametrize("rows", [1, 5])
def test_dashboard_queries_do_not_grow(
    rows,
    make_request,
    make_volunteer,
    coordinator_client,
    django_assert_num_queries,
):
    for i in range(rows):
        make_request(title=f"Zgłoszenie {i}")
        make_volunteer(first_name=f"K{i}", email=f"k{i}@example.pl")
    url = reverse("dashboard")
    coordinator_client.get(url)
    cache.clear()
    caches["fragments"].clear()
    # session, user, the user's permissions (one query); where the tables of the
    # charts and lists stand; active volunteers this year and a query per
    # chart (7); the urgencies of the requests with free places, the first of
    # them, advice follow-ups due and their count, candidates and their
    # count, what volunteers asked for in their area (7); visits booked and
    # their count; agreements ending soon, assignments
    # lacking an agreement.
    with django_assert_num_queries(DASHBOARD_QUERIES + 16):
        coordinator_client.get(url)
    # Kept: the same page without the charts' seven and the lists' nine,
    # the visits to come (they move with the clock) read again.
    with django_assert_num_queries(DASHBOARD_QUERIES):
        response = coordinator_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<div class="chart"') == 6
    assert html.count('class="table table-sm mb-0"') == 6  # a data table per chart


DASHBOARD_QUERIES = 6


def test_a_change_shows_in_the_kept_charts_on_the_next_page(
    make_request, coordinator_client
):
    url = reverse("dashboard")
    make_request(title="Pierwsze")
    assert _by_status(coordinator_client.get(url))["otwarte"] == 1
    make_request(title="Drugie")
    assert _by_status(coordinator_client.get(url))["otwarte"] == 2


def _by_status(response) -> dict:
    series = next(
        s for s in response.context["charts"] if s.title == "Zgłoszenia według statusu"
    )
    return dict(series.rows)


def test_each_urgency_count_matches_the_list_its_link_opens(
    make_request, coordinator, coordinator_client
):
    for i in range(3):
        make_request(title=f"Pilne {i}", urgency=3)
    make_request(title="Zwykłe")
    page = coordinator_client.get(reverse("dashboard"))
    for value, _label, count in page.context["todo"]["open_by_urgency"]:
        listed = coordinator_client.get(
            reverse("matching:request-list"), {"urgency": value, "unstaffed": "on"}
        )
        assert listed.context["paginator"].count == count


def test_newest_candidates_are_read_off_their_index():
    newest = dashboard.newest_first(Volunteer.objects.candidates().not_anonymised())
    with connection.cursor() as cursor:
        # Statistics of this test's rows, not the row count an earlier test's
        # ANALYZE (the demo data's) left in pg_class after its rollback.
        cursor.execute("ANALYZE registry_volunteer")
        # Few rows in a test: without these the planner rightly reads the
        # table, or any index of the status and sorts its few rows; the
        # question is whether one index gives them in order.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        plan = newest[: dashboard.LIST_LENGTH].explain()
    assert "volunteer_newest_by_status_idx" in plan
    assert "Sort" not in plan
