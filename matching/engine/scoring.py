"""Scoring one volunteer against one request, with the reasons, and ranking
candidates."""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from matching.engine.schedule import (
    PART_HOURS,
    Slot,
    _hhmm,
    _overlap,
    _union_minutes,
    distance_km,
)


@dataclass(frozen=True)
class Weights:
    """Every weight of the scoring and of the batch objective, in one place."""

    # Per required skill the volunteer has (one who lacks any is not a
    # candidate at all: ``missing_skills``).
    required_skill: float = 10.0
    # Per nice-to-have skill the volunteer has.
    nice_skill: float = 3.0
    # Times the fraction of the request's weekly hours the volunteer is free for.
    availability: float = 20.0
    same_district: float = 8.0
    # Per kilometre between districts (a penalty), capped.
    distance_per_km: float = -0.5
    distance_cap: float = -10.0
    # The volunteer already helped this beneficiary / institution.
    continuity: float = 12.0
    # The request's category is among the volunteer's interests.
    interest: float = 4.0
    # Per other active assignment: spreads the work, avoids burnout.
    load_per_assignment: float = -2.0
    # The request's weekly hours do not fit under the volunteer's weekly cap.
    over_hours_cap: float = -30.0
    # Batch objective (matching.optimizer): every filled place is worth
    # ``fill_bonus`` plus ``urgency_bonus`` per urgency level plus the score, so
    # filling places comes first, urgent requests next, the score last (a score
    # rarely reaches ``urgency_bonus``; three levels stay under ``fill_bonus``).
    fill_bonus: float = 1000.0
    urgency_bonus: float = 100.0


WEIGHTS = Weights()


# The order reasons are listed in, and every code there is.
REASON_CODES = (
    "required_skill",
    "nice_skill",
    "availability",
    "no_availability",
    "same_district",
    "distance",
    "continuity",
    "interest",
    "load",
    "hours_cap",
)


@dataclass(frozen=True)
class RequestInput:
    id: int
    category_id: int
    district_id: int | None
    location: tuple[float, float] | None  # (lat, lon) of the request's district
    required_skills: frozenset[int]
    nice_skills: frozenset[int]
    slots: tuple[Slot, ...]  # weekly; a one-off date gives one slot on its weekday
    party_key: str  # "b:<id>" beneficiary or "i:<id>" institution (continuity)
    weekly_hours: float
    needed: int
    urgency: int  # 0 low, 1 normal, 2 high, 3 critical
    date_from: dt.date
    date_to: dt.date


@dataclass(frozen=True)
class CandidateInput:
    id: int
    district_id: int | None
    location: tuple[float, float] | None
    skills: frozenset[int]
    interests: frozenset[int]  # category ids
    availability: frozenset[tuple[int, str]]  # (weekday, "morning"|...)
    active_assignments: int
    helped_parties: frozenset[str]  # party_keys this volunteer already helped
    hours_committed: float  # weekly hours already taken by other assignments
    max_hours_per_week: int


@dataclass(frozen=True)
class Reason:
    """One signed contribution to a score; ``params`` hold ids and numbers only.

    Params by code: skills ``{"skill_ids": [..]}``; availability
    ``{"slots": [(weekday, "HH:MM", "HH:MM"), ..], "fraction": 0.5}``;
    distance ``{"km": 3.2}``; continuity ``{"party": "b"|"i"}``;
    interest ``{"category_id": id}``; load ``{"count": n}``;
    hours_cap ``{"hours_left": h, "weekly_hours": h}``.
    """

    code: str
    points: float
    params: dict = field(default_factory=dict)


# The reasons being collected, or None when only the score is asked for.
Reasons = list[Reason] | None


@dataclass(frozen=True)
class Suggestion:
    candidate_id: int
    score: float
    reasons: tuple[Reason, ...]


