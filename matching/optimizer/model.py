"""The batch problem: requests, volunteers, scored edges, plans, and the rules
a plan must keep."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from matching.engine import WEIGHTS, Slot, peak_load, schedules_clash

FILL_BONUS = WEIGHTS.fill_bonus


URGENCY_BONUS = WEIGHTS.urgency_bonus


EPS = 1e-9


@dataclass(frozen=True)
class BusyPeriod:
    """An assignment the volunteer already has: weekly slots over a date range,
    taking ``hours`` a week."""

    slots: tuple[Slot, ...]
    date_from: dt.date
    date_to: dt.date
    hours: float = 0.0


@dataclass(frozen=True)
class BatchRequest:
    id: int
    needed: int  # free places
    weekly_hours: float
    slots: tuple[Slot, ...]
    date_from: dt.date
    date_to: dt.date
    urgency: int


@dataclass(frozen=True)
class BatchVolunteer:
    id: int
    max_hours: float  # the weekly limit, on every day (``hours_fit``)
    busy: tuple[BusyPeriod, ...] = ()


@dataclass(frozen=True)
class Edge:
    request_id: int
    volunteer_id: int
    score: float


@dataclass(frozen=True)
class Plan:
    pairs: tuple[Edge, ...]  # sorted by (request_id, volunteer_id)
    filled: int
    total_score: float  # sum of the picked edges' scores
    method: str  # "greedy", "milp" or "brute_force"
    optimal: bool  # proven to maximise the objective
    seconds: float
    objective: float = 0.0  # sum of the picked edges' values (see module doc)

    def key(self) -> tuple[int, float]:
        """How plans compare: places filled first, then the objective."""
        return (self.filled, round(self.objective, 6))


def conflicts(r1: BatchRequest, r2: BatchRequest) -> bool:
    """One volunteer cannot take both (the clash rule)."""
    return schedules_clash(
        (r1.date_from, r1.date_to, r1.slots), (r2.date_from, r2.date_to, r2.slots)
    )


def clashes_with_busy(request: BatchRequest, volunteer: BatchVolunteer) -> bool:
    mine = (request.date_from, request.date_to, request.slots)
    return any(
        schedules_clash(mine, (b.date_from, b.date_to, b.slots)) for b in volunteer.busy
    )


def _periods(volunteer: BatchVolunteer, taken: Iterable[BatchRequest]) -> list:
    held = [(b.date_from, b.date_to, b.hours) for b in volunteer.busy]
    held.extend((t.date_from, t.date_to, t.weekly_hours) for t in taken)
    return held


def hours_fit(
    volunteer: BatchVolunteer, taken: Iterable[BatchRequest], request: BatchRequest
) -> bool:
    """The weekly hours rule (``engine.peak_load``, the one the services,
    the SQL filter and the fact register read): ``request`` fits beside the
    volunteer's held places and the requests the plan already gives them
    when, on the busiest day of its period, their hours and its own stay
    within the limit."""
    peak = peak_load(_periods(volunteer, taken), request.date_from, request.date_to)
    return peak + request.weekly_hours <= volunteer.max_hours + EPS


def hours_fit_all(volunteer: BatchVolunteer, requests: Sequence[BatchRequest]) -> bool:
    """The volunteer can take every one of ``requests`` at once: each fits
    beside all the others, so on no day is the limit passed, whatever order
    they are accepted in."""
    return all(
        hours_fit(volunteer, [*requests[:k], *requests[k + 1 :]], r)
        for k, r in enumerate(requests)
    )


def hours_rows(
    volunteer: BatchVolunteer, requests: Sequence[BatchRequest]
) -> list[tuple[tuple[int, ...], float]]:
    """The weekly hours rule over a choice among ``requests`` (each fitting
    alone, ``hours_fit``) as linear rows: the positions of the requests running
    on a day, and the hours left that day beside the held places. The load can
    only peak on a day something starts, so the days are the requests' first
    days and the held places' first days within a request's period. Only rows
    of two requests or more that can bind are given."""
    held = _periods(volunteer, ())
    days = {r.date_from for r in requests}
    days.update(
        b.date_from
        for b in volunteer.busy
        if any(r.date_from <= b.date_from <= r.date_to for r in requests)
    )
    rows: dict[tuple[int, ...], float] = {}
    for day in sorted(days):
        members = tuple(
            k for k, r in enumerate(requests) if r.date_from <= day <= r.date_to
        )
        if len(members) < 2:
            continue
        left = volunteer.max_hours - peak_load(held, day, day)
        if sum(requests[k].weekly_hours for k in members) > left + EPS:
            rows[members] = min(left, rows.get(members, left))
    return sorted(rows.items())


def edge_value(request: BatchRequest, score: float) -> float:
    """What one picked edge adds to the batch objective."""
    return FILL_BONUS + URGENCY_BONUS * request.urgency + score


class _Instance:
    """Requests and volunteers by id, and the edges that can be picked at all."""

    def __init__(self, requests, volunteers, edges):
        self.requests: dict[int, BatchRequest] = {r.id: r for r in requests}
        self.volunteers: dict[int, BatchVolunteer] = {v.id: v for v in volunteers}
        best: dict[tuple[int, int], Edge] = {}
        for e in edges:
            r = self.requests.get(e.request_id)
            v = self.volunteers.get(e.volunteer_id)
            if r is None or v is None or r.needed <= 0:
                continue
            if not hours_fit(v, (), r):
                continue
            if v.busy and clashes_with_busy(r, v):
                continue
            key = (e.request_id, e.volunteer_id)
            if key not in best or e.score > best[key].score:
                best[key] = e
        self.edges: list[Edge] = list(best.values())

    def value(self, e: Edge) -> float:
        return edge_value(self.requests[e.request_id], e.score)

    def fits(self, vid: int, taken: Iterable[int], request: BatchRequest) -> bool:
        """``hours_fit`` of ``request`` beside the requests (ids) ``taken``."""
        return hours_fit(
            self.volunteers[vid], [self.requests[rid] for rid in taken], request
        )


class _Conflicts:
    """Memoised ``conflicts`` between requests (by id)."""

    def __init__(self, requests: dict[int, BatchRequest]):
        self.requests = requests
        self.cache: dict[tuple[int, int], bool] = {}

    def __call__(self, a: int, b: int) -> bool:
        key = (a, b) if a < b else (b, a)
        hit = self.cache.get(key)
        if hit is None:
            hit = self.cache[key] = conflicts(self.requests[a], self.requests[b])
        return hit


def _plan(
    pairs: Iterable[Edge], inst: _Instance, method: str, optimal: bool, started
) -> Plan:
    pairs = tuple(sorted(pairs, key=lambda e: (e.request_id, e.volunteer_id)))
    return Plan(
        pairs=pairs,
        filled=len(pairs),
        total_score=round(sum(e.score for e in pairs), 2),
        method=method,
        optimal=optimal,
        seconds=round(time.perf_counter() - started, 4),
        objective=round(sum(inst.value(e) for e in pairs), 2),
    )


def _key(pairs: Sequence[Edge], inst: _Instance) -> tuple[int, float]:
    return (len(pairs), round(sum(inst.value(e) for e in pairs), 6))
