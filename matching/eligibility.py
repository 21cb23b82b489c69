"""Who may be directed to a request: the hard rules of matching.

Each rule exists twice, on purpose: as a SQL filter (``eligible_volunteers``)
that narrows 100,000 volunteers to the few that may be suggested, and as a
check of one volunteer (``exclusion_reasons``) that tells a coordinator, in
words, why somebody is not suggested. A test runs both over the same data and
requires them to agree.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    DateField,
    DecimalField,
    Exists,
    F,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from matching import engine, rules
from matching.models import Assignment, HelpRequest
from registry import rules as registry_rules
from registry.models import Availability, Skill, Volunteer

PART_HOURS = {str(part): hours for part, hours in Availability.PART_HOURS.items()}


@dataclass(frozen=True)
class SlotSpec:
    weekday: int
    start: dt.time
    end: dt.time


def request_slots(request: HelpRequest) -> list[SlotSpec]:
    return [SlotSpec(s.weekday, s.start, s.end) for s in request.slots.all()]


def required_skill_ids(request: HelpRequest) -> frozenset[int]:
    # Through .all(), so a prefetched request costs no query.
    return frozenset(s.pk for s in request.required_skills.all())


def weekly_hours(slots: Sequence[SlotSpec]) -> Decimal:
    minutes = sum(
        (s.end.hour * 60 + s.end.minute) - (s.start.hour * 60 + s.start.minute)
        for s in slots
    )
    return (Decimal(minutes) / 60).quantize(Decimal("0.01"))


def overlapping_parts(slots: Sequence[SlotSpec]) -> set[tuple[int, str]]:
    """The (weekday, part of the day) cells of the availability grid that the
    request's slots touch."""
    cells = set()
    for slot in slots:
        for part, (start, end) in PART_HOURS.items():
            if slot.start < end and start < slot.end:
                cells.add((slot.weekday, part))
    return cells


def clashing_assignments(
    *, volunteer_id, date_from: dt.date, date_to: dt.date, slots, exclude_pk=None
) -> QuerySet[Assignment]:
    """The volunteer's accepted or active assignments whose dates and weekly
    hours overlap the given schedule."""
    return (
        Assignment.objects.holding_place()
        .filter(volunteer_id=volunteer_id)
        .filter(rules.clash_q(date_from=date_from, date_to=date_to, slots=slots))
        .exclude(pk=exclude_pk)
        .distinct()
    )


def clash_reason(other: Assignment) -> str:
    """Why a volunteer cannot take on more at that time: ``other`` holds it."""
    return _("At the same time the volunteer is assigned to “%(request)s”.") % {
        "request": other.request
    }


def committed_hours(
    *, volunteer_id, date_from: dt.date, date_to: dt.date, exclude_pk=None
) -> Decimal:
    """The weekly hours the volunteer has already taken on in the period, at
    its busiest: the peak load of their places (``engine.peak_load``), not the
    sum of every place that touches the period."""
    held = (
        Assignment.objects.holding_place()
        .filter(
            volunteer_id=volunteer_id, date_from__lte=date_to, date_to__gte=date_from
        )
        .exclude(pk=exclude_pk)
        .values_list("date_from", "date_to", "weekly_hours")
    )
    return Decimal(engine.peak_load(held, date_from, date_to))


def peak_hours(*, date_from: dt.date, date_to: dt.date, volunteer=None) -> Subquery:
    """The SQL form of ``engine.peak_load`` for the volunteer of the outer
    query (``volunteer``, by default ``OuterRef("pk")``): for each held place
    b that overlaps the period, the weekly hours of the places held on
    GREATEST(b.date_from, date_from), and the most of those; NULL when no
    place overlaps. A test holds it to ``committed_hours``."""
    held = Assignment.objects.holding_place()
    day = Greatest(OuterRef("date_from"), Value(date_from), output_field=DateField())
    on_day = (
        held.filter(
            volunteer_id=OuterRef("volunteer_id"), date_from__lte=day, date_to__gte=day
        )
        .order_by()
        .values("volunteer_id")
        .annotate(total=Sum("weekly_hours"))
        .values("total")
    )
    peaks = (
        held.filter(
            volunteer_id=OuterRef("pk") if volunteer is None else volunteer,
            date_from__lte=date_to,
            date_to__gte=date_from,
        )
        .annotate(load=Subquery(on_day))
        .order_by()
        .values("volunteer_id")
        .annotate(peak=Max("load"))
        .values("peak")
    )
    return Subquery(peaks, output_field=DecimalField(max_digits=6, decimal_places=2))