class _RequestView:
    """What scoring needs from one request, worked out once for all candidates."""

    def __init__(self, request: RequestInput):
        self.request = request
        self.slots = tuple(request.slots)
        self.required = frozenset(request.required_skills)
        self.nice = frozenset(request.nice_skills) - self.required
        self.wanted = _union_minutes(self.slots)
        # Parts of the day are disjoint, so the minutes a volunteer is free for
        # are the sum over their cells of what each cell covers of the request.
        self.cell_minutes: dict[tuple[int, str], int] = {}
        for weekday in {s.weekday for s in self.slots}:
            for part in PART_HOURS:
                cell = (weekday, part)
                minutes = sum(
                    s.minutes for s in _overlap(self.slots, frozenset({cell}))
                )
                if minutes:
                    self.cell_minutes[cell] = minutes
        self.party = request.party_key.split(":", 1)[0] if request.party_key else ""
        self.km: dict[tuple[float, float] | None, float | None] = {}

    def distance(self, location: tuple[float, float] | None) -> float | None:
        try:
            return self.km[location]
        except KeyError:
            km = self.km[location] = distance_km(self.request.location, location)
            return km


@lru_cache(maxsize=1024)
def _cached_view(request: RequestInput) -> _RequestView:
    return _RequestView(request)


def _view(request: RequestInput) -> _RequestView:
    try:
        return _cached_view(request)
    except TypeError:  # a field is unhashable (a list, say): no caching then
        return _RequestView(request)


def _evaluate(
    view: _RequestView, c: CandidateInput, w: Weights, explain: bool
) -> tuple[float, list[Reason]]:
    """The score (the rounded sum of the rounded points) and, if asked, reasons.

    One code path for both, so ``rank`` can score every candidate cheaply and
    explain only the ones it keeps, with the very same numbers. Each part adds
    its points to the running total in the same order, so the sum is the same
    to the last bit whether reasons are asked for or not.
    """
    reasons: Reasons = [] if explain else None
    total = 0.0
    if view.required or view.nice:
        total = _skill_points(view, c, w, total, reasons)
    if view.slots:
        total = _availability_points(view, c, w, total, reasons)
    total = _place_points(view, c, w, total, reasons)
    total = _people_points(view, c, w, total, reasons)
    return round(total, 2), reasons or []


def _skill_points(
    view: _RequestView, c: CandidateInput, w: Weights, total: float, reasons: Reasons
) -> float:
    if view.required:
        has = view.required & c.skills
        total = _has_skills("required_skill", has, w.required_skill, total, reasons)
    if view.nice:
        has = view.nice & c.skills
        total = _has_skills("nice_skill", has, w.nice_skill, total, reasons)
    return total


def _has_skills(
    code: str, has: frozenset[int], weight: float, total: float, reasons: Reasons
) -> float:
    """The points for the request's skills (required or nice) the volunteer has."""
    if not has:
        return total
    points = round(weight * len(has), 2)
    if reasons is not None:
        reasons.append(Reason(code, points, {"skill_ids": sorted(has)}))
    return total + points


def _availability_points(
    view: _RequestView, c: CandidateInput, w: Weights, total: float, reasons: Reasons
) -> float:
    minutes = view.cell_minutes
    # A list, not a generator: Python inlines list comprehensions (this runs
    # for every candidate of every request).
    covered = sum([minutes[cell] for cell in c.availability if cell in minutes])
    if not covered:
        if reasons is not None:
            reasons.append(Reason("no_availability", 0.0, {}))
        return total
    fraction = round(min(1.0, covered / view.wanted), 2)
    points = round(w.availability * fraction, 2)
    if reasons is not None:
        cells = frozenset(cell for cell in c.availability if cell in minutes)
        free = _overlap(view.slots, cells)
        slots = [(s.weekday, _hhmm(s.start), _hhmm(s.end)) for s in free]
        params = {"slots": slots, "fraction": fraction}
        reasons.append(Reason("availability", points, params))
    return total + points


