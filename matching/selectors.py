"""Reads of matching: lists, suggestions with reasons, hour totals.

Suggestions are built in two steps: the hard rules run in SQL
(``eligibility.eligible_volunteers``), then a thin layer turns the rows into
the engine's plain inputs and the engine ranks them. The number of queries
does not depend on the number of volunteers.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import (
    BooleanField,
    ExpressionWrapper,
    Prefetch,
    Q,
    QuerySet,
    Sum,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from matching import eligibility, engine, rules
from matching.models import (
    Assignment,
    BatchProposal,
    CoverChain,
    CoverOffer,
    HelpRequest,
    HoursEntry,
    Programme,
    RequestSlot,
    VisitAbsence,
)
from matching.reasons import recorder, texts
from registry.models import Category, District, Skill, Volunteer
from volunteer_center.core.figures import Tables, kept_here

# Eligible volunteers scored in Python per request. Bounds the ranking time
# whatever the register's size; at 100,000 volunteers 400 cost three times as
# long as 100 (loading and scoring the rows), for a pool that is cut by id
# order anyway (benchmarks/RESULTS.md).
CANDIDATE_POOL = 100


def working_in(date_from: dt.date, date_to: dt.date, prefix: str = "") -> Q:
    """An assignment that makes its volunteer an active volunteer of a period:
    agreed or done work (accepted, active, completed) overlapping it. The one
    definition of "active volunteers" (docs/ARCHITECTURE.md): the dashboard,
    its monthly chart and the report count with it."""
    return Q(
        **{
            f"{prefix}status__in": Assignment.WORKING,
            f"{prefix}date_from__lte": date_to,
            f"{prefix}date_to__gte": date_from,
        }
    )


def active_volunteers(date_from: dt.date, date_to: dt.date) -> QuerySet[Volunteer]:
    """The volunteers who were active in the period (``working_in``)."""
    working = Assignment.objects.filter(working_in(date_from, date_to))
    return Volunteer.objects.filter(pk__in=working.values("volunteer_id"))


def active_volunteer_count(date_from: dt.date, date_to: dt.date) -> int:
    """How many volunteers ``active_volunteers`` holds, counted off the
    assignments alone: no join to the register of 100,000."""
    working = Assignment.objects.filter(working_in(date_from, date_to))
    return working.values("volunteer_id").distinct().count()


# The one access scope of each model (as in registry.selectors): all that a
# user's detail, edit and action pages may fetch.


def request_scope(user) -> QuerySet[HelpRequest]:
    return HelpRequest.objects.visible_to(user)


def assignment_scope(user) -> QuerySet[Assignment]:
    return Assignment.objects.visible_to(user)


def hours_scope(user) -> QuerySet[HoursEntry]:
    return HoursEntry.objects.filter(assignment__in=assignment_scope(user).values("pk"))


def programme_scope(user) -> QuerySet[Programme]:
    return Programme.objects.all()


def batch_scope(user) -> QuerySet[BatchProposal]:
    return BatchProposal.objects.all()


def cover_chain_scope(user) -> QuerySet[CoverChain]:
    """The cover chains of the requests the user may see."""
    return CoverChain.objects.filter(request__in=request_scope(user).values("pk"))


def request_list(user) -> QuerySet[HelpRequest]:
    return request_scope(user).select_related(
        "category", "district", "beneficiary", "institution"
    )


def request_detail(requests: QuerySet[HelpRequest]) -> QuerySet[HelpRequest]:
    return requests.select_related(
        "category",
        "district",
        "beneficiary__social_worker",
        "institution",
        "programme",
        "created_by",
    ).prefetch_related(
        "required_skills",
        "nice_skills",
        Prefetch("slots", queryset=RequestSlot.objects.order_by("weekday", "start")),
    )


def request_cover_chains(request: HelpRequest) -> QuerySet[CoverChain]:
    """The request's cover chains with every offer (two queries)."""
    return request.cover_chains.select_related("stopped_by").prefetch_related(
        Prefetch(
            "offers",
            queryset=CoverOffer.objects.select_related("volunteer").order_by(
                "created_at", "pk"
            ),
        )
    )


