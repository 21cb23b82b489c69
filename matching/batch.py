"""Batch proposal: the best set of assignments for all open requests at once.

Per-request suggestions (``selectors.suggestions``) run the hard rules in SQL,
one query per request. For thousands of open requests that is too slow, so
here the facts that the rules read are loaded once, in a fixed number of
queries (``Register.load``), indexed by reachable district and availability
cell and by skill, and the same rules as ``eligibility.eligible_volunteers``
run in Python (``Register.eligible``; a test holds both to the same answers).
Each request then gets a bounded pool of eligible volunteers, scored by the
engine; its best ``EDGES_PER_REQUEST`` become the edges of
``optimizer.optimise`` and, for comparison, of ``optimizer.greedy``.

Staff review the plan; ``batch_apply`` proposes the chosen pairs through
``services.assignment_propose``, which checks every rule again under locks.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import IntegrityError, OperationalError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from matching import engine, optimizer
from matching.facts import (
    POOL_PER_REQUEST,
    Register,
    RequestFacts,
    VolunteerFacts,
    open_requests,
    request_facts,
)
from matching.models import Assignment, HelpRequest
from matching.reasons import recorder
from matching.services import MatchingError, assignment_propose
from registry.models import (
    Volunteer,
)

# Edges kept per request; the exact solver's time budget, in seconds (past it
# optimise keeps the better of the solver's best and greedy's per component).
EDGES_PER_REQUEST = 10
OPTIMISE_SECONDS = 30.0


# --- The batch plan --------------------------------------------------------------


@dataclass(frozen=True)
class PairDetail:
    score: float
    # Stored form (matching.reasons.record), put into words when shown.
    reasons: tuple[dict, ...]


@dataclass
class BatchResult:
    optimised: optimizer.Plan
    greedy: optimizer.Plan
    requests: list[optimizer.BatchRequest]
    volunteers: list[optimizer.BatchVolunteer]
    edges: list[optimizer.Edge]
    # Score and reasons of every pair in either plan.
    details: dict[tuple[int, int], PairDetail]
    # Seconds: "load" (queries), "build" (rules, pools, scores), "optimise",
    # "greedy".
    timings: dict[str, float]


def _batch_volunteer(v: VolunteerFacts) -> optimizer.BatchVolunteer:
    # The places still held (Register.load reads only those) with their hours:
    # the plan keeps the weekly limit on every day beside them and beside the
    # pairs it picks (optimizer.hours_fit, the peak rule of every other check),
    # so its pairs can be accepted in any order.
    return optimizer.BatchVolunteer(
        id=v.id,
        max_hours=v.max_hours_per_week,
        busy=tuple(
            optimizer.BusyPeriod(c.slots, c.date_from, c.date_to, c.cents / 100)
            for c in v.commitments
        ),
    )


def _batch_request(r: RequestFacts) -> optimizer.BatchRequest:
    return optimizer.BatchRequest(
        id=r.id,
        needed=r.free,
        weekly_hours=r.cents / 100,
        slots=r.slots,
        date_from=r.date_from,
        date_to=r.date_to,
        urgency=r.urgency,
    )


def batch_plan(
    *,
    requests: QuerySet[HelpRequest] | None = None,
    time_limit: float = OPTIMISE_SECONDS,
) -> BatchResult:
    """The optimised and the greedy plan for the open requests (``requests``
    narrows them), with the score and reasons of every pair they pick."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    today = timezone.localdate()
    chosen = open_requests(today)
    if requests is not None:
        chosen = chosen.filter(pk__in=requests.values("pk"))
    facts = [r for r in request_facts(chosen) if r.free > 0 and r.slots]
    since = min((r.date_from for r in facts), default=today)
    register = Register.load(since=since, barred_on=chosen)
    timings["load"] = time.perf_counter() - started

    started = time.perf_counter()
    edges, suggestions = _edges(register, facts)
    batch_requests = [_batch_request(r) for r in facts]
    batch_volunteers = [
        _batch_volunteer(register.volunteers[vid])
        for vid in sorted({e.volunteer_id for e in edges})
    ]
    timings["build"] = time.perf_counter() - started

    optimised = optimizer.optimise(
        batch_requests, batch_volunteers, edges, time_limit=time_limit
    )
    timings["optimise"] = optimised.seconds
    greedy = optimizer.greedy(batch_requests, batch_volunteers, edges)
    timings["greedy"] = greedy.seconds
    details = _details(
        suggestions,
        {(e.request_id, e.volunteer_id) for e in optimised.pairs + greedy.pairs},
    )
    return BatchResult(
        optimised=optimised,
        greedy=greedy,
        requests=batch_requests,
        volunteers=batch_volunteers,
        edges=edges,
        details=details,
        timings={k: round(v, 3) for k, v in timings.items()},
    )


