"""The demo assignments, each meeting the matching rules against every
place already held (``matching.facts.Register``)."""

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from matching import engine
from matching.demo.context import Context
from matching.demo.requests import Spec
from matching.demo.vocabulary import AStatus, Status
from matching.facts import Register
from matching.models import Assignment, HelpRequest
from matching.reasons import recorder
from registry.demo.bulk import indexes_built_alongside
from registry.demo.rows import BATCH, create_records
from registry.demo.timeline import at, spread
from registry.models import Volunteer


def _planned(ctx: Context, spec: Spec) -> tuple[list[str], list[str], list[str]]:
    """The statuses of the assignments a request gets: those holding a place,
    those over (completed, declined, cancelled), and proposals still open."""
    rng, needed = ctx.rng, spec.request.needed
    status = spec.status
    if status == Status.OPEN:
        holding = [AStatus.ACCEPTED] * rng.randint(0, needed - 1)
        waiting = rng.choice(([], [AStatus.PROPOSED], [AStatus.CONTACTED]))
        declined = [AStatus.DECLINED] if rng.random() < 0.3 else []
        return holding, declined, waiting
    if status == Status.STAFFED:
        return [AStatus.ACCEPTED] * needed, [], []
    if status == Status.IN_PROGRESS:
        holding = [AStatus.ACTIVE] + [
            rng.choice((AStatus.ACTIVE, AStatus.ACTIVE, AStatus.ACCEPTED))
            for _i in range(needed - 1)
        ]
        return holding, [], []
    if status == Status.COMPLETED:
        over = [AStatus.COMPLETED] * rng.randint(max(1, needed - 1), needed)
        declined = [AStatus.DECLINED] if rng.random() < 0.2 else []
        return [], over + declined, []
    if status == Status.CANCELLED:
        return [], [AStatus.CANCELLED] if rng.random() < 0.3 else [], []
    return [], [], []


def make_assignments(ctx, specs: list[Spec], requests) -> list[dict]:
    """Three passes, so that every live assignment meets the rules against
    all places held: places first, then past ones, then open proposals."""
    if not specs:
        return []
    since = min(s.request.date_from for s in specs)
    register = Register.load(since=since, barred_on=HelpRequest.objects.all())
    # When each volunteer signed up: nobody is proposed before that.
    ctx.signed_up = dict(Volunteer.objects.values_list("pk", "created_at"))
    plans = [_planned(ctx, spec) for spec in specs]
    taken: dict[int, set[int]] = defaultdict(set)
    made: list[tuple[Spec, int, str, engine.Suggestion]] = []
    # Picking needs no database: the register's indexes are built meanwhile.
    with indexes_built_alongside():
        for step in range(3):
            made += _picked(ctx, register, specs, [plan[step] for plan in plans], taken)
    _settle_statuses(specs, made)
    return _write_assignments(ctx, made)


def _picked(ctx, register: Register, specs: list[Spec], plans, taken) -> list:
    made = []
    for spec, statuses in zip(specs, plans, strict=True):
        if not statuses:
            continue
        picked = _pick(ctx, register, spec, len(statuses), taken)
        request = register.request_input(spec.facts)
        for vid, status in zip(picked, statuses, strict=False):
            volunteer = register.volunteers[vid]
            # Scored as at the proposal, before the assignment binds time.
            scored = engine.score_candidate(
                request, register.candidate_input(spec.facts, volunteer)
            )
            register.record(spec.facts, volunteer, status)
            taken[spec.request.pk].add(vid)
            made.append((spec, vid, status, scored))
    return made


def _pick(ctx, register: Register, spec: Spec, count: int, taken) -> list[int]:
    facts = spec.facts
    # The pool starts at a volunteer picked by position, not by id, so that
    # the same seed gives the same data whatever the ids.
    start = register.ids[ctx.rng.randrange(len(register.ids))] if register.ids else 0
    latest = _proposed_by(ctx, spec.request) - PROPOSAL_LAG
    pool = [
        v.id
        for v in register.pool(facts, limit=count * 3 + 4, offset=start)
        if v.id not in taken[facts.id] and ctx.signed_up[v.id] < latest
    ]
    return ctx.rng.sample(pool, min(count, len(pool)))


