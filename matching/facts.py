"""The facts the hard rules of matching read, loaded in bulk and indexed.

For thousands of open requests, running ``eligibility.eligible_volunteers``
once per request is too slow. ``Register.load`` reads the facts of every
active volunteer in a fixed number of queries, indexes them by reachable
district, availability cell and skill, and ``Register.eligible`` applies the
same rules in Python (a test holds both to the same answers). The batch
proposal (``matching.batch``) and the demo data use it.
"""

from __future__ import annotations

import datetime as dt
import heapq
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import chain, groupby
from operator import itemgetter

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from matching import engine
from matching.eligibility import SlotSpec, overlapping_parts, weekly_hours
from matching.models import Assignment, HelpRequest, RequestSlot, party_key
from registry import rules
from registry.models import Availability, District, Volunteer

# Eligible volunteers scored per request: bounds the work whatever the
# register's size (see benchmarks/bench_matching.py).
POOL_PER_REQUEST = 60
# Spreads the pools of different requests over the register (Knuth's
# multiplicative hash of the request id picks where each pool starts).
_SPREAD = 2654435761


def _cents(hours) -> int:
    return int((Decimal(hours) * 100).to_integral_value())


@dataclass(frozen=True, slots=True)
class Commitment:
    """An accepted or active assignment: it binds the volunteer's time."""

    request_id: int
    date_from: dt.date
    date_to: dt.date
    cents: int  # weekly hours × 100
    slots: tuple[engine.Slot, ...]


@dataclass(slots=True)
class VolunteerFacts:
    id: int
    district_id: int | None
    birth_date: dt.date
    guardian_consent: bool
    has_driving_licence: bool
    criminal_record_checked_on: dt.date | None
    sex_offender_register_checked_on: dt.date | None
    criminal_record_scope_confirmed: bool
    lived_abroad: bool
    abroad_document: str
    abroad_checked_on: dt.date | None
    standards_acknowledged_on: dt.date | None
    minors_engagement_ended_on: dt.date | None
    max_hours_per_week: int
    skills: frozenset[int] = frozenset()
    interests: frozenset[int] = frozenset()
    availability: frozenset[tuple[int, str]] = frozenset()
    reach: frozenset[int] = frozenset()  # reachable districts, own included
    commitments: list[Commitment] = field(default_factory=list)
    # Requests the volunteer may not be directed to: a live assignment there,
    # or one they declined or were cancelled on (Assignment.BARRING).
    barred_requests: set[int] = field(default_factory=set)
    active_assignments: int = 0
    helped_parties: set[str] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class RequestFacts:
    id: int
    party_key: str
    category_id: int
    district_id: int | None
    date_from: dt.date
    date_to: dt.date
    slots: tuple[engine.Slot, ...]
    needed: int
    free: int  # places not yet held by an accepted or active assignment
    urgency: int
    adults_only: bool = False
    involves_minors: bool = False
    driving_licence_required: bool = False
    required_skills: frozenset[int] = frozenset()
    nice_skills: frozenset[int] = frozenset()
    # Derived once, read for every volunteer the rules look at.
    cents: int = field(init=False)  # weekly hours × 100
    cells: frozenset[tuple[int, str]] = field(init=False)
    adult_born_by: dt.date = field(init=False)

    def __post_init__(self):
        specs = [SlotSpec(s.weekday, s.start, s.end) for s in self.slots]
        derived = {
            "cents": _cents(weekly_hours(specs)),
            "cells": frozenset(overlapping_parts(specs)),
            "adult_born_by": rules.adult_born_by(self.date_from),
        }
        for name, value in derived.items():
            object.__setattr__(self, name, value)