def _edges(register: Register, facts: Iterable[RequestFacts]):
    """Each request's best ``EDGES_PER_REQUEST`` volunteers of its pool, as
    edges of the batch graph, and the engine's suggestion for each."""
    edges, suggestions = [], {}
    for r in facts:
        pool = register.pool(r, limit=POOL_PER_REQUEST)
        ranked = engine.rank(
            register.request_input(r),
            (register.candidate_input(r, v) for v in pool),
            limit=EDGES_PER_REQUEST,
        )
        for s in ranked:
            edges.append(optimizer.Edge(r.id, s.candidate_id, s.score))
            suggestions[(r.id, s.candidate_id)] = s
    return edges, suggestions


def _details(suggestions, pairs) -> dict[tuple[int, int], PairDetail]:
    to_records = recorder()
    return {
        pair: PairDetail(
            score=suggestions[pair].score, reasons=to_records(suggestions[pair].reasons)
        )
        for pair in sorted(pairs)
    }


# --- Applying a reviewed plan ----------------------------------------------------


def batch_apply(
    *,
    actor,
    pairs: Iterable[tuple[int, int]],
    details: Mapping[tuple[int, int], PairDetail] | None = None,
) -> tuple[list[Assignment], list[str]]:
    """Proposes each (request id, volunteer id) pair through
    ``services.assignment_propose``, each in its own transaction, so a pair is
    made whole or not at all: a pair the rules refuse now (somebody acted since
    the plan was made), or one the database could not take in time, is
    reported with its reason and the others go on."""
    pairs = list(pairs)
    details = details or {}
    requests = HelpRequest.objects.select_related("beneficiary", "institution").in_bulk(
        {rid for rid, _vid in pairs}
    )
    volunteers = Volunteer.objects.in_bulk({vid for _rid, vid in pairs})
    created, errors = [], []
    for rid, vid in pairs:
        request, volunteer = requests.get(rid), volunteers.get(vid)
        if request is None or volunteer is None:
            errors.append(
                f"#{rid} – #{vid}: "
                + _("The request or the volunteer no longer exists.")
            )
            continue
        made = _propose_pair(actor, request, volunteer, details.get((rid, vid)))
        if isinstance(made, Assignment):
            created.append(made)
        else:
            errors.append(
                f"„{request}”, {request.date_from:%d.%m.%Y}, {request.party} – "
                f"{volunteer}: {made}"
            )
    return created, errors


def _propose_pair(actor, request, volunteer, detail) -> Assignment | str:
    """The assignment proposed, or why it was not (nothing of it is saved)."""
    try:
        with transaction.atomic():
            return assignment_propose(
                actor=actor,
                request=request,
                volunteer=volunteer,
                score=detail.score if detail else 0,
                reasons=detail.reasons if detail else (),
            )
    except MatchingError as error:
        return error.message
    except IntegrityError:
        # Another coordinator proposed the same pair at the same moment.
        return _("The volunteer is already directed to this request.")
    except OperationalError:
        # The database stayed busy past its timeout (SQLite's write lock, a
        # PostgreSQL deadlock): the pair's transaction was rolled back.
        return _("The database was busy and this pair was not proposed; try again.")
