"""The demo help requests: a template, a status, dates and weekly slots,
written with their slots and skills."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import (
    DateTimeField,
    ExpressionWrapper,
    Min,
    OuterRef,
    Subquery,
)

from matching import engine
from matching.demo.context import Context
from matching.demo.vocabulary import (
    PROGRAMMES,
    STATUS_WEIGHTS,
    TEMPLATES,
    URGENCY_WEIGHTS,
    Status,
    Template,
)
from matching.facts import RequestFacts
from matching.models import HelpRequest, RequestSlot
from registry.demo.rows import bulk_create, insert_rows
from registry.demo.timeline import at, office_minutes, spread
from registry.models import Beneficiary


@dataclass
class Spec:
    """A request to be written, and the assignments it is meant to get."""

    template: Template
    status: str
    request: HelpRequest
    slots: list[tuple[int, dt.time, dt.time]]
    facts: RequestFacts | None = None


def request_specs(ctx: Context, count: int, programmes) -> list[Spec]:
    if not (ctx.beneficiaries or ctx.institutions):
        return []
    by_category = defaultdict(list)
    for programme, (_n, _d, categories, _o) in zip(programmes, PROGRAMMES, strict=True):
        for name in categories:
            by_category[name].append(programme)
    statuses = [s for s, _w in STATUS_WEIGHTS]
    weights = [w for _s, w in STATUS_WEIGHTS]
    specs = []
    for _index in range(count):
        template = ctx.rng.choice(TEMPLATES)
        status = ctx.rng.choices(statuses, weights)[0]
        specs.append(_spec(ctx, template, status, by_category[template.category]))
    return specs


def _spec(ctx: Context, template: Template, status: str, programmes) -> Spec:
    rng = ctx.rng
    party = template.party
    if party == "b" and not ctx.beneficiaries:
        party = "i"
    if party == "i" and not ctx.institutions:
        party = "b"
    weekly = status == Status.IN_PROGRESS or rng.random() < template.weekly
    date_from, date_to = _dates(ctx, status, weekly, template.weekend)
    start_h, start_m, end_h, end_m = rng.choice(template.times)
    times = (dt.time(start_h, start_m), dt.time(end_h, end_m))
    if weekly:
        days = rng.sample(range(5), rng.choice((1, 1, 2)))
        slots = [(day, *times) for day in sorted(days)]
    else:
        slots = [(date_from.weekday(), *times)]
    low, high = template.needed
    request = HelpRequest(
        title=template.title,
        category_id=ctx.categories.get(template.category)
        or next(iter(ctx.categories.values())),
        description=template.description,
        kind=HelpRequest.Kind.WEEKLY if weekly else HelpRequest.Kind.ONCE,
        date_from=date_from,
        date_to=date_to,
        needed=rng.randint(low, high),
        adults_only=template.adults_only,
        involves_minors=template.involves_minors,
        driving_licence_required=template.driving,
        urgency=rng.choices(range(4), URGENCY_WEIGHTS)[0],
        status=status,
        created_by=ctx.coordinator,
    )
    if party == "b":
        pk, district_id, street, worker_id = rng.choice(ctx.beneficiaries)
        request.beneficiary_id = pk
        request.created_by_id = worker_id or getattr(ctx.coordinator, "pk", None)
    else:
        pk, district_id, street, _partner = rng.choice(ctx.institutions)
        request.institution_id = pk
        if programmes and rng.random() < 0.6:
            request.programme = rng.choice(programmes)
    request.district_id = district_id
    request.address = street
    return Spec(template, status, request, slots)


def _dates(ctx: Context, status: str, weekly: bool, weekend: bool):
    """The request's dates: over for completed requests, running for those in
    progress (at most 30 days, see the module doc), ahead for the others."""
    today = ctx.today
    if status == Status.COMPLETED:
        start = today - ctx.days(40, 150) if weekly else today - ctx.days(3, 120)
    elif status == Status.IN_PROGRESS:
        start = today - ctx.days(3, 14)
    elif status == Status.CANCELLED:
        start = today + ctx.days(-30, 30)
    else:
        start = today + ctx.days(1, 40)
    if not weekly:
        if weekend:  # the Saturday before (past) or after (future) the date
            if start < today:
                start -= dt.timedelta(days=(start.weekday() - 5) % 7)
            else:
                start += dt.timedelta(days=(5 - start.weekday()) % 7)
        return start, start
    if status in (Status.COMPLETED, Status.IN_PROGRESS):
        return start, start + ctx.days(20, 29)
    return start, start + dt.timedelta(weeks=ctx.rng.randint(4, 12), days=-1)


def filed_at(ctx: Context, index: int, date_from: dt.date) -> dt.datetime:
    """When a request was filed: two to three weeks or a few days before its
    work begins, and never later than yesterday (one still ahead was filed in
    the last week)."""
    day = min(
        date_from - dt.timedelta(days=2 + spread(index, 20)),
        ctx.today - dt.timedelta(days=1 + spread(~index, 7)),
    )
    return at(day, office_minutes(index))


def create_requests(ctx: Context, specs: list[Spec]) -> list[HelpRequest]:
    for index, spec in enumerate(specs):
        request = spec.request
        request.created_at = filed_at(ctx, index, request.date_from)
        request.updated_at = request.created_at
    requests = bulk_create(
        HelpRequest, [s.request for s in specs], actor=ctx.coordinator
    )
    _beneficiaries_before_requests(requests)
    slots, required, nice = [], [], []
    for spec in specs:
        pk = spec.request.pk
        slots += [(pk, *slot) for slot in spec.slots]
        required += [(pk, s) for s in _skill_ids(ctx, spec.template.required)]
        nice += [(pk, s) for s in _skill_ids(ctx, spec.template.nice)]
        spec.facts = _facts(spec, ctx)
    insert_rows(RequestSlot, ("request_id", "weekday", "start", "end"), slots)
    skills = ("helprequest_id", "skill_id")
    insert_rows(HelpRequest.required_skills.through, skills, required)
    insert_rows(HelpRequest.nice_skills.through, skills, nice)
    return requests


def _skill_ids(ctx: Context, names: tuple[str, ...]) -> list[int]:
    """The ids of the skills a template names that the dictionary holds, in
    the template's order."""
    return [ctx.skills[n] for n in names if n in ctx.skills]