def request_absences(request: HelpRequest) -> QuerySet[VisitAbsence]:
    return VisitAbsence.objects.filter(
        assignment__request=request, date__gte=timezone.localdate()
    ).select_related("assignment__volunteer")


def host_entries(request: HelpRequest) -> QuerySet[HoursEntry]:
    """The hours logged on a request, for its host institution to confirm."""
    return (
        HoursEntry.objects.filter(assignment__request=request)
        .select_related("assignment__volunteer")
        .order_by("-date", "pk")
    )


def request_assignments(request: HelpRequest) -> QuerySet[Assignment]:
    return (
        request.assignments.select_related("volunteer", "proposed_by")
        .annotate(
            hours_total=Sum(
                "hours__hours", filter=~Q(hours__status=HoursEntry.Status.REJECTED)
            ),
            hours_approved=Sum(
                "hours__hours", filter=Q(hours__status=HoursEntry.Status.APPROVED)
            ),
        )
        .order_by("status", "pk")
    )


# --- Suggestions -----------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    volunteer: Volunteer
    score: float
    # Stored form (matching.reasons.record): kept as is when proposed.
    reasons: tuple[dict, ...]

    @property
    def reason_texts(self) -> list[str]:
        return texts(self.reasons)


def _location(district: District | None) -> tuple[float, float] | None:
    if district is None:
        return None
    return (float(district.latitude), float(district.longitude))


def request_input(
    request: HelpRequest, districts: dict[int, District]
) -> engine.RequestInput:
    slots = eligibility.request_slots(request)
    return engine.RequestInput(
        id=request.pk,
        category_id=request.category_id,
        district_id=request.district_id,
        location=_location(districts.get(request.district_id)),
        required_skills=eligibility.required_skill_ids(request),
        nice_skills=frozenset(s.pk for s in request.nice_skills.all()),
        slots=tuple(engine.Slot(s.weekday, s.start, s.end) for s in slots),
        party_key=request.party_key,
        weekly_hours=float(eligibility.weekly_hours(slots)),
        needed=request.needed,
        urgency=request.urgency,
        date_from=request.date_from,
        date_to=request.date_to,
    )


# What the engine weighs of a volunteer in the pool (candidate_inputs).
POOL_FIELDS = ("district_id", "max_hours_per_week")


def _pool(request: HelpRequest, districts: dict[int, District]) -> list[Volunteer]:
    """Eligible volunteers (each with every required skill), ordered by id
    with a limit: ordering all of them by score in SQL made PostgreSQL
    aggregate every one (0.5 s at 100,000 volunteers); the engine ranks.

    Only what the engine weighs is read: the few ranked are read whole after
    (``suggestions``), not a hundred records of fifty columns."""
    eligible = eligibility.eligible_volunteers(request).only(*POOL_FIELDS)
    pool = list(eligible.order_by("pk")[:CANDIDATE_POOL])
    for volunteer in pool:
        volunteer.district = districts.get(volunteer.district_id)
    return pool


