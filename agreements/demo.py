"""Demo agreements for ``manage.py demo_data``, made through the services so
they obey the same rules (numbers, guardian consent, no overlaps).

Most volunteers with active assignments get a signed agreement covering them
(the matching demo keeps active work to 30 days, so the others may work
without one); some agreements end within a month, for the dashboard.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db.models import Max, Min, OuterRef, Subquery
from django.utils import timezone

from agreements import documents, services
from agreements.models import (
    Agreement,
    AgreementCounter,
    AgreementKind,
    AgreementTemplate,
    InsurancePolicy,
    SafetyInformation,
    Signatory,
)
from matching.models import Assignment
from registry.demo.timeline import at, register_start
from registry.models import Institution, Volunteer
from volunteer_center.core.pdf import LaidOutAhead

MAX_COVERED = 30
MAX_OTHERS = 10
MAX_INSTITUTIONS = 6
# An agreement is drafted at least this long after its party was entered.
PARTY_LEAD = dt.timedelta(minutes=10)
SCOPES = [
    (
        "Pomoc seniorom w zakupach i załatwianiu spraw urzędowych.",
        "Wizyty w domach odbiorców według grafiku ustalonego z koordynatorem.",
    ),
    (
        "Korepetycje i pomoc w odrabianiu lekcji dla dzieci ze szkół podstawowych.",
        "Zajęcia w świetlicy, dwa razy w tygodniu po półtorej godziny.",
    ),
    (
        "Udział w zbiórkach żywności i odzieży prowadzonych przez Ośrodek.",
        "Dyżury w punktach zbiórki, sortowanie i wydawanie darów.",
    ),
    (
        "Towarzyszenie osobom z niepełnosprawnościami w spacerach i wizytach.",
        "Spotkania umawiane z odbiorcą i koordynatorem, w miarę potrzeb.",
    ),
]


def generate(*, rng, options, stdout) -> None:
    actor = get_user_model().objects.filter(username="koordynator").first()
    since = timezone.now()
    today = timezone.localdate()
    # The centre's group NNW policy for the year: short work may start.
    policy, _new = InsurancePolicy.objects.get_or_create(
        insurer="PZU S.A.",
        number=f"NNW-{today.year}-CW",
        defaults={
            "date_from": today.replace(month=1, day=1),
            "date_to": today.replace(month=12, day=31),
            "covers_everybody": True,
        },
    )
    signatory, _new = Signatory.objects.get_or_create(
        name="Katarzyna Wójcik",
        defaults={"function": "Kierownik Zespołu ds. usług", "user": actor},
    )
    _texts_dated(today, policy, signatory)
    made = []
    # The PDFs are most of the time: laid out by other processes meanwhile.
    with LaidOutAhead() as ahead:
        covering, lacking = _covering_plans(rng)
        covered = _make(actor, covering, made, ahead)
        others = _other_plans(rng, today, exclude=covered | lacking)
        institutions = _institution_plans(today)
        _make(actor, others + institutions, made, ahead)
    _history_dated(made, since)
    stdout.write(
        f"  agreements: {len(covered)} covering assignments "
        f"({len(lacking)} with short work left without one), "
        f"{len(others)} others, {len(institutions)} with institutions"
    )


def _fields(index: int, start: dt.date, end: dt.date | None, **extra) -> dict:
    scope, manner = SCOPES[index % len(SCOPES)]
    return {
        "scope": scope,
        "manner": manner,
        "place": "Czechowice-Dziedzice",
        "date_from": start,
        "date_to": end,
        "safety_info_given": True,
        "safety_info_given_on": start,
        "safety_information": SafetyInformation.objects.order_by("pk").first(),
        "insurance_nnw": end is not None and (end - start).days < 30,
        **extra,
    }


def _backdate(agreement, day) -> None:
    """The demo's history: the agreement was drafted (and printed) on the day
    it was signed, before its work began (signing is refused before printing),
    and after its party was entered in the register."""
    moment = max(at(day, 9 * 60), agreement.party.created_at + PARTY_LEAD)
    fields = {"created_at": moment, "updated_at": moment}
    if agreement.prepared_at is not None:
        moment = min(moment, agreement.prepared_at)
        fields = {"created_at": moment, "updated_at": moment, "prepared_at": moment}
    Agreement.objects.filter(pk=agreement.pk).update(**fields)


def _drafted(agreement) -> Agreement:
    """A draft dated the day its work begins (or today, for work ahead)."""
    _backdate(agreement, min(agreement.date_from, timezone.localdate()))
    return agreement


def _texts_dated(today: dt.date, policy: InsurancePolicy, signatory) -> None:
    """The texts, the safety information and the signatory the agreements
    name were there before the first of them, from the register's first day
    (the migrations made the texts when the database was made); the year's
    policy from shortly before its year."""
    first = at(register_start(today), 8 * 60)
    for model in (AgreementTemplate, SafetyInformation):
        model.objects.filter(created_at__gt=first).update(created_at=first)
    Signatory.objects.filter(pk=signatory.pk, created_at__gt=first).update(
        created_at=first
    )
    bought = at(policy.date_from - dt.timedelta(days=10), 10 * 60)
    InsurancePolicy.objects.filter(pk=policy.pk, created_at__gt=bought).update(
        created_at=bought
    )


def _history_dated(pks: list[int], since) -> None:
    """The agreements' history rows, written by the services a moment ago,
    dated when each agreement was drafted, printed and signed: one UPDATE;
    and the rows the signing wrote on the volunteer (the standards or the
    guardian's consent recorded) dated with the volunteer's agreement."""
    made = Agreement.objects.filter(pk=OuterRef("id")).values("created_at")
    Agreement.history.filter(id__in=pks).update(history_date=Subquery(made))
    theirs = (
        Agreement.objects.filter(pk__in=pks, volunteer=OuterRef("id"))
        .order_by("created_at")
        .values("created_at")[:1]
    )
    signers = Agreement.objects.filter(pk__in=pks).values("volunteer")
    Volunteer.history.filter(id__in=signers, history_date__gte=since).update(
        history_date=Subquery(theirs)
    )


def _sign(actor, agreement, ahead: LaidOutAhead) -> bool:
    try:
        agreement = services.agreement_prepare(
            actor=actor,
            agreement=agreement,
            signatory=Signatory.objects.first(),
            ahead=ahead,
        ).agreement
        day = min(agreement.date_from, timezone.localdate())
        _backdate(agreement, day)
        services.agreement_sign(
            actor=actor,
            agreement=agreement,
            signed_on=day,
            document_sha256=agreement.document_sha256,
        )
    except services.AgreementError:
        return False  # e.g. a minor without the guardian's consent: a draft
    return True


def _make(actor, plans: list[dict], made: list, ahead: LaidOutAhead) -> set:
    """Agreements through the services, in the order planned, each signed or
    left a draft as planned; their ids go into ``made``. Returns the ids of
    the parties whose agreement was signed."""
    _lay_out_ahead(plans, ahead)
    signed = set()
    for plan in plans:
        agreement = services.agreement_create(
            actor=actor, kind=plan["kind"], party=plan["party"], fields=plan["fields"]
        )
        made.append(agreement.pk)
        if plan["sign"] and _sign(actor, agreement, ahead):
            signed.add(plan["party"].pk)
        else:
            _drafted(Agreement.objects.get(pk=agreement.pk))
    return signed


def _lay_out_ahead(plans: list[dict], ahead: LaidOutAhead) -> None:
    """The documents for signing of the agreements planned, as the services
    will render them (the numbers follow the year's counter in the order of
    the plans), handed to other processes to lay out while the services make
    the agreements one by one. A document foreseen wrongly is only rendered
    again: the services store what they render."""
    signatory = Signatory.objects.first()
    year = timezone.localdate().year
    last = AgreementCounter.objects.filter(year=year).values_list("last", flat=True)
    start = (last.first() or 0) + 1
    for number_seq, plan in enumerate(plans, start=start):
        if not plan["sign"]:
            continue
        foreseen = services.agreement_document_foreseen(
            kind=plan["kind"],
            party=plan["party"],
            fields=plan["fields"],
            number_seq=number_seq,
            signatory=signatory,
        )
        if foreseen is not None:
            ahead.submit(documents.agreement_html(foreseen, for_signing=True))


def _plan(party, fields: dict, *, sign: bool = True) -> dict:
    kind = (
        AgreementKind.VOLUNTEER
        if isinstance(party, Volunteer)
        else AgreementKind.INSTITUTION
    )
    return {"kind": kind, "party": party, "fields": fields, "sign": sign}


def _signed_up_on(volunteer) -> dt.date:
    return timezone.localdate(volunteer.created_at)


def _consented_on(volunteer) -> dt.date:
    return volunteer.guardian_consent_on or dt.date.min


def _covering_plans(rng) -> tuple[list[dict], set]:
    """The agreements covering the first volunteers' active work, and the
    volunteers whose short work is left without one."""
    spans = (
        Assignment.objects.filter(status=Assignment.Status.ACTIVE)
        .values("volunteer")
        .annotate(start=Min("date_from"), end=Max("date_to"))
        .order_by("volunteer")[:MAX_COVERED]
    )
    plans, lacking = [], set()
    volunteers = Volunteer.objects.in_bulk([row["volunteer"] for row in spans])
    for index, row in enumerate(spans):
        volunteer = volunteers[row["volunteer"]]
        if index % 4 == 3:
            lacking.add(volunteer.pk)
            continue
        start = row["start"] - dt.timedelta(days=rng.randint(0, 14))
        # Not before the sign-up, which came before the work's proposal, nor
        # before a minor's recorded consent (registry.rules).
        start = max(start, _signed_up_on(volunteer), _consented_on(volunteer))
        end = row["end"] + dt.timedelta(days=rng.randint(0, 60))
        fields = _fields(index, start, None if index % 5 == 0 else end)
        plans.append(_plan(volunteer, fields))
    return plans, lacking


def _other_plans(rng, today, *, exclude: set) -> list[dict]:
    volunteers = (
        Volunteer.objects.active()
        .not_anonymised()
        .exclude(pk__in=exclude)
        .order_by("pk")[:MAX_OTHERS]
    )
    plans = []
    for index, volunteer in enumerate(volunteers):
        start = today - dt.timedelta(days=rng.randint(30, 200))
        start = max(start, _signed_up_on(volunteer), _consented_on(volunteer))
        # Some end within the next month: the dashboard lists them.
        end = today + dt.timedelta(days=rng.choice([5, 12, 25, 90, 180]))
        plans.append(_plan(volunteer, _fields(index, start, end), sign=bool(index % 3)))
    return plans


def _institution_plans(today) -> list[dict]:
    institutions = Institution.objects.filter(sends_volunteers=True).order_by("pk")
    fields = {
        "scope": "Kierowanie uczniów i członków do wolontariatu w Ośrodku.",
        "manner": "Instytucja zgłasza chętnych; Centrum kieruje ich do zadań.",
        "date_from": today.replace(month=1, day=1),
        "date_to": today.replace(month=12, day=31),
    }
    return [_plan(i, dict(fields)) for i in institutions[:MAX_INSTITUTIONS]]
