"""Demo data of matching: help requests, assignments, hours, programmes.

Runs after ``registry.demo`` and reads the beneficiaries, institutions and
volunteers it made from the database. Deterministic for a given ``rng``.
Every assignment obeys the matching rules: volunteers are picked with the
batch proposal's in-memory rules (``matching.facts.Register``), which are
kept true as assignments are added, and the places of a request are
numbered 1, 2, … Rows go in with bulk_create in batches, so
``--requests 20000`` with ``--volunteers 100000`` takes seconds.

Active and completed assignments are kept to at most 30 days: longer work
needs a signed written agreement (art. 44), which is the agreements app's
demo data, not this one's.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from matching import engine
from matching.facts import Register, RequestFacts
from matching.models import (
    Assignment,
    HelpRequest,
    HoursEntry,
    Programme,
    ProgrammePartner,
    RequestSlot,
    hours_between,
)
from matching.reasons import recorder
from registry.models import Beneficiary, Category, Institution, Skill

BATCH = 5000
Status = HelpRequest.Status
AStatus = Assignment.Status


@dataclass(frozen=True)
class Template:
    title: str
    category: str
    party: str  # "b": a beneficiary, "i": an institution
    description: str
    times: tuple[tuple[int, int, int, int], ...]  # start h, min, end h, min
    weekly: float = 0.5  # how often the request is weekly rather than one-off
    needed: tuple[int, int] = (1, 1)
    required: tuple[str, ...] = ()
    nice: tuple[str, ...] = ()
    adults_only: bool = False
    involves_minors: bool = False
    driving: bool = False
    weekend: bool = False  # one-off events fall on a Saturday


DRIVING = "Prawo jazdy kat. B"
# fmt: off
TEMPLATES = (
    Template("Zakupy dla seniora", "Zakupy i sprawunki", "b",
             "Zakupy spożywcze w pobliskim sklepie i wniesienie ich do mieszkania; "
             "lista zakupów u podopiecznej.",
             ((9, 0, 11, 0), (10, 0, 12, 0), (16, 0, 18, 0)), weekly=0.6),
    Template("Wykupienie leków z apteki", "Zakupy i sprawunki", "b",
             "Odbiór recept z przychodni i wykupienie leków; pieniądze przekazuje "
             "podopieczny.", ((10, 0, 11, 0), (15, 0, 16, 0), (17, 0, 18, 0)),
             weekly=0.2),
    Template("Korepetycje z matematyki", "Pomoc w nauce", "b",
             "Pomoc w nauce matematyki dla ucznia szkoły podstawowej (klasa 6), "
             "zajęcia w domu rodziny.", ((15, 0, 16, 30), (16, 0, 17, 30),
             (17, 0, 18, 30)), weekly=0.9, required=("Korepetycje z matematyki",),
             involves_minors=True),
    Template("Korepetycje z języka angielskiego", "Pomoc w nauce", "b",
             "Nauka języka angielskiego z uczennicą przygotowującą się do egzaminu "
             "ósmoklasisty.", ((15, 0, 16, 30), (16, 30, 18, 0)), weekly=0.9,
             required=("Korepetycje z języka angielskiego",), involves_minors=True),
    Template("Transport do lekarza", "Transport i dowóz", "b",
             "Dowóz na wizytę w przychodni specjalistycznej w Bielsku-Białej "
             "i z powrotem; podopieczny porusza się o kulach.",
             ((8, 30, 11, 0), (9, 0, 12, 0), (12, 0, 14, 0)), weekly=0.1,
             required=(DRIVING,), adults_only=True, driving=True),
    Template("Dowóz na rehabilitację", "Transport i dowóz", "b",
             "Dowóz na zabiegi rehabilitacyjne przy ul. Kopernika.",
             ((8, 0, 10, 0), (13, 0, 15, 0)), weekly=0.8, required=(DRIVING,),
             adults_only=True, driving=True),
    Template("Spacer z osobą niewidomą", "Towarzyszenie osobom starszym", "b",
             "Wspólny spacer po okolicy i do parku; podopieczna jest niewidoma "
             "i chodzi z białą laską.", ((10, 0, 12, 0), (14, 0, 16, 0),
             (16, 0, 17, 30)), weekly=0.7, nice=("Pierwsza pomoc",),
             adults_only=True),
    Template("Odwiedziny u samotnej seniorki", "Towarzyszenie osobom starszym", "b",
             "Rozmowa, wspólna herbata, gry planszowe; podopieczna mieszka sama "
             "i rzadko wychodzi z domu.", ((10, 0, 12, 0), (15, 0, 17, 0)),
             weekly=0.8),
    Template("Czytanie prasy osobie słabowidzącej", "Towarzyszenie osobom starszym",
             "b", "Czytanie gazety i korespondencji, pomoc w odpisaniu na listy.",
             ((11, 0, 12, 0), (17, 0, 18, 0)), weekly=0.7),
    Template("Pomoc w zbiórce żywności", "Zbiórki i akcje charytatywne", "i",
             "Zbiórka w supermarkecie: informowanie klientów, przyjmowanie, "
             "sortowanie i pakowanie darów.", ((9, 0, 13, 0), (12, 0, 16, 0),
             (14, 0, 18, 0)), weekly=0.0, needed=(3, 8), weekend=True),
    Template("Pakowanie paczek świątecznych", "Zbiórki i akcje charytatywne", "i",
             "Pakowanie i opisywanie paczek dla rodzin objętych wsparciem OPS.",
             ((10, 0, 14, 0), (16, 0, 19, 0)), weekly=0.0, needed=(2, 6)),
    Template("Pomoc przy festynie rodzinnym", "Wydarzenia i imprezy", "i",
             "Prowadzenie stoisk z zabawami dla dzieci, pomoc przy rejestracji "
             "uczestników.", ((10, 0, 14, 0), (14, 0, 18, 0)), weekly=0.0,
             needed=(3, 8), nice=("Animacja czasu wolnego", "Pierwsza pomoc"),
             involves_minors=True, weekend=True),
    Template("Zajęcia świetlicowe dla dzieci", "Pomoc w nauce", "i",
             "Odrabianie lekcji i zajęcia plastyczne w świetlicy szkolnej.",
             ((13, 0, 15, 0), (14, 0, 16, 0)), weekly=1.0, needed=(1, 3),
             nice=("Animacja czasu wolnego", "Opieka nad dziećmi"),
             involves_minors=True),
    Template("Opieka nad dziećmi podczas zebrania", "Wydarzenia i imprezy", "i",
             "Zajęcie się dziećmi w sali obok, gdy rodzice są na zebraniu.",
             ((17, 0, 19, 0),), weekly=0.0, needed=(1, 3),
             required=("Opieka nad dziećmi",), involves_minors=True),
    Template("Drobne naprawy w mieszkaniu", "Pomoc w domu i ogrodzie", "b",
             "Wymiana żarówek, uszczelka w kranie, przykręcenie półki.",
             ((9, 0, 12, 0), (14, 0, 17, 0)), weekly=0.2, required=("Drobne naprawy",),
             adults_only=True),
    Template("Prace porządkowe w ogrodzie", "Pomoc w domu i ogrodzie", "b",
             "Grabienie liści, przycięcie krzewów, przygotowanie ogrodu do zimy.",
             ((9, 0, 12, 0), (15, 0, 18, 0)), weekly=0.4, nice=("Prace ogrodowe",)),
    Template("Pomoc w wypełnieniu wniosku", "Pomoc administracyjna", "b",
             "Wypełnienie wniosku o dodatek mieszkaniowy i kopie dokumentów.",
             ((10, 0, 11, 30), (15, 0, 16, 30)), weekly=0.0,
             nice=("Obsługa komputera",), adults_only=True),
    Template("Nauka obsługi smartfona i komputera", "Pomoc administracyjna", "b",
             "Nauka rozmów wideo z rodziną za granicą i obsługi poczty e-mail.",
             ((10, 0, 11, 0), (17, 0, 18, 0)), weekly=0.7,
             required=("Obsługa komputera",)),
    Template("Tłumaczenie na język migowy w urzędzie", "Pomoc administracyjna", "b",
             "Towarzyszenie osobie głuchej podczas wizyty w urzędzie.",
             ((9, 0, 11, 0), (12, 0, 13, 0)), weekly=0.0, required=("Język migowy",),
             adults_only=True),
    Template("Spacery z mieszkańcami domu pomocy", "Towarzyszenie osobom starszym",
             "i", "Spacery z mieszkańcami poruszającymi się na wózkach.",
             ((10, 0, 12, 0), (14, 0, 16, 0)), weekly=0.8, needed=(2, 4),
             nice=("Pierwsza pomoc",)),
    Template("Punkt informacyjny na wydarzeniu", "Wydarzenia i imprezy", "i",
             "Obsługa punktu informacyjnego i pomoc uczestnikom.",
             ((9, 0, 13, 0), (13, 0, 17, 0)), weekly=0.0, needed=(2, 5),
             weekend=True),
)
# (name, description, categories of its requests, open-ended)
PROGRAMMES = (
    ("Zimowa Zbiórka Żywności", "Zbiórki w sklepach, sortowanie i rozwożenie "
     "paczek, z Bankiem Żywności i parafiami.", ("Zbiórki i akcje charytatywne",),
     False),
    ("Bezpieczny Senior", "Wsparcie osób starszych mieszkających samotnie: zakupy, "
     "towarzyszenie, sprawy urzędowe.", ("Towarzyszenie osobom starszym",
     "Zakupy i sprawunki"), True),
    ("Wakacje z wolontariuszem", "Zajęcia w świetlicach szkolnych i festyny "
     "rodzinne.", ("Wydarzenia i imprezy",), False),
    ("Odrabiamy razem", "Pomoc w nauce dla dzieci z rodzin objętych wsparciem OPS, "
     "we współpracy ze szkołami.", ("Pomoc w nauce",), False),
)
PARTNER_ROLES = ("współorganizator", "partner merytoryczny", "udostępnia lokal",
                 "zapewnia transport", "koordynuje wolontariuszy szkolnych")
HOURS_NOTES = ("", "", "", "Wszystko w porządku.", "Podopieczna bardzo zadowolona.",
               "Zajęcia przesunięte o pół godziny.", "Przekazano dary do magazynu.")
# Status of a request, and how often it occurs.
STATUS_WEIGHTS = (
    (Status.OPEN, 45), (Status.NEW, 14), (Status.STAFFED, 10),
    (Status.IN_PROGRESS, 12), (Status.COMPLETED, 14), (Status.CANCELLED, 5),
)
URGENCY_WEIGHTS = (15, 55, 22, 8)
# fmt: on


def generate(*, rng, options, stdout) -> None:
    ctx = _Context(rng)
    programmes = _programmes(ctx)
    stdout.write(f"  programmes: {len(programmes)}")
    specs = _request_specs(ctx, options.get("requests", 60), programmes)
    requests = _create_requests(ctx, specs)
    stdout.write(f"  help requests: {len(requests)}")
    assignments = _assignments(ctx, specs, requests)
    # Written in bulk, around the services that keep the count.
    HelpRequest.objects.recount_places_taken()
    stdout.write(f"  assignments: {len(assignments)}")
    stdout.write(f"  hours entries: {_hours(ctx, specs, assignments)}")
    _programme_volunteers(programmes, specs, assignments)


class _Context:
    def __init__(self, rng):
        self.rng = rng
        self.today = timezone.localdate()
        self.now = timezone.now()
        users = get_user_model().objects.filter(username="koordynator")
        self.coordinator = users.first()
        self.skills = dict(Skill.objects.values_list("name", "pk"))
        self.categories = dict(Category.objects.values_list("name", "pk"))
        self.beneficiaries = list(
            Beneficiary.objects.filter(
                status=Beneficiary.Status.ACTIVE, anonymised_at__isnull=True
            )
            .order_by("pk")
            .values_list("pk", "district_id", "street", "social_worker_id")
        )
        receiving = Institution.objects.order_by("pk").values_list(
            "pk", "district_id", "street", "programme_partner"
        )
        self.institutions = list(receiving.filter(receives_help=True)) or list(
            receiving
        )
        self.partners = [i[0] for i in receiving if i[3]] or [i[0] for i in receiving]

    def days(self, low: int, high: int) -> dt.timedelta:
        return dt.timedelta(days=self.rng.randint(low, high))


# --- Programmes ------------------------------------------------------------------


def _programmes(ctx: _Context) -> list[Programme]:
    programmes = Programme.objects.bulk_create(
        [
            Programme(
                name=f"{name} {ctx.today.year}",
                description=description,
                date_from=ctx.today - dt.timedelta(days=200),
                date_to=None if open_ended else ctx.today + dt.timedelta(days=200),
                coordinator=ctx.coordinator,
            )
            for name, description, _categories, open_ended in PROGRAMMES
        ]
    )
    partners = []
    for programme in programmes:
        count = min(len(ctx.partners), ctx.rng.randint(2, 3))
        for institution_id in ctx.rng.sample(ctx.partners, count):
            partners.append(
                ProgrammePartner(
                    programme=programme,
                    institution_id=institution_id,
                    role=ctx.rng.choice(PARTNER_ROLES),
                )
            )
    ProgrammePartner.objects.bulk_create(partners)
    return programmes


# --- Requests --------------------------------------------------------------------


@dataclass
class _Spec:
    """A request to be written, and the assignments it is meant to get."""

    template: Template
    status: str
    request: HelpRequest
    slots: list[tuple[int, dt.time, dt.time]]
    facts: RequestFacts | None = None


def _request_specs(ctx: _Context, count: int, programmes) -> list[_Spec]:
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


def _spec(ctx: _Context, template: Template, status: str, programmes) -> _Spec:
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
    return _Spec(template, status, request, slots)


def _dates(ctx: _Context, status: str, weekly: bool, weekend: bool):
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


def _create_requests(ctx: _Context, specs: list[_Spec]) -> list[HelpRequest]:
    requests = HelpRequest.objects.bulk_create(
        [s.request for s in specs], batch_size=BATCH
    )
    HelpRequest.history.bulk_history_create(
        requests,
        batch_size=BATCH,
        default_user=ctx.coordinator,
        default_change_reason="dane demonstracyjne",
    )
    slots, required, nice = [], [], []
    Required = HelpRequest.required_skills.through
    Nice = HelpRequest.nice_skills.through
    for spec in specs:
        pk = spec.request.pk
        slots += [
            RequestSlot(request_id=pk, weekday=day, start=start, end=end)
            for day, start, end in spec.slots
        ]
        required += [
            Required(helprequest_id=pk, skill_id=ctx.skills[name])
            for name in spec.template.required
            if name in ctx.skills
        ]
        nice += [
            Nice(helprequest_id=pk, skill_id=ctx.skills[name])
            for name in spec.template.nice
            if name in ctx.skills
        ]
        spec.facts = _facts(spec, ctx)
    for model, objects in ((RequestSlot, slots), (Required, required), (Nice, nice)):
        model.objects.bulk_create(objects, batch_size=BATCH)
    return requests


def _facts(spec: _Spec, ctx: _Context) -> RequestFacts:
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
        required_skills=frozenset(
            ctx.skills[n] for n in spec.template.required if n in ctx.skills
        ),
        nice_skills=frozenset(
            ctx.skills[n] for n in spec.template.nice if n in ctx.skills
        ),
    )


# --- Assignments -----------------------------------------------------------------


def _planned(ctx: _Context, spec: _Spec) -> tuple[list[str], list[str], list[str]]:
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


def _assignments(ctx, specs: list[_Spec], requests) -> list[Assignment]:
    """Three passes, so that every live assignment meets the rules against
    all places held: places first, then past ones, then open proposals."""
    if not specs:
        return []
    since = min(s.request.date_from for s in specs)
    register = Register.load(since=since, barred_on=HelpRequest.objects.all())
    plans = [_planned(ctx, spec) for spec in specs]
    taken: dict[int, set[int]] = defaultdict(set)
    made: list[tuple[_Spec, int, str, engine.Suggestion]] = []
    for step in range(3):
        for spec, plan in zip(specs, plans, strict=True):
            statuses = plan[step]
            if not statuses:
                continue
            picked = _pick(ctx, register, spec, len(statuses), taken)
            for vid, status in zip(picked, statuses, strict=False):
                volunteer = register.volunteers[vid]
                # Scored as at the proposal, before the assignment binds time.
                scored = engine.score_candidate(
                    register.request_input(spec.facts),
                    register.candidate_input(spec.facts, volunteer),
                )
                register.record(spec.facts, volunteer, status)
                taken[spec.request.pk].add(vid)
                made.append((spec, vid, status, scored))
    _settle_statuses(specs, made)
    return _write_assignments(ctx, made)


def _pick(ctx, register: Register, spec: _Spec, count: int, taken) -> list[int]:
    facts = spec.facts
    # The pool starts at a volunteer picked by position, not by id, so that
    # the same seed gives the same data whatever the ids.
    start = register.ids[ctx.rng.randrange(len(register.ids))] if register.ids else 0
    pool = [
        v.id
        for v in register.pool(facts, limit=count * 3 + 4, offset=start)
        if v.id not in taken[facts.id]
    ]
    return ctx.rng.sample(pool, min(count, len(pool)))


def _settle_statuses(specs: list[_Spec], made) -> None:
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


def _write_assignments(ctx, made) -> list[Assignment]:
    to_records = recorder()
    places: dict[int, int] = defaultdict(int)
    objects = []
    for spec, vid, status, scored in made:
        r = spec.request
        place = None
        if status in Assignment.HOLDING_PLACE:
            places[r.pk] += 1
            place = places[r.pk]
        objects.append(
            Assignment(
                request=r,
                volunteer_id=vid,
                status=status,
                place=place,
                date_from=r.date_from,
                date_to=r.date_to,
                weekly_hours=Decimal(spec.facts.cents) / 100,
                score=scored.score,
                reasons=list(to_records(scored.reasons)),
                proposed_by=ctx.coordinator,
                status_changed_at=ctx.now - ctx.days(0, 20),
                status_changed_by=ctx.coordinator,
            )
        )
    created = Assignment.objects.bulk_create(objects, batch_size=BATCH)
    Assignment.history.bulk_history_create(
        created,
        batch_size=BATCH,
        default_user=ctx.coordinator,
        default_change_reason="dane demonstracyjne",
    )
    return created


# --- Hours and programme volunteers ------------------------------------------------


def _hours(ctx: _Context, specs, assignments: list[Assignment]) -> int:
    slots = {spec.request.pk: spec.slots for spec in specs}
    entries = []
    for a in assignments:
        if a.status not in (AStatus.ACTIVE, AStatus.COMPLETED):
            continue
        hours_by_day = {
            day: hours_between(start, end) for day, start, end in slots[a.request_id]
        }
        last = min(a.date_to, ctx.today)
        days = [
            a.date_from + dt.timedelta(days=n)
            for n in range((last - a.date_from).days + 1)
        ]
        worked = [d for d in days if d.weekday() in hours_by_day][-6:]
        for day in worked:
            approved = a.status == AStatus.COMPLETED or (
                (ctx.today - day).days > 7 and ctx.rng.random() < 0.6
            )
            entries.append(
                HoursEntry(
                    assignment=a,
                    date=day,
                    hours=hours_by_day[day.weekday()],
                    note=ctx.rng.choice(HOURS_NOTES),
                    status=(
                        HoursEntry.Status.APPROVED
                        if approved
                        else HoursEntry.Status.LOGGED
                    ),
                    logged_by=ctx.coordinator,
                    approved_by=ctx.coordinator if approved else None,
                    approved_at=ctx.now if approved else None,
                )
            )
    created = HoursEntry.objects.bulk_create(entries, batch_size=BATCH)
    HoursEntry.history.bulk_history_create(
        created,
        batch_size=BATCH,
        default_user=ctx.coordinator,
        default_change_reason="dane demonstracyjne",
    )
    return len(created)


def _programme_volunteers(programmes, specs, assignments) -> None:
    by_request = {s.request.pk: s.request.programme_id for s in specs}
    links = {
        (by_request[a.request_id], a.volunteer_id)
        for a in assignments
        if by_request.get(a.request_id)
        and a.status in (AStatus.ACCEPTED, AStatus.ACTIVE, AStatus.COMPLETED)
    }
    Link = Programme.volunteers.through
    Link.objects.bulk_create(
        [Link(programme_id=p, volunteer_id=v) for p, v in sorted(links)],
        batch_size=BATCH,
    )