def _beneficiaries_before_requests(requests: list[HelpRequest]) -> None:
    """A beneficiary entered after the first request filed for them is moved
    to the day before it, with their "created" history row: one UPDATE of
    each table, counted by the database."""
    pks = {r.beneficiary_id for r in requests if r.beneficiary_id}
    if not pks:
        return
    first = (
        HelpRequest.objects.filter(beneficiary=OuterRef("pk"))
        .order_by()
        .values("beneficiary")
        .annotate(first=Min("created_at"))
        .values("first")
    )
    entered = ExpressionWrapper(
        Subquery(first) - dt.timedelta(days=1), output_field=DateTimeField()
    )
    Beneficiary.objects.filter(pk__in=pks, created_at__gt=entered).update(
        created_at=entered
    )
    created = Subquery(
        Beneficiary.objects.filter(pk=OuterRef("id")).values("created_at")
    )
    Beneficiary.history.filter(
        id__in=pks, history_type="+", history_date__gt=created
    ).update(history_date=created)


def _facts(spec: Spec, ctx: Context) -> RequestFacts:
    r = spec.request
    return RequestFacts(
        id=r.pk,
        party_key=r.party_key,
        category_id=r.category_id,
        district_id=r.district_id,
        date_from=r.date_from,
        date_to=r.date_to,
        slots=tuple(sorted(engine.Slot(*slot) for slot in spec.slots)),
        needed=r.needed,
        free=r.needed,
        urgency=r.urgency,
        adults_only=r.adults_only,
        involves_minors=r.involves_minors,
        driving_licence_required=r.driving_licence_required,
        required_skills=frozenset(_skill_ids(ctx, spec.template.required)),
        nice_skills=frozenset(_skill_ids(ctx, spec.template.nice)),
    )