# Why work with minors may not be given to a volunteer (registry.rules codes).
VETTING_REASONS = {
    registry_rules.VETTING_MISSING: gettext_lazy(
        "The work involves minors and the volunteer's Register check and "
        "criminal-record (KRK) information are not recorded (art. 21 of the act "
        "of 13 May 2016)."
    ),
    registry_rules.VETTING_EXPIRED: gettext_lazy(
        "The work involves minors and the volunteer's checks are out of date: "
        "verify them again (the centre's re-verification period)."
    ),
    registry_rules.VETTING_SCOPE: gettext_lazy(
        "The work involves minors and the KRK information is not recorded as "
        "covering the offences of art. 21 ust. 3."
    ),
    registry_rules.VETTING_ABROAD: gettext_lazy(
        "The work involves minors and the volunteer lived abroad: the foreign "
        "criminal record or the substitute statement is missing."
    ),
    registry_rules.VETTING_STANDARDS: gettext_lazy(
        "The work involves minors and the volunteer has not acknowledged the "
        "centre's child protection standards."
    ),
    registry_rules.VETTING_NEW_ENGAGEMENT: gettext_lazy(
        "The work involves minors and is a new engagement: check the Register "
        "again (the centre verifies before each new engagement)."
    ),
}


def eligible_volunteers(request: HelpRequest) -> QuerySet[Volunteer]:
    """Every hard rule of matching (docs/ARCHITECTURE.md, Rules), as one SQL query."""
    slots = request_slots(request)
    volunteers = _fit_for(request)
    volunteers = _free_at(volunteers, slots)
    if request.district_id:
        volunteers = _reaching(volunteers, request.district_id)
    return _not_taken(volunteers, request, slots)


def _fit_for(request: HelpRequest) -> QuerySet[Volunteer]:
    """The person: active, of the age and checks the work asks, with the
    driving licence and every required skill."""
    day = request.date_from
    volunteers = Volunteer.objects.active().not_anonymised()
    if request.adults_only:
        volunteers = volunteers.adults(on=day)
    else:
        volunteers = volunteers.may_work(on=day)
    if request.involves_minors:
        volunteers = volunteers.vetting_valid(on=day)
    if request.driving_licence_required:
        volunteers = volunteers.filter(has_driving_licence=True)
    for skill_id in sorted(required_skill_ids(request)):
        volunteers = volunteers.filter(
            Exists(
                Volunteer.skills.through.objects.filter(
                    volunteer_id=OuterRef("pk"), skill_id=skill_id
                )
            )
        )
    return volunteers


def _free_at(volunteers: QuerySet[Volunteer], slots) -> QuerySet[Volunteer]:
    """Available in a part of the week the request's hours fall in.

    One EXISTS per cell: with the cells OR-ed inside a single EXISTS,
    PostgreSQL hashed every free volunteer of every cell before applying the
    limit (benchmarks/RESULTS.md)."""
    free = Q(pk__in=[])
    for weekday, part in sorted(overlapping_parts(slots)):
        cell = Availability.objects.filter(
            weekday=weekday, part=part, volunteer=OuterRef("pk")
        )
        free |= Q(Exists(cell))
    return volunteers.filter(free)


def _reaching(volunteers: QuerySet[Volunteer], district_id) -> QuerySet[Volunteer]:
    """Living in the request's district or reaching it.

    The reach is a scalar subquery, looked up by the link table's unique
    index for each volunteer the scan meets: written as EXISTS, PostgreSQL
    hashed every volunteer who reaches the district (80,000 of 100,000 for the
    town centre) before the pool's limit stopped the scan — 40 of a 45 ms
    query (benchmarks/RESULTS.md, "Seventh round")."""
    reach = Volunteer.reachable_districts.through.objects.filter(
        volunteer_id=OuterRef("pk"), district_id=district_id
    ).values("pk")[:1]
    return volunteers.alias(reaches=Subquery(reach)).filter(
        Q(district_id=district_id) | Q(reaches__isnull=False)
    )


def _not_taken(
    volunteers: QuerySet[Volunteer], request: HelpRequest, slots
) -> QuerySet[Volunteer]:
    """No clash with a place already held, no earlier decline or cancellation
    on this request, and room in the weekly hours on the period's busiest day
    (``peak_hours``)."""
    committed = peak_hours(date_from=request.date_from, date_to=request.date_to)
    clashing = Assignment.objects.holding_place().filter(
        rules.clash_q(
            date_from=request.date_from, date_to=request.date_to, slots=slots
        ),
        volunteer_id=OuterRef("pk"),
    )
    barred = Assignment.objects.barring().filter(
        volunteer_id=OuterRef("pk"), request_id=request.pk
    )
    return (
        volunteers.exclude(Exists(clashing))
        .exclude(Exists(barred))
        .annotate(hours_committed=Coalesce(committed, Value(Decimal(0))))
        .filter(
            hours_committed__lte=F("max_hours_per_week") - Value(weekly_hours(slots))
        )
    )