def candidate_inputs(request: HelpRequest, volunteers: list[Volunteer]):
    """Engine inputs for the volunteers, in a fixed number of queries."""
    ids = [v.pk for v in volunteers]
    skills, interests, free = defaultdict(set), defaultdict(set), defaultdict(set)
    through = Volunteer.skills.through.objects.filter(volunteer_id__in=ids)
    for vid, sid in through.values_list("volunteer_id", "skill_id"):
        skills[vid].add(sid)
    through = Volunteer.interests.through.objects.filter(volunteer_id__in=ids)
    for vid, cid in through.values_list("volunteer_id", "category_id"):
        interests[vid].add(cid)
    for vid, day, part in Volunteer.availability.rel.related_model.objects.filter(
        volunteer_id__in=ids
    ).values_list("volunteer_id", "weekday", "part"):
        free[vid].add((day, part))
    party = (
        Q(request__beneficiary_id=request.beneficiary_id)
        if request.beneficiary_id
        else Q(request__institution_id=request.institution_id)
    )
    # One read for both: who already helped this party (active or completed
    # work) and how many active assignments each holds.
    helped, active = set(), defaultdict(int)
    worked = Assignment.objects.filter(
        volunteer_id__in=ids,
        status__in=[Assignment.Status.ACTIVE, Assignment.Status.COMPLETED],
    ).annotate(for_party=ExpressionWrapper(party, output_field=BooleanField()))
    for vid, status, for_party in worked.values_list(
        "volunteer_id", "status", "for_party"
    ):
        if for_party:
            helped.add(vid)
        if status == Assignment.Status.ACTIVE:
            active[vid] += 1
    return [
        engine.CandidateInput(
            id=v.pk,
            district_id=v.district_id,
            location=_location(v.district),
            skills=frozenset(skills[v.pk]),
            interests=frozenset(interests[v.pk]),
            availability=frozenset(free[v.pk]),
            active_assignments=active.get(v.pk, 0),
            helped_parties=frozenset({request.party_key} if v.pk in helped else ()),
            hours_committed=float(getattr(v, "hours_committed", 0) or 0),
            max_hours_per_week=v.max_hours_per_week,
        )
        for v in volunteers
    ]


def suggestions(request: HelpRequest, *, limit: int = 10) -> list[Candidate]:
    """The best volunteers for the request, each with its reasons."""
    districts = District.objects.in_bulk()
    subject = request_input(request, districts)
    volunteers = _pool(request, districts)
    ranked = engine.rank(subject, candidate_inputs(request, volunteers), limit=limit)
    by_id = Volunteer.objects.in_bulk([s.candidate_id for s in ranked])
    for volunteer in by_id.values():
        volunteer.district = districts.get(volunteer.district_id)
    to_records = recorder()
    return [
        Candidate(
            volunteer=by_id[s.candidate_id],
            score=s.score,
            reasons=to_records(s.reasons),
        )
        for s in ranked
    ]


# What the suggestions are drawn from: the request and its slots (saved with
# it), the volunteers with their skills, interests, districts and availability
# (each change leaves the volunteer's history row), their assignments, and the
# dictionaries their reasons and distances name.
SUGGESTIONS_READ = (HelpRequest, Assignment, Volunteer, District, Skill, Category)


def kept_suggestions(
    request: HelpRequest, *, limit: int = 10, tables: Tables | None = None
) -> list[Candidate]:
    """``suggestions``, ranked once and kept while everything they are drawn
    from stands as it is, for the day (docs/ARCHITECTURE.md, "Kept figures"):
    the engine weighs a hundred volunteers on every opening of the page."""
    return kept_here(
        "suggestions",
        lambda: suggestions(request, limit=limit),
        depends_on=SUGGESTIONS_READ,
        args=(request.pk, limit, timezone.localdate()),
        tables=tables,
    )


def score_for(request: HelpRequest, volunteer: Volunteer) -> Candidate:
    """One volunteer's score and reasons for the request (rules not checked)."""
    districts = District.objects.in_bulk()
    volunteer.district = districts.get(volunteer.district_id)
    volunteer.hours_committed = eligibility.committed_hours(
        volunteer_id=volunteer.pk, date_from=request.date_from, date_to=request.date_to
    )
    (subject,) = candidate_inputs(request, [volunteer])
    scored = engine.score_candidate(request_input(request, districts), subject)
    return Candidate(
        volunteer=volunteer,
        score=scored.score,
        reasons=recorder()(scored.reasons),
    )


def why_not(request: HelpRequest, volunteer: Volunteer) -> list[str]:
    """The rules that keep ``volunteer`` out of the suggestions; when none does,
    the volunteer's own score and its reasons, to compare with those shown."""
    excluded = eligibility.exclusion_reasons(request, volunteer)
    if excluded:
        return excluded
    scored = score_for(request, volunteer)
    return [
        _(
            "Every rule is met; the volunteer's score is %(score)s (%(details)s). "
            "Those suggested score higher."
        )
        % {
            "score": f"{scored.score:g}",
            "details": "; ".join(scored.reason_texts) or "—",
        }
    ]


