"""The coordinators' lists of assignments and of hours: filters and query counts."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from matching import services
from tests.matching.conftest import TUESDAY


def directed(coordinator, request, volunteer):
    assignment = services.assignment_propose(
        actor=coordinator, request=request, volunteer=volunteer
    )
    return services.assignment_accept(actor=coordinator, assignment=assignment)


def logged_hours(coordinator, assignment, hours=("2", "1.5")):
    services.assignment_activate(actor=coordinator, assignment=assignment)
    with time_machine.travel(dt.datetime(2027, 3, 3, 12)):
        return [
            services.hours_log(
                actor=coordinator,
                assignment=assignment,
                date=TUESDAY,
                hours=Decimal(value),
            )
            for value in hours
        ]


def test_assignment_filters_narrow_the_list(
    coordinator_client, coordinator, make_request, active_volunteer
):
    directed(coordinator, make_request(), active_volunteer(last_name="Szukana"))
    proposed = services.assignment_propose(
        actor=coordinator,
        request=make_request(title="Inne"),
        volunteer=active_volunteer(last_name="Obca"),
    )
    url = reverse("matching:assignment-list")

    def listed(**params):
        response = coordinator_client.get(url, params)
        return sorted(a.volunteer.last_name for a in response.context["object_list"])

    assert listed() == ["Obca", "Szukana"]
    assert listed(q="szukana") == ["Szukana"]
    assert listed(status=proposed.status) == ["Obca"]
    assert listed(date_from="2027-03-02", date_to="2027-03-02") == ["Obca", "Szukana"]
    assert listed(date_from="2027-03-03") == []
    assert listed(date_to="2027-03-01") == []


def test_hours_filters_narrow_the_list(
    coordinator_client, coordinator, make_request, active_volunteer
):
    first, _second = logged_hours(
        coordinator,
        directed(coordinator, make_request(), active_volunteer(last_name="Szukana")),
    )
    services.hours_approve(actor=coordinator, entries=[first])
    url = reverse("matching:hours-list")

    def listed(**params):
        return len(coordinator_client.get(url, params).context["object_list"])

    assert listed() == 2
    assert listed(status="approved") == 1
    assert listed(q="szukana") == 2
    assert listed(q="obca") == 0
    assert listed(date_from="2027-03-02", date_to="2027-03-02") == 2
    assert listed(date_from="2027-03-03") == 0
    # Totals of the period chosen, over every page.
    totals = coordinator_client.get(
        url, {"date_from": "2027-03-02", "date_to": "2027-03-02"}
    ).context["totals"]
    assert totals == {"approved": Decimal("2"), "awaiting": Decimal("1.5")}


def test_hours_list_approves_the_chosen_entries(
    coordinator_client, coordinator, make_request, active_volunteer
):
    first, second = logged_hours(
        coordinator, directed(coordinator, make_request(), active_volunteer())
    )
    url = reverse("matching:hours-list")
    page = coordinator_client.get(url).content.decode()
    assert f'name="entry" value="{first.pk}"' in page

    response = coordinator_client.post(
        reverse("matching:hours-approve"), {"entry": [first.pk], "next": url}
    )

    assert response["Location"] == url
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("approved", "logged")


@pytest.mark.parametrize("rows", [2, 6])
def test_list_queries_do_not_grow_with_rows(
    coordinator_client,
    coordinator,
    make_request,
    make_beneficiary,
    social_worker,
    active_volunteer,
    django_assert_num_queries,
    rows,
):
    for i in range(rows):
        request = make_request(
            title=f"Z{i}",
            beneficiary=make_beneficiary(
                last_name=f"B{i}", social_worker=social_worker
            ),
        )
        logged_hours(
            coordinator,
            directed(coordinator, request, active_volunteer(last_name=f"V{i}")),
            hours=("1",),
        )
    # session, user, the user's permissions (one query), count, the page
    # (assignments with volunteer, request and party and their approved
    # hours; entries with volunteer, request and both users)
    with django_assert_num_queries(5):
        response = coordinator_client.get(reverse("matching:assignment-list"))
    assert len(response.context["object_list"]) == rows
    # and the hours list's totals of the filtered entries
    with django_assert_num_queries(6):
        response = coordinator_client.get(reverse("matching:hours-list"))
    assert len(response.context["object_list"]) == rows


def test_the_menu_leads_to_assignments_and_they_to_hours(coordinator_client):
    menu = coordinator_client.get(reverse("dashboard")).content.decode()
    assert f'href="{reverse("matching:assignment-list")}"' in menu
    page = coordinator_client.get(reverse("matching:assignment-list")).content.decode()
    assert f'href="{reverse("matching:hours-list")}"' in page


def test_request_filters_narrow_the_list(
    coordinator_client, coordinator, make_request, active_volunteer
):
    from matching.models import Programme

    zima = Programme.objects.create(name="Zima", date_from=TUESDAY)
    full = make_request(title="Obsadzone zakupy", needed=1, programme=zima)
    make_request(title="Wolny spacer", needed=1, urgency=3)
    directed(coordinator, full, active_volunteer())
    url = reverse("matching:request-list")

    def listed(**params):
        response = coordinator_client.get(url, params)
        return sorted(r.title for r in response.context["object_list"])

    assert listed() == ["Obsadzone zakupy", "Wolny spacer"]
    assert listed(unstaffed="on") == ["Wolny spacer"]
    assert listed(programme=zima.pk) == ["Obsadzone zakupy"]
    assert listed(q="spacer") == ["Wolny spacer"]
    assert listed(urgency=3) == ["Wolny spacer"]