def request_facts(requests: QuerySet[HelpRequest]) -> list[RequestFacts]:
    """Facts of the requests, in four queries whatever their number."""
    slots: dict[int, list[engine.Slot]] = defaultdict(list)
    for rid, day, start, end in RequestSlot.objects.filter(
        request__in=requests.values("pk")
    ).values_list("request_id", "weekday", "start", "end"):
        slots[rid].append(engine.Slot(day, start, end))
    skills = {}
    for name in ("required_skills", "nice_skills"):
        by_request = defaultdict(set)
        through = getattr(HelpRequest, name).through
        for rid, sid in through.objects.filter(
            helprequest__in=requests.values("pk")
        ).values_list("helprequest_id", "skill_id"):
            by_request[rid].add(sid)
        skills[name] = by_request
    rows = requests.order_by().annotate(
        taken=Count(
            "assignments", filter=Q(assignments__status__in=Assignment.HOLDING_PLACE)
        )
    )
    return [
        RequestFacts(
            id=r["pk"],
            party_key=party_key(r["beneficiary_id"], r["institution_id"]),
            category_id=r["category_id"],
            district_id=r["district_id"],
            date_from=r["date_from"],
            date_to=r["date_to"],
            slots=tuple(sorted(slots[r["pk"]])),
            needed=r["needed"],
            free=max(0, r["needed"] - r["taken"]),
            urgency=r["urgency"],
            adults_only=r["adults_only"],
            involves_minors=r["involves_minors"],
            driving_licence_required=r["driving_licence_required"],
            required_skills=frozenset(skills["required_skills"][r["pk"]]),
            nice_skills=frozenset(skills["nice_skills"][r["pk"]]),
        )
        for r in rows.values(
            "pk",
            "beneficiary_id",
            "institution_id",
            "category_id",
            "district_id",
            "date_from",
            "date_to",
            "needed",
            "urgency",
            "adults_only",
            "involves_minors",
            "driving_licence_required",
            "taken",
        ).order_by("pk")
    ]


def open_requests(today: dt.date | None = None) -> QuerySet[HelpRequest]:
    """New or open requests that have not ended."""
    today = today or timezone.localdate()
    return HelpRequest.objects.open_for_matching().filter(date_to__gte=today)


# --- The register in memory ------------------------------------------------------


def _rotated(lists: Sequence[Sequence[int]], offset: int) -> Iterator[int]:
    """Ids of the sorted lists merged, from ``offset`` up, then wrapping round."""
    cuts = [bisect_left(ids, offset) for ids in lists]
    # Read in place, not sliced: a pool takes a few dozen of thousands of ids.
    tails = [_read(ids, cut, len(ids)) for ids, cut in zip(lists, cuts, strict=True)]
    heads = [_read(ids, 0, cut) for ids, cut in zip(lists, cuts, strict=True)]
    return chain(heapq.merge(*tails), heapq.merge(*heads))


def _read(ids: Sequence[int], start: int, stop: int) -> Iterator[int]:
    return map(ids.__getitem__, range(start, stop))


