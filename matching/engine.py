"""The scoring core of matching: plain Python, no Django, no ORM.

It takes simple typed inputs (built from model rows by a thin layer elsewhere),
scores one volunteer against one help request and gives the reasons for the
score, so that staff see *why* someone is suggested. Every weight lives in
``WEIGHTS``; scores are rounded to two decimals and ties are broken by the
candidate's id, so the same inputs always give the same order.

Nothing here may import Django: the module is unit-tested and benchmarked on
its own (``benchmarks/bench_engine.py``).
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

# The hours each part of the day stands for. The same table as
# registry.models.Availability.PART_HOURS, repeated here because this module
# must not import Django.
PART_HOURS: Mapping[str, tuple[dt.time, dt.time]] = {
    "morning": (dt.time(8), dt.time(12)),
    "afternoon": (dt.time(12), dt.time(16)),
    "evening": (dt.time(16), dt.time(20)),
}


@dataclass(frozen=True)
class Weights:
    """Every weight of the scoring and of the batch objective, in one place."""

    # Per required skill the volunteer has / lacks (the SQL filter may let
    # partial matches through, so a missing one costs more than one gives).
    required_skill: float = 10.0
    missing_required_skill: float = -25.0
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
    "missing_required_skill",
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


@dataclass(frozen=True, order=True)
class Slot:
    """One weekly time window, [start, end) on a weekday (0 = Monday)."""

    weekday: int
    start: dt.time
    end: dt.time

    @property
    def minutes(self) -> int:
        return max(0, _minutes(self.end) - _minutes(self.start))


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


@dataclass(frozen=True)
class Suggestion:
    candidate_id: int
    score: float
    reasons: tuple[Reason, ...]


# --- time helpers ----------------------------------------------------------


def _minutes(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def _time(minutes: int) -> dt.time:
    return dt.time(minutes // 60, minutes % 60)


def _hhmm(t: dt.time) -> str:
    return t.strftime("%H:%M")


def slots_overlap(a: Sequence[Slot], b: Sequence[Slot]) -> bool:
    """True when some slot of ``a`` and some slot of ``b`` share time.

    Slots are half-open: 10:00–12:00 and 12:00–14:00 do not overlap.
    """
    for x in a:
        for y in b:
            if x.weekday == y.weekday and x.start < y.end and y.start < x.end:
                return True
    return False


def periods_overlap(
    a_from: dt.date, a_to: dt.date, b_from: dt.date, b_to: dt.date
) -> bool:
    """Two closed date ranges share a day."""
    return a_from <= b_to and b_from <= a_to


def schedules_clash(
    a: tuple[dt.date, dt.date, Sequence[Slot]],
    b: tuple[dt.date, dt.date, Sequence[Slot]],
) -> bool:
    """The clash rule: one volunteer cannot hold two assignments whose date
    ranges share a day and whose weekly slots share time. Its SQL form is
    ``matching.rules.clash_q``; a test holds the two to the same answers."""
    return periods_overlap(a[0], a[1], b[0], b[1]) and slots_overlap(a[2], b[2])


def availability_overlap(
    slots: Iterable[Slot], availability: Iterable[tuple[int, str]]
) -> list[Slot]:
    """The parts of the request's slots the volunteer is free for.

    Adjacent parts of the day join up (free mornings and afternoons cover a
    10:00–14:00 slot whole); the result is sorted by weekday and time.
    """
    return list(_overlap(tuple(slots), frozenset(availability)))


@lru_cache(maxsize=65536)
def _overlap(
    slots: tuple[Slot, ...], availability: frozenset[tuple[int, str]]
) -> tuple[Slot, ...]:
    free: dict[int, list[tuple[int, int]]] = {}
    for weekday, part in availability:
        hours = PART_HOURS.get(part)
        if hours is not None:
            free.setdefault(weekday, []).append(
                (_minutes(hours[0]), _minutes(hours[1]))
            )
    pieces: list[tuple[int, int, int]] = []
    for slot in slots:
        start, end = _minutes(slot.start), _minutes(slot.end)
        for free_start, free_end in free.get(slot.weekday, ()):
            lo, hi = max(start, free_start), min(end, free_end)
            if lo < hi:
                pieces.append((slot.weekday, lo, hi))
    pieces.sort()
    merged: list[list[int]] = []
    for weekday, lo, hi in pieces:
        if merged and merged[-1][0] == weekday and lo <= merged[-1][2]:
            merged[-1][2] = max(merged[-1][2], hi)
        else:
            merged.append([weekday, lo, hi])
    return tuple(Slot(w, _time(lo), _time(hi)) for w, lo, hi in merged)


def distance_km(
    a: tuple[float, float] | None, b: tuple[float, float] | None
) -> float | None:
    """Great-circle (haversine) distance in km, or None if a point is unknown."""
    if a is None or b is None:
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


# --- scoring ---------------------------------------------------------------


@lru_cache(maxsize=65536)
def _union_minutes(slots: tuple[Slot, ...]) -> int:
    """Minutes of the week the slots cover, counting shared time once."""
    total = 0
    last_day, last_end = -1, 0
    for slot in sorted(slots):
        start, end = _minutes(slot.start), _minutes(slot.end)
        if slot.weekday != last_day:
            last_day, last_end = slot.weekday, 0
        start = max(start, last_end)
        if start < end:
            total += end - start
            last_end = end
    return total


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
    explain only the ones it keeps, with the very same numbers.
    """
    request = view.request
    total = 0.0
    reasons: list[Reason] = []
    if view.required:
        has = view.required & c.skills
        if has:
            points = round(w.required_skill * len(has), 2)
            total += points
            if explain:
                reasons.append(
                    Reason("required_skill", points, {"skill_ids": sorted(has)})
                )
        if len(has) < len(view.required):
            missing = view.required - c.skills
            points = round(w.missing_required_skill * len(missing), 2)
            total += points
            if explain:
                reasons.append(
                    Reason(
                        "missing_required_skill",
                        points,
                        {"skill_ids": sorted(missing)},
                    )
                )
    if view.nice:
        nice = view.nice & c.skills
        if nice:
            points = round(w.nice_skill * len(nice), 2)
            total += points
            if explain:
                reasons.append(
                    Reason("nice_skill", points, {"skill_ids": sorted(nice)})
                )

    if view.slots:
        cells = [cell for cell in c.availability if cell in view.cell_minutes]
        covered = sum(view.cell_minutes[cell] for cell in cells)
        if covered:
            fraction = round(min(1.0, covered / view.wanted), 2)
            points = round(w.availability * fraction, 2)
            total += points
            if explain:
                free = _overlap(view.slots, frozenset(cells))
                slots = [(s.weekday, _hhmm(s.start), _hhmm(s.end)) for s in free]
                reasons.append(
                    Reason(
                        "availability",
                        points,
                        {"slots": slots, "fraction": fraction},
                    )
                )
        elif explain:
            reasons.append(Reason("no_availability", 0.0, {}))

    if request.district_id is not None and request.district_id == c.district_id:
        points = round(w.same_district, 2)
        total += points
        if explain:
            reasons.append(Reason("same_district", points, {}))
    else:
        km = view.distance(c.location)
        if km is not None and km >= 0.05:
            points = round(max(w.distance_cap, w.distance_per_km * km), 2)
            total += points
            if explain:
                reasons.append(Reason("distance", points, {"km": round(km, 1)}))

    if view.party and request.party_key in c.helped_parties:
        points = round(w.continuity, 2)
        total += points
        if explain:
            reasons.append(Reason("continuity", points, {"party": view.party}))
    if request.category_id in c.interests:
        points = round(w.interest, 2)
        total += points
        if explain:
            reasons.append(
                Reason("interest", points, {"category_id": request.category_id})
            )
    if c.active_assignments > 0:
        points = round(w.load_per_assignment * c.active_assignments, 2)
        total += points
        if explain:
            reasons.append(Reason("load", points, {"count": c.active_assignments}))
    hours_left = c.max_hours_per_week - c.hours_committed
    if request.weekly_hours > hours_left + 1e-9:
        points = round(w.over_hours_cap, 2)
        total += points
        if explain:
            reasons.append(
                Reason(
                    "hours_cap",
                    points,
                    {
                        "hours_left": round(max(0.0, hours_left), 2),
                        "weekly_hours": request.weekly_hours,
                    },
                )
            )
    return round(total, 2), reasons


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

    With a ``limit`` every candidate is scored but only the kept ones are
    explained (reasons cost more than the score).
    """
    view = _view(request)
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


# --- Polish descriptions ---------------------------------------------------

WEEKDAYS_PLURAL = (
    "w poniedziałki",
    "we wtorki",
    "w środy",
    "w czwartki",
    "w piątki",
    "w soboty",
    "w niedziele",
)


def plural_pl(n: int, one: str, few: str, many: str) -> str:
    """Pick the Polish plural form for ``n`` (1 / 2–4, 22–24… / the rest)."""
    n = abs(n)
    if n == 1:
        return one
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return few
    return many


def _names(ids: Iterable[int], names: Mapping[int, str]) -> str:
    return ", ".join(f"„{names.get(i, f'#{i}')}”" for i in ids)


def _number(x: float) -> str:
    text = f"{x:.1f}"
    return text.removesuffix(".0").replace(".", ",")


def _slots_text(slots: Iterable[Sequence]) -> str:
    by_day: dict[int, list[str]] = {}
    for weekday, start, end in slots:
        by_day.setdefault(int(weekday), []).append(f"{start}–{end}")
    return ", ".join(
        f"{WEEKDAYS_PLURAL[day]} {' i '.join(times)}"
        for day, times in sorted(by_day.items())
    )


def describe(
    reason: Reason,
    *,
    skill_names: Mapping[int, str],
    category_names: Mapping[int, str],
) -> str:
    """A short Polish sentence for a reason, e.g. 'mieszka w tej samej dzielnicy'."""
    p = reason.params
    code = reason.code
    if code in ("required_skill", "missing_required_skill", "nice_skill"):
        ids = p.get("skill_ids", [])
        many = len(ids) != 1
        text = {
            "required_skill": (
                "ma wymagane umiejętności" if many else "ma wymaganą umiejętność"
            ),
            "missing_required_skill": (
                "nie ma wymaganych umiejętności"
                if many
                else "nie ma wymaganej umiejętności"
            ),
            "nice_skill": (
                "ma przydatne umiejętności" if many else "ma przydatną umiejętność"
            ),
        }[code]
        return f"{text} {_names(ids, skill_names)}"
    if code == "availability":
        text = f"wolny(a) {_slots_text(p.get('slots', []))}"
        fraction = p.get("fraction", 1.0)
        if fraction < 1:
            text += f" ({round(fraction * 100)}% godzin zgłoszenia)"
        return text
    if code == "no_availability":
        return "nie jest wolny(a) w godzinach zgłoszenia"
    if code == "same_district":
        return "mieszka w tej samej dzielnicy"
    if code == "distance":
        return f"mieszka ok. {_number(p['km'])} km od miejsca pomocy"
    if code == "continuity":
        whom = "tej instytucji" if p.get("party") == "i" else "tej osobie"
        return f"już pomagał(a) {whom}"
    if code == "interest":
        name = category_names.get(p["category_id"], f"#{p['category_id']}")
        return f"interesuje się kategorią „{name}”"
    if code == "load":
        n = p["count"]
        rest = plural_pl(
            n,
            "inne aktywne skierowanie",
            "inne aktywne skierowania",
            "innych aktywnych skierowań",
        )
        return f"ma {n} {rest}"
    if code == "hours_cap":
        return (
            f"ma wolne tylko {_number(p['hours_left'])} h tygodniowo "
            f"(potrzeba {_number(p['weekly_hours'])} h)"
        )
    raise ValueError(f"Unknown reason code: {code}")