def exclusion_reasons(
    request: HelpRequest, volunteer: Volunteer, *, exclude_pk: int | None = None
) -> list[str]:
    """Why ``volunteer`` is not suggested for ``request``, rule by rule, in
    the words a coordinator reads. Empty when every hard rule is met.

    ``exclude_pk`` leaves out the assignment being decided on, so that accepting
    a proposal is not refused because of the proposal itself."""
    slots = request_slots(request)
    return [
        *_person_reasons(request, volunteer),
        *_time_reasons(request, volunteer, slots, exclude_pk),
        *_history_reasons(request, volunteer, exclude_pk),
    ]


def _person_reasons(request: HelpRequest, volunteer: Volunteer) -> list[str]:
    """The rules about who the volunteer is: status, age, checks, licence, skills."""
    day = request.date_from
    reasons = []
    if volunteer.status != Volunteer.Status.ACTIVE or volunteer.is_anonymised:
        reasons.append(
            _("Status is “%(status)s”: only active volunteers are suggested.")
            % {"status": volunteer.get_status_display()}
        )
    minor = registry_rules.is_minor_on(volunteer.birth_date, day)
    if request.adults_only and minor:
        reasons.append(
            _("The request is for adults only and the volunteer is under 18.")
        )
    elif not volunteer.may_work_on(day):
        reasons.append(
            _(
                "A volunteer under 18 has no consent of their legal representative "
                "(parent or legal guardian, art. 17 of the Civil Code) recorded."
            )
        )
    if request.involves_minors and (problem := volunteer.vetting_problem(on=day)):
        reasons.append(str(VETTING_REASONS[problem]))
    if request.driving_licence_required and not volunteer.has_driving_licence:
        reasons.append(_("A driving licence is required and the volunteer has none."))
    missing = engine.missing_skills(
        required_skill_ids(request), frozenset(s.pk for s in volunteer.skills.all())
    )
    if missing:
        names = Skill.objects.filter(pk__in=missing).order_by("name")
        reasons.append(
            _("The volunteer lacks a required skill: %(skills)s.")
            % {"skills": ", ".join(s.name for s in names)}
        )
    return reasons


def _time_reasons(request, volunteer, slots, exclude_pk) -> list[str]:
    """The rules about when and where: availability, district, commitments."""
    reasons = []
    free = {(a.weekday, a.part) for a in volunteer.availability.all()}
    if not free & overlapping_parts(slots):
        reasons.append(_("The volunteer is not available at the request's times."))
    if request.district_id and not (
        volunteer.district_id == request.district_id
        or volunteer.reachable_districts.filter(pk=request.district_id).exists()
    ):
        reasons.append(_("The volunteer cannot reach the request's district."))
    return reasons + commitment_reasons(
        request, volunteer, slots=slots, exclude_pk=exclude_pk
    )


def commitment_reasons(
    request: HelpRequest, volunteer: Volunteer, *, slots=None, exclude_pk=None
) -> list[str]:
    """The rules against double booking: no clash with the volunteer's other
    places, and their weekly hours within the limit. Editing a request checks
    these again for everyone holding a place on it."""
    slots = request_slots(request) if slots is None else slots
    reasons = []
    clash = clashing_assignments(
        volunteer_id=volunteer.pk,
        date_from=request.date_from,
        date_to=request.date_to,
        slots=slots,
        exclude_pk=exclude_pk,
    ).first()
    if clash:
        reasons.append(clash_reason(clash))
    committed = committed_hours(
        volunteer_id=volunteer.pk,
        date_from=request.date_from,
        date_to=request.date_to,
        exclude_pk=exclude_pk,
    )
    if committed + weekly_hours(slots) > volunteer.max_hours_per_week:
        reasons.append(
            _(
                "This would exceed the volunteer's limit of %(limit)s hours a week "
                "(already %(committed)s a week at the busiest time of the period)."
            )
            % {
                "limit": volunteer.max_hours_per_week,
                "committed": number_format(committed.normalize()),
            }
        )
    return reasons


def _history_reasons(request, volunteer, exclude_pk) -> list[str]:
    """The volunteer's earlier assignments to this very request: one live at a
    time, and none again after declining it or being cancelled on it."""
    statuses = set(
        Assignment.objects.barring()
        .filter(request=request, volunteer=volunteer)
        .exclude(pk=exclude_pk)
        .values_list("status", flat=True)
    )
    reasons = []
    if statuses & set(Assignment.LIVE):
        reasons.append(_("The volunteer is already directed to this request."))
    if Assignment.Status.DECLINED in statuses:
        reasons.append(_("The volunteer declined this request."))
    if Assignment.Status.CANCELLED in statuses:
        reasons.append(_("The volunteer's assignment to this request was cancelled."))
    return reasons