# --- Hours -----------------------------------------------------------------------


@dataclass(frozen=True)
class HoursTotals:
    approved: Decimal
    awaiting: Decimal

    @property
    def total(self) -> Decimal:
        return self.approved + self.awaiting


def hours_totals(
    *,
    volunteer_id: int | None = None,
    request_id: int | None = None,
    beneficiary_id: int | None = None,
    institution_id: int | None = None,
    programme_id: int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> HoursTotals:
    """Hours for whoever is given, in one query; a period narrows by the day
    the work was done."""
    entries = HoursEntry.objects.all()
    for name, value in (
        ("assignment__volunteer_id", volunteer_id),
        ("assignment__request_id", request_id),
        ("assignment__request__beneficiary_id", beneficiary_id),
        ("assignment__request__institution_id", institution_id),
        ("assignment__request__programme_id", programme_id),
        ("date__gte", date_from),
        ("date__lte", date_to),
    ):
        if value is not None:
            entries = entries.filter(**{name: value})
    sums = entries.aggregate(
        approved=Sum("hours", filter=Q(status=HoursEntry.Status.APPROVED)),
        awaiting=Sum("hours", filter=Q(status=HoursEntry.Status.LOGGED)),
    )
    return HoursTotals(
        approved=sums["approved"] or Decimal(0), awaiting=sums["awaiting"] or Decimal(0)
    )


def assignment_list(user) -> QuerySet[Assignment]:
    return (
        assignment_scope(user)
        .select_related("volunteer", "request__beneficiary", "request__institution")
        .annotate(
            hours_approved=Sum(
                "hours__hours", filter=Q(hours__status=HoursEntry.Status.APPROVED)
            )
        )
        # Meta.ordering is not applied to aggregating queries.
        .order_by("-date_from", "pk")
    )


def hours_list(user) -> QuerySet[HoursEntry]:
    return hours_scope(user).select_related(
        "assignment__volunteer", "assignment__request", "logged_by", "approved_by"
    )


def assignment_service_chain(assignment: Assignment) -> tuple[dt.date, dt.date]:
    """The first and last day of the volunteer's continuous service with the
    host of this assignment (the same beneficiary or institution), this
    assignment included (matching.rules.service_chain)."""
    request = assignment.request
    periods = (
        Assignment.objects.filter(
            volunteer_id=assignment.volunteer_id,
            status__in=Assignment.WORKING,
            request__beneficiary_id=request.beneficiary_id,
            request__institution_id=request.institution_id,
        )
        .exclude(pk=assignment.pk)
        .values_list("date_from", "date_to")
    )
    return rules.service_chain(
        list(periods),
        (assignment.date_from, assignment.date_to),
        max_gap_days=settings.SERVICE_CHAIN_MAX_GAP_DAYS,
    )


def volunteer_assignments(volunteer: Volunteer) -> QuerySet[Assignment]:
    return (
        volunteer.assignments.select_related("request__category")
        .annotate(
            hours_approved=Sum(
                "hours__hours", filter=Q(hours__status=HoursEntry.Status.APPROVED)
            )
        )
        .order_by("-date_from", "pk")
    )


def programme_detail(programmes: QuerySet[Programme]) -> QuerySet[Programme]:
    return programmes.select_related("coordinator").prefetch_related(
        "programmepartner_set__institution", "volunteers"
    )


def programme_hours_per_volunteer(programme: Programme) -> QuerySet:
    """Approved and logged hours of each volunteer who worked in the programme."""
    return (
        HoursEntry.objects.counted()
        .filter(assignment__request__programme=programme)
        .values(
            "assignment__volunteer_id",
            "assignment__volunteer__first_name",
            "assignment__volunteer__last_name",
        )
        .annotate(
            approved=Sum("hours", filter=Q(status=HoursEntry.Status.APPROVED)),
            total=Sum("hours"),
        )
        .order_by("assignment__volunteer__last_name", "assignment__volunteer_id")
    )