def _place_points(
    view: _RequestView, c: CandidateInput, w: Weights, total: float, reasons: Reasons
) -> float:
    district_id = view.request.district_id
    if district_id is not None and district_id == c.district_id:
        points = round(w.same_district, 2)
        if reasons is not None:
            reasons.append(Reason("same_district", points, {}))
        return total + points
    km = view.distance(c.location)
    if km is None or km < 0.05:
        return total
    points = round(max(w.distance_cap, w.distance_per_km * km), 2)
    if reasons is not None:
        reasons.append(Reason("distance", points, {"km": round(km, 1)}))
    return total + points


def _people_points(
    view: _RequestView, c: CandidateInput, w: Weights, total: float, reasons: Reasons
) -> float:
    """Continuity, interest, the volunteer's load and weekly hours cap."""
    request = view.request
    if view.party and request.party_key in c.helped_parties:
        points = round(w.continuity, 2)
        total += points
        if reasons is not None:
            reasons.append(Reason("continuity", points, {"party": view.party}))
    if request.category_id in c.interests:
        points = round(w.interest, 2)
        total += points
        if reasons is not None:
            params = {"category_id": request.category_id}
            reasons.append(Reason("interest", points, params))
    if c.active_assignments > 0:
        points = round(w.load_per_assignment * c.active_assignments, 2)
        total += points
        if reasons is not None:
            reasons.append(Reason("load", points, {"count": c.active_assignments}))
    hours_left = c.max_hours_per_week - c.hours_committed
    if request.weekly_hours > hours_left + 1e-9:
        points = round(w.over_hours_cap, 2)
        total += points
        if reasons is not None:
            params = {
                "hours_left": round(max(0.0, hours_left), 2),
                "weekly_hours": request.weekly_hours,
            }
            reasons.append(Reason("hours_cap", points, params))
    return total


def missing_skills(required: frozenset[int], skills: frozenset[int]) -> frozenset[int]:
    """The request's required skills the volunteer lacks. Required skills are
    a hard rule of matching (docs/ARCHITECTURE.md, Rules): with any missing,
    the volunteer is not a candidate; ``eligibility`` holds its SQL form."""
    return frozenset(required) - frozenset(skills)


def score_candidate(
    request: RequestInput, candidate: CandidateInput, *, weights: Weights = WEIGHTS
) -> Suggestion:
    """Score one volunteer for one request, with a reason for every point."""
    score, reasons = _evaluate(_view(request), candidate, weights, True)
    return Suggestion(candidate.id, score, tuple(reasons))


def rank(
    request: RequestInput,
    candidates: Iterable[CandidateInput],
    *,
    limit: int | None = None,
    weights: Weights = WEIGHTS,
) -> list[Suggestion]:
    """Suggestions sorted by score (best first), ties by candidate id ascending.
    A candidate who lacks a required skill is left out (``missing_skills``).

    With a ``limit`` every candidate is scored but only the kept ones are
    explained (reasons cost more than the score).
    """
    view = _view(request)
    if view.required:
        candidates = [c for c in candidates if view.required <= c.skills]
    if limit is None:
        scored = [
            Suggestion(c.id, *_evaluate_tuple(view, c, weights)) for c in candidates
        ]
        return sorted(scored, key=lambda s: (-s.score, s.candidate_id))
    keyed = [(-_evaluate(view, c, weights, False)[0], c.id, c) for c in candidates]
    best = heapq.nsmallest(max(0, limit), keyed, key=lambda k: (k[0], k[1]))
    return [Suggestion(c.id, *_evaluate_tuple(view, c, weights)) for _, _, c in best]


def _evaluate_tuple(
    view: _RequestView, c: CandidateInput, w: Weights
) -> tuple[float, tuple[Reason, ...]]:
    score, reasons = _evaluate(view, c, w, True)
    return score, tuple(reasons)
