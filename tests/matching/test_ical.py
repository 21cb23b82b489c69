"""The volunteer's private calendar feed: its events, their Warsaw times, and
the signed address that guards it."""

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from matching import ical, services
from tests.matching.access import PUBLIC
from tests.matching.conftest import MONDAY

WARSAW = ZoneInfo("Europe/Warsaw")
# Before the requests of the fixtures, which start on MONDAY (1 March 2027).
NOW = dt.datetime(2027, 2, 20, 12, tzinfo=WARSAW)


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def accepted(assignment, coordinator):
    return services.assignment_accept(actor=coordinator, assignment=assignment)


def events_of(response) -> list:
    calendar = icalendar.Calendar.from_ical(response.content)
    return sorted(calendar.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))


def feed_url(volunteer) -> str:
    return reverse("matching:volunteer-ical", args=[ical.volunteer_token(volunteer)])


@pytest.fixture
def volunteer(active_volunteer):
    return active_volunteer(
        first_name="Helena",
        last_name="Kalendarzowa",
        availability={(0, "morning"), (2, "afternoon")},
    )


@pytest.fixture
def weekly_request(make_request):
    """Mondays 9:00–11:00 and Wednesdays 13:30–15:00, for two weeks from MONDAY."""

    def make(**fields):
        return make_request(
            kind="weekly",
            date_from=MONDAY,
            date_to=fields.pop("date_to", MONDAY + dt.timedelta(days=13)),
            slots=fields.pop(
                "slots",
                [(0, dt.time(9), dt.time(11)), (2, dt.time(13, 30), dt.time(15))],
            ),
            needed=2,
            **fields,
        )

    return make


def test_feed_has_each_weekly_slot_of_an_accepted_assignment_in_warsaw_time(
    volunteer, weekly_request, coordinator
):
    request = weekly_request(title="Spacery z panią Zofią", address="ul. Lipowa 3")
    accepted(
        services.assignment_propose(
            actor=coordinator, request=request, volunteer=volunteer
        ),
        coordinator,
    )

    response = Client().get(feed_url(volunteer))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = events_of(response)
    starts = [e.decoded("dtstart") for e in events]
    assert starts == [
        dt.datetime(2027, 3, 1, 9, tzinfo=WARSAW),
        dt.datetime(2027, 3, 3, 13, 30, tzinfo=WARSAW),
        dt.datetime(2027, 3, 8, 9, tzinfo=WARSAW),
        dt.datetime(2027, 3, 10, 13, 30, tzinfo=WARSAW),
    ]
    assert [e.decoded("dtend").time() for e in events] == [
        dt.time(11),
        dt.time(15),
        dt.time(11),
        dt.time(15),
    ]
    assert all(e["dtstart"].params["TZID"] == "Europe/Warsaw" for e in events)
    # The feed leaves the centre: the kind of help and the district only,
    # never the title naming the beneficiary, nor the street address.
    assert {str(e["summary"]) for e in events} == {
        f"Wolontariat: {request.category.name}"
    }
    assert {str(e["location"]) for e in events} == {"Czechowice-Dziedzice"}
    for private in (b"Zofi", b"Lipowa", request.beneficiary.last_name.encode()):
        assert private not in response.content
    assert len({str(e["uid"]) for e in events}) == 4
    calendar = icalendar.Calendar.from_ical(response.content)
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Warsaw"]


def test_times_keep_the_wall_clock_hour_across_the_change_to_summer_time(
    volunteer, weekly_request, coordinator
):
    # Summer time starts on Sunday 28 March 2027.
    request = weekly_request(
        date_to=dt.date(2027, 3, 29), slots=[(0, dt.time(9), dt.time(11))]
    )
    services.assignment_propose(actor=coordinator, request=request, volunteer=volunteer)
    accepted(request.assignments.get(), coordinator)

    events = events_of(Client().get(feed_url(volunteer)))

    utc = [e.decoded("dtstart").astimezone(dt.UTC) for e in events]
    assert [u.hour for u in utc] == [8, 8, 8, 8, 7]
    assert {e.decoded("dtstart").hour for e in events} == {9}