class Register:
    """The facts the hard rules and the scoring read, for every active
    volunteer, indexed by (reachable district, availability cell) and by
    (skill, availability cell)."""

    def __init__(
        self,
        volunteers: dict[int, VolunteerFacts],
        locations: Mapping[int, tuple[float, float]],
    ):
        self.volunteers = volunteers
        self.locations = dict(locations)
        self.by_cell: dict[tuple, list[int]] = defaultdict(list)
        self.by_skill: dict[tuple, list[int]] = defaultdict(list)
        self.ids = sorted(volunteers)
        for vid in self.ids:
            v = volunteers[vid]
            for cell in v.availability:
                self.by_cell[(None, cell)].append(vid)
                for district_id in (v.reach | {v.district_id}) - {None}:
                    self.by_cell[(district_id, cell)].append(vid)
                for skill_id in v.skills:
                    self.by_skill[(skill_id, cell)].append(vid)
        self.spread = max(volunteers, default=0) + 1
        self._inputs: dict[int, engine.CandidateInput] = {}

    # -- loading ---------------------------------------------------------------

    @classmethod
    def load(cls, *, since: dt.date, barred_on: QuerySet[HelpRequest] | None = None):
        """Every active volunteer's facts, in a fixed number of queries.

        ``since``: accepted or active assignments ending before it are left
        out (they cannot clash with the requests considered). ``barred_on``:
        the requests whose assignments keep their volunteer from another one
        there (``Assignment.BARRING``)."""
        volunteers = {
            row[0]: VolunteerFacts(*row)
            for row in Volunteer.objects.active()
            .not_anonymised()
            .values_list(
                "pk",
                "district_id",
                "birth_date",
                "guardian_consent",
                "has_driving_licence",
                "criminal_record_checked_on",
                "sex_offender_register_checked_on",
                "criminal_record_scope_confirmed",
                "lived_abroad",
                "abroad_document",
                "abroad_checked_on",
                "standards_acknowledged_on",
                "minors_engagement_ended_on",
                "max_hours_per_week",
            )
            .order_by()
        }
        _load_relations(volunteers)
        _load_commitments(volunteers, since=since)
        if barred_on is not None:
            for rid, vid in (
                Assignment.objects.barring()
                .filter(request__in=barred_on.values("pk"))
                .values_list("request_id", "volunteer_id")
            ):
                if vid in volunteers:
                    volunteers[vid].barred_requests.add(rid)
        locations = {
            pk: (float(lat), float(lon))
            for pk, lat, lon in District.objects.values_list(
                "pk", "latitude", "longitude"
            )
        }
        return cls(volunteers, locations)

    # -- the hard rules --------------------------------------------------------

    def eligible(self, r: RequestFacts, v: VolunteerFacts, cells=None) -> bool:
        """``eligibility.eligible_volunteers``'s rules for one volunteer."""
        if r.id in v.barred_requests:
            return False
        # Adults pass the age rules at once; only minors need the whole rule.
        if v.birth_date > r.adult_born_by and (
            r.adults_only
            or not rules.may_work_on(
                birth_date=v.birth_date,
                guardian_consent=v.guardian_consent,
                day=r.date_from,
            )
        ):
            return False
        if r.involves_minors and not rules.vetting_valid_on(v, r.date_from):
            return False
        if r.driving_licence_required and not v.has_driving_licence:
            return False
        if r.required_skills and engine.missing_skills(r.required_skills, v.skills):
            return False
        if v.availability.isdisjoint(r.cells if cells is None else cells):
            return False
        if (
            r.district_id is not None
            and r.district_id != v.district_id
            and r.district_id not in v.reach
        ):
            return False
        overlapping = []
        for c in v.commitments:
            if engine.periods_overlap(c.date_from, c.date_to, r.date_from, r.date_to):
                # The clash rule (engine.schedules_clash), dates already known.
                if engine.slots_overlap(c.slots, r.slots):
                    return False
                overlapping.append((c.date_from, c.date_to, c.cents))
        peak = engine.peak_load(overlapping, r.date_from, r.date_to)
        return peak <= v.max_hours_per_week * 100 - r.cents

    def committed_cents(self, r: RequestFacts, v: VolunteerFacts) -> int:
        """The weekly hours × 100 the volunteer's places take in the request's
        period at its busiest (``engine.peak_load``)."""
        return engine.peak_load(
            ((c.date_from, c.date_to, c.cents) for c in v.commitments),
            r.date_from,
            r.date_to,
        )

    # -- the pool --------------------------------------------------------------

    def _skilled(self, r: RequestFacts, cells, offset: int) -> Iterator[int]:
        """Volunteers free at the request's times with its rarest required
        skill: every candidate has them all (``eligible`` checks the rest)."""
        rarest = min(
            sorted(r.required_skills),
            key=lambda s: sum(len(self.by_skill.get((s, c), ())) for c in cells),
        )
        return _rotated([self.by_skill.get((rarest, c), ()) for c in cells], offset)

    def pool(
        self, r: RequestFacts, *, limit: int, offset: int | None = None
    ) -> list[VolunteerFacts]:
        """Up to ``limit`` eligible volunteers, from ``offset`` on by id."""
        if offset is None:
            offset = r.id * _SPREAD % self.spread
        cells = sorted(r.cells)
        if r.required_skills:
            order = self._skilled(r, cells, offset)
        else:
            order = _rotated(
                [self.by_cell.get((r.district_id, c), ()) for c in cells], offset
            )
        seen: set[int] = set()
        found: list[VolunteerFacts] = []
        for vid in order:
            if vid in seen:
                continue
            seen.add(vid)
            v = self.volunteers[vid]
            if self.eligible(r, v, cells):
                found.append(v)
                if len(found) >= limit:
                    break
        return found

    # -- engine inputs and changes ---------------------------------------------

    def request_input(self, r: RequestFacts) -> engine.RequestInput:
        return engine.RequestInput(
            id=r.id,
            category_id=r.category_id,
            district_id=r.district_id,
            location=self.locations.get(r.district_id),
            required_skills=r.required_skills,
            nice_skills=r.nice_skills,
            slots=r.slots,
            party_key=r.party_key,
            weekly_hours=r.cents / 100,
            needed=r.needed,
            urgency=r.urgency,
            date_from=r.date_from,
            date_to=r.date_to,
        )

    def candidate_input(
        self, r: RequestFacts, v: VolunteerFacts
    ) -> engine.CandidateInput:
        # Most volunteers hold no place and have helped nobody yet: their
        # input is the same for every request, so it is built once.
        plain = not v.commitments and not v.helped_parties
        if plain and (known := self._inputs.get(v.id)) is not None:
            return known
        made = engine.CandidateInput(
            id=v.id,
            district_id=v.district_id,
            location=self.locations.get(v.district_id),
            skills=v.skills,
            interests=v.interests,
            availability=v.availability,
            active_assignments=v.active_assignments,
            helped_parties=frozenset(
                {r.party_key} if r.party_key in v.helped_parties else ()
            ),
            hours_committed=self.committed_cents(r, v) / 100,
            max_hours_per_week=v.max_hours_per_week,
        )
        if plain:
            self._inputs[v.id] = made
        return made

    def record(self, r: RequestFacts, v: VolunteerFacts, status: str) -> None:
        """Keeps the facts true after an assignment of ``v`` to ``r`` with the
        given status was made (the demo data builds on this)."""
        self._inputs.pop(v.id, None)
        if status in Assignment.BARRING:
            v.barred_requests.add(r.id)
        if status in Assignment.HOLDING_PLACE:
            v.commitments.append(
                Commitment(r.id, r.date_from, r.date_to, r.cents, r.slots)
            )
        if status == Assignment.Status.ACTIVE:
            v.active_assignments += 1
        if status in (Assignment.Status.ACTIVE, Assignment.Status.COMPLETED):
            v.helped_parties.add(r.party_key)


