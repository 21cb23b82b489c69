"""The batch problem: requests, volunteers, scored edges, plans, and the rules
a plan must keep."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from matching.engine import WEIGHTS, Slot, schedules_clash

FILL_BONUS = WEIGHTS.fill_bonus


URGENCY_BONUS = WEIGHTS.urgency_bonus


EPS = 1e-9


@dataclass(frozen=True)
class BusyPeriod:
    """An assignment the volunteer already has: weekly slots over a date range."""

    slots: tuple[Slot, ...]
    date_from: dt.date
    date_to: dt.date


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
    hours_left: float  # weekly cap minus hours already committed
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
            if r.weekly_hours > v.hours_left + EPS:
                continue
            if v.busy and clashes_with_busy(r, v):
                continue
            key = (e.request_id, e.volunteer_id)
            if key not in best or e.score > best[key].score:
                best[key] = e
        self.edges: list[Edge] = list(best.values())

    def value(self, e: Edge) -> float:
        return edge_value(self.requests[e.request_id], e.score)


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
