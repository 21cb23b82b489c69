"""Weekly slots and date ranges: when two schedules overlap (the clash rule),
how much of a request a volunteer is free for, and distances."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

# The hours each part of the day stands for. The same table as
# registry.models.Availability.PART_HOURS, repeated here because this module
# must not import Django.
PART_HOURS: Mapping[str, tuple[dt.time, dt.time]] = {
    "morning": (dt.time(8), dt.time(12)),
    "afternoon": (dt.time(12), dt.time(16)),
    "evening": (dt.time(16), dt.time(20)),
}


@dataclass(frozen=True, order=True)
class Slot:
    """One weekly time window, [start, end) on a weekday (0 = Monday)."""

    weekday: int
    start: dt.time
    end: dt.time

    @property
    def minutes(self) -> int:
        return max(0, _minutes(self.end) - _minutes(self.start))


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


def peak_load(held: Iterable[tuple], date_from: dt.date, date_to: dt.date):
    """The weekly hours rule's measure: the most weekly hours the ``held``
    places (first day, last day, weekly hours as any number: a Decimal, cents,
    a float) add up to on any one day of ``date_from``–``date_to``. A new
    place of ``h`` hours a week fits a limit when ``peak_load + h`` stays
    within it, whatever order the places were taken in (docs/ARCHITECTURE.md,
    "Where each rule lives").

    A place counts on every day from its first to its last, both included: one
    ending the day before the period starts does not meet it, one ending on its
    first day does. The load grows only on a day a place starts, so its
    maximum over the period is reached on the period's first day or on the
    first day of a place starting within it: only those days are counted.
    Its SQL form is ``matching.eligibility.peak_hours``; a test holds the two
    to the same answers."""
    within = [
        (first, last, hours)
        for first, last, hours in held
        if periods_overlap(first, last, date_from, date_to)
    ]
    peak = 0
    for day in {max(first, date_from) for first, _last, _hours in within}:
        load = sum(hours for first, last, hours in within if first <= day <= last)
        peak = max(peak, load)
    return peak


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