def test_only_accepted_and_active_assignments_are_in_the_feed(
    volunteer, weekly_request, make_request, coordinator
):
    accepted_one = weekly_request(title="Przyjęte")
    accepted(
        services.assignment_propose(
            actor=coordinator, request=accepted_one, volunteer=volunteer
        ),
        coordinator,
    )
    proposed_only = weekly_request(
        title="Tylko zaproponowane", slots=[(2, dt.time(12), dt.time(13))]
    )
    services.assignment_propose(
        actor=coordinator, request=proposed_only, volunteer=volunteer
    )
    declined = weekly_request(title="Odrzucone", slots=[(0, dt.time(11), dt.time(12))])
    services.assignment_decline(
        actor=coordinator,
        assignment=services.assignment_propose(
            actor=coordinator, request=declined, volunteer=volunteer
        ),
    )

    events = events_of(Client().get(feed_url(volunteer)))

    # Events name the kind of help, not the title: the uid says whose it is.
    kept = accepted_one.assignments.get()
    assert {str(e["uid"]).split("-")[1] for e in events} == {str(kept.pk)}


def test_a_long_assignment_is_expanded_at_most_a_year_ahead(
    volunteer, weekly_request, coordinator
):
    request = weekly_request(
        date_to=MONDAY + dt.timedelta(days=800), slots=[(0, dt.time(9), dt.time(11))]
    )
    services.assignment_propose(actor=coordinator, request=request, volunteer=volunteer)
    accepted(request.assignments.get(), coordinator)

    events = events_of(Client().get(feed_url(volunteer)))

    horizon = NOW.date() + dt.timedelta(days=365)
    mondays = [
        MONDAY + dt.timedelta(weeks=n)
        for n in range(200)
        if MONDAY + dt.timedelta(weeks=n) <= horizon
    ]
    assert [e.decoded("dtstart").date() for e in events] == mondays
    assert len(mondays) == 51


def test_a_volunteer_without_assignments_gets_an_empty_calendar(volunteer):
    response = Client().get(feed_url(volunteer))
    assert response.status_code == 200
    assert events_of(response) == []


@pytest.mark.parametrize("bad", ["1", "1:abc", "x" * 40])
def test_a_bad_token_is_not_found(db, bad):
    url = reverse("matching:volunteer-ical", args=[bad])
    assert Client().get(url).status_code == 404


def test_a_token_cannot_be_turned_into_another_volunteers(volunteer, active_volunteer):
    other = active_volunteer(last_name="Inna")
    token = ical.volunteer_token(volunteer)
    forged = token.replace(f"{volunteer.pk}:", f"{other.pk}:", 1)
    url = reverse("matching:volunteer-ical", args=[forged])
    assert Client().get(url).status_code == 404


def test_changing_the_salt_revokes_every_address(volunteer, settings):
    url = feed_url(volunteer)
    settings.VOLUNTEER_ICAL_SALT = "rotated-2027"
    assert Client().get(url).status_code == 404
    assert Client().get(feed_url(volunteer)).status_code == 200


def test_the_address_is_stable_and_needs_no_login(volunteer):
    assert feed_url(volunteer) == feed_url(volunteer)
    assert "matching:volunteer-ical" in PUBLIC
    assert Client().get(feed_url(volunteer)).status_code == 200


@pytest.mark.parametrize("requests", [1, 4])
def test_feed_queries_do_not_grow_with_assignments(
    volunteer, weekly_request, coordinator, django_assert_num_queries, requests
):
    for i in range(requests):
        request = weekly_request(
            title=f"Zgłoszenie {i}", slots=[(0, dt.time(8 + i), dt.time(9 + i))]
        )
        services.assignment_propose(
            actor=coordinator, request=request, volunteer=volunteer
        )
        accepted(request.assignments.get(), coordinator)
    Client().get(feed_url(volunteer))  # the access log's content type, cached
    # the volunteer, the access-log insert, the assignments with their requests
    # and districts, the slots
    with django_assert_num_queries(4):
        response = Client().get(feed_url(volunteer))
    assert len(events_of(response)) == 2 * requests


def test_coordinator_sees_the_feed_address_on_the_volunteer_page(
    volunteer, coordinator_client
):
    page = coordinator_client.get(volunteer.get_absolute_url()).content.decode()
    assert "http://testserver" + feed_url(volunteer) in page


def test_an_anonymised_volunteers_feed_is_gone(volunteer, coordinator):
    from registry import services as registry_services

    url = feed_url(volunteer)
    assert Client().get(url).status_code == 200
    registry_services.volunteer_mark_former(actor=coordinator, volunteer=volunteer)
    registry_services.volunteer_anonymise(actor=coordinator, volunteer=volunteer)
    assert Client().get(url).status_code == 404
