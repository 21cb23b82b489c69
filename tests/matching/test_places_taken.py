"""A request's stored count of places taken never drifts from its
assignments, whichever service moves them, and the lists read it instead of
counting every request's assignments."""

import contextlib
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from matching import selectors, services
from matching.errors import MatchingError
from matching.models import Assignment, HelpRequest
from volunteer_center import dashboard


def assert_counts_match_assignments():
    for request in HelpRequest.objects.all():
        holding = request.assignments.holding_place().count()
        assert request.places_taken == holding, request


def _step(rng, coordinator, requests, volunteers):
    assignments = list(Assignment.objects.all())
    moves = [
        services.assignment_contact,
        services.assignment_accept,
        services.assignment_decline,
        services.assignment_activate,
        services.assignment_complete,
        services.assignment_cancel,
    ]
    if not assignments or rng.random() < 0.35:
        services.assignment_propose(
            actor=coordinator,
            request=rng.choice(requests),
            volunteer=rng.choice(volunteers),
        )
        return
    move = rng.choice(moves)
    kwargs = {"send_email": False} if move is services.assignment_contact else {}
    move(actor=coordinator, assignment=rng.choice(assignments), **kwargs)


def test_a_random_walk_through_the_services_keeps_the_count(
    coordinator, make_request, active_volunteer
):
    requests = [make_request(needed=2), make_request(needed=3, title="Spacer")]
    volunteers = [active_volunteer(last_name=f"Nowak{i}") for i in range(5)]
    rng = random.Random(13)
    held_a_place = False
    for _ in range(60):
        # A move the rules refuse must change nothing either.
        with contextlib.suppress(MatchingError):
            _step(rng, coordinator, requests, volunteers)
        assert_counts_match_assignments()
        # The walk must pass through places taken (a cancellation can end
        # it with none: the cover chain then asks others, who have not said yes).
        held_a_place |= HelpRequest.objects.filter(places_taken__gt=0).exists()
    assert held_a_place
    services.help_request_cancel(
        actor=coordinator, request=requests[0], reason="nieaktualne"
    )
    assert_counts_match_assignments()
    assert HelpRequest.objects.get(pk=requests[0].pk).places_taken == 0


def test_accepting_and_cancelling_move_the_count(
    coordinator, make_request, active_volunteer
):
    request = make_request(needed=2)
    assignment = services.assignment_propose(
        actor=coordinator, request=request, volunteer=active_volunteer()
    )
    services.assignment_accept(actor=coordinator, assignment=assignment)
    assert HelpRequest.objects.get(pk=request.pk).places_taken == 1
    services.assignment_cancel(actor=coordinator, assignment=assignment)
    assert HelpRequest.objects.get(pk=request.pk).places_taken == 0


def test_the_bulk_recount_agrees_with_the_services(
    coordinator, make_request, active_volunteer
):
    request = make_request(needed=2)
    assignment = services.assignment_propose(
        actor=coordinator, request=request, volunteer=active_volunteer()
    )
    services.assignment_accept(actor=coordinator, assignment=assignment)
    HelpRequest.objects.update(places_taken=0)
    assert HelpRequest.objects.recount_places_taken() == 1
    assert_counts_match_assignments()


@pytest.mark.parametrize(
    "read",
    [
        lambda user: list(selectors.request_list(user).with_free_places()[:25]),
        lambda user: dashboard.todo(user),
    ],
    ids=["request list", "dashboard"],
)
def test_lists_read_the_count_without_grouping_requests(coordinator, read):
    with CaptureQueriesContext(connection) as captured:
        read(coordinator)
    grouped = [q["sql"] for q in captured if "matching_assignment" in q["sql"]]
    assert grouped == []