def _load_relations(volunteers: dict[int, VolunteerFacts]) -> None:
    """Skills, interests, reachable districts and free cells. The link tables
    are read whole: a join with the volunteer's status costs more than
    skipping the few rows of inactive volunteers here. Their rows come
    mostly in runs of one volunteer's (written together): a run makes a set
    at once, without a Python step per row (a million rows at 100,000)."""
    for attr, through, column in (
        ("skills", Volunteer.skills.through, "skill_id"),
        ("interests", Volunteer.interests.through, "category_id"),
        ("reach", Volunteer.reachable_districts.through, "district_id"),
    ):
        rows = through.objects.values_list("volunteer_id", column).order_by()
        _set_runs(volunteers, attr, rows, itemgetter(1))
    rows = Availability.objects.values_list("volunteer_id", "weekday", "part")
    _set_runs(volunteers, "availability", rows.order_by(), itemgetter(1, 2))


def _set_runs(volunteers: dict[int, VolunteerFacts], attr: str, rows, value) -> None:
    found: dict[int, frozenset] = {}
    for vid, run in groupby(rows, key=itemgetter(0)):
        values = frozenset(map(value, run))
        # A volunteer whose rows are apart (added later) has several runs.
        found[vid] = found[vid] | values if vid in found else values
    for vid, values in found.items():
        if vid in volunteers:
            setattr(volunteers[vid], attr, values)


def _load_commitments(volunteers: dict[int, VolunteerFacts], *, since: dt.date):
    holding = list(
        Assignment.objects.holding_place()
        .filter(date_to__gte=since)
        .values_list(
            "volunteer_id", "request_id", "date_from", "date_to", "weekly_hours"
        )
    )
    slots: dict[int, list[engine.Slot]] = defaultdict(list)
    for rid, day, start, end in RequestSlot.objects.filter(
        request__in=Assignment.objects.holding_place()
        .filter(date_to__gte=since)
        .values("request_id")
    ).values_list("request_id", "weekday", "start", "end"):
        slots[rid].append(engine.Slot(day, start, end))
    for vid, rid, date_from, date_to, hours in holding:
        if vid in volunteers:
            volunteers[vid].commitments.append(
                Commitment(rid, date_from, date_to, _cents(hours), tuple(slots[rid]))
            )
    for vid, status, beneficiary_id, institution_id in Assignment.objects.filter(
        status__in=[Assignment.Status.ACTIVE, Assignment.Status.COMPLETED]
    ).values_list(
        "volunteer_id", "status", "request__beneficiary_id", "request__institution_id"
    ):
        v = volunteers.get(vid)
        if v is None:
            continue
        v.helped_parties.add(party_key(beneficiary_id, institution_id))
        if status == Assignment.Status.ACTIVE:
            v.active_assignments += 1
