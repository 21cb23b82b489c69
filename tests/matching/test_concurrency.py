"""Two coordinators taking the last place at the same moment, for real: two
threads, two PostgreSQL connections, two transactions."""

import threading
import time

import pytest
from django.db import IntegrityError, connection, transaction

from matching import rules, services
from matching.models import Assignment

# Serialised rollback restores what the data migrations preload (districts, roles).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def run_at_once(*calls):
    """Runs each call in its own thread and connection, released together."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def worker(index, call):
        try:
            barrier.wait()
            results[index] = ("ok", call())
        except Exception as error:  # the outcome is what is tested
            results[index] = ("error", error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=worker, args=(i, call)) for i, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_two_coordinators_taking_the_last_place_only_one_succeeds(
    make_request, active_volunteer, coordinator
):
    request = make_request(needed=1)
    proposals = [
        services.assignment_propose(
            actor=coordinator,
            request=request,
            volunteer=active_volunteer(first_name=name, email=f"{name}@example.pl"),
        )
        for name in ("ala", "ola")
    ]
    results = run_at_once(
        *[
            lambda a=a: services.assignment_accept(actor=coordinator, assignment=a)
            for a in proposals
        ]
    )
    outcomes = sorted(kind for kind, _ in results)
    assert outcomes == ["error", "ok"]
    error = next(value for kind, value in results if kind == "error")
    assert isinstance(error, services.MatchingError)
    assert "1" in error.message
    assert Assignment.objects.holding_place().filter(request=request).count() == 1


def test_one_volunteer_accepted_for_two_clashing_requests_at_once_only_once(
    make_request, active_volunteer, coordinator
):
    volunteer = active_volunteer()
    requests = [make_request(title=title) for title in ("Zakupy", "Spacer")]
    proposals = [
        services.assignment_propose(actor=coordinator, request=r, volunteer=volunteer)
        for r in requests
    ]
    results = run_at_once(
        *[
            lambda a=a: services.assignment_accept(actor=coordinator, assignment=a)
            for a in proposals
        ]
    )
    assert sorted(kind for kind, _ in results) == ["error", "ok"]
    assert Assignment.objects.holding_place().filter(volunteer=volunteer).count() == 1


def test_two_raw_writes_holding_clashing_places_at_once_only_one_passes(
    make_request, active_volunteer, coordinator
):
    """No service, no lock of ours: the database's clash check locks the
    volunteer's row, so the second transaction waits for the first and then
    sees its place (docs/ARCHITECTURE.md, "The clash rule in the database")."""
    volunteer = active_volunteer()
    proposals = [
        services.assignment_propose(
            actor=coordinator, request=make_request(title=title), volunteer=volunteer
        )
        for title in ("Zakupy", "Spacer")
    ]

    def hold(assignment):
        with transaction.atomic():
            Assignment.objects.filter(pk=assignment.pk).update(
                status=Assignment.Status.ACCEPTED, place=1
            )
            # Still open while the other transaction writes.
            time.sleep(0.5)

    results = run_at_once(*[lambda a=a: hold(a) for a in proposals])
    assert sorted(kind for kind, _ in results) == ["error", "ok"]
    error = next(value for kind, value in results if kind == "error")
    assert isinstance(error, IntegrityError)
    assert rules.clash_refused(error) in {a.pk for a in proposals}
    assert Assignment.objects.holding_place().filter(volunteer=volunteer).count() == 1