# At least this long between a sign-up or a request and a proposal.
PROPOSAL_LAG = dt.timedelta(hours=1)


def _proposed_by(ctx, request: HelpRequest) -> dt.datetime:
    """A proposal comes before its work begins (or now, for work ahead)."""
    return min(ctx.now, at(request.date_from, 0))


def _proposed_at(ctx, request: HelpRequest, vid: int, serial: int) -> dt.datetime:
    """After the request was filed and the volunteer signed up, within a few
    days, before the work begins."""
    since = max(request.created_at, ctx.signed_up[vid]) + PROPOSAL_LAG
    latest = _proposed_by(ctx, request)
    lag = dt.timedelta(minutes=spread(serial, 3 * 24 * 60))
    return min(since + lag, since + (latest - since) / 2)


def _changed_at(ctx, record: dict, drawn: dt.timedelta) -> dt.datetime:
    """When the assignment took its status: a completed one the day after its
    work ended, an active one when its work began, any other some days ago;
    never before it was proposed nor after now."""
    status, created = record["status"], record["created_at"]
    if status == AStatus.COMPLETED:
        moment = at(record["date_to"] + dt.timedelta(days=1), 9 * 60)
    elif status == AStatus.ACTIVE:
        moment = at(record["date_from"], 8 * 60)
    else:
        moment = ctx.now - drawn
    return min(ctx.now, max(created, moment))


def _settle_statuses(specs: list[Spec], made) -> None:
    """A request that got fewer volunteers than planned takes the status the
    services would have given it."""
    holding = defaultdict(list)
    completed = defaultdict(int)
    for spec, _vid, status, _scored in made:
        if status in Assignment.HOLDING_PLACE:
            holding[spec.request.pk].append(status)
        if status == AStatus.COMPLETED:
            completed[spec.request.pk] += 1
    changed = []
    for spec in specs:
        r = spec.request
        mine = holding[r.pk]
        new = r.status
        if r.status == Status.STAFFED and len(mine) < r.needed:
            new = Status.OPEN
        elif r.status == Status.IN_PROGRESS and AStatus.ACTIVE not in mine:
            new = Status.STAFFED if len(mine) >= r.needed else Status.OPEN
        elif r.status == Status.COMPLETED and not completed[r.pk]:
            new = Status.CANCELLED
        if new != r.status:
            r.status = spec.status = new
            changed.append(r)
    HelpRequest.objects.bulk_update(changed, ["status"], batch_size=BATCH)


def _write_assignments(ctx, made) -> list[dict]:
    """The assignments written, as their fields (by attname) with their id."""
    to_records = recorder()
    places: dict[int, int] = defaultdict(int)
    records = []
    for serial, (spec, vid, status, scored) in enumerate(made):
        r = spec.request
        place = None
        if status in Assignment.HOLDING_PLACE:
            places[r.pk] += 1
            place = places[r.pk]
        record = {
            "request_id": r.pk,
            "volunteer_id": vid,
            "status": status,
            "place": place,
            "date_from": r.date_from,
            "date_to": r.date_to,
            "weekly_hours": Decimal(spec.facts.cents) / 100,
            "score": scored.score,
            "reasons": list(to_records(scored.reasons)),
            "proposed_by_id": ctx.coordinator_id,
            "status_changed_by_id": ctx.coordinator_id,
            "created_at": _proposed_at(ctx, r, vid, serial),
        }
        record["status_changed_at"] = _changed_at(ctx, record, ctx.days(0, 20))
        record["updated_at"] = record["status_changed_at"]
        records.append(record)
    pks = create_records(Assignment, records, actor=ctx.coordinator)
    return [{**record, "id": pk} for record, pk in zip(records, pks, strict=True)]
