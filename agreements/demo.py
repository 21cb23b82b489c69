"""Demo agreements for ``manage.py demo_data``, made through the services so
they obey the same rules (numbers, guardian consent, no overlaps).

Most volunteers with active assignments get a signed agreement covering them
(the matching demo keeps active work to 30 days, so the others may work
without one); some agreements end within a month, for the dashboard.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db.models import Max, Min
from django.utils import timezone

from agreements import services
from agreements.models import (
    Agreement,
    AgreementKind,
    InsurancePolicy,
    SafetyInformation,
    Signatory,
)
from matching.models import Assignment
from registry.models import Institution, Volunteer

MAX_COVERED = 30
MAX_OTHERS = 10
MAX_INSTITUTIONS = 6
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
    today = timezone.localdate()
    # The centre's group NNW policy for the year: short work may start.
    InsurancePolicy.objects.get_or_create(
        insurer="PZU S.A.",
        number=f"NNW-{today.year}-CW",
        defaults={
            "date_from": today.replace(month=1, day=1),
            "date_to": today.replace(month=12, day=31),
            "covers_everybody": True,
        },
    )
    Signatory.objects.get_or_create(
        name="Katarzyna Wójcik",
        defaults={"function": "Kierownik Zespołu ds. usług", "user": actor},
    )
    covered, lacking = _covering_agreements(actor, rng)
    others = _other_agreements(actor, rng, today, exclude=covered | lacking)
    institutions = _institution_agreements(actor, today)
    stdout.write(
        f"  agreements: {len(covered)} covering assignments "
        f"({len(lacking)} with short work left without one), "
        f"{others} others, {institutions} with institutions"
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
    """The demo's history: the agreement was drafted and printed on the day it
    was signed, before its work began (signing is refused before printing)."""
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(9)))
    moment = min(moment, agreement.prepared_at)
    Agreement.objects.filter(pk=agreement.pk).update(
        created_at=moment, prepared_at=moment
    )


def _sign(actor, agreement) -> bool:
    try:
        agreement = services.agreement_prepare(
            actor=actor, agreement=agreement, signatory=Signatory.objects.first()
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


def _covering_agreements(actor, rng) -> tuple[set, set]:
    spans = (
        Assignment.objects.filter(status=Assignment.Status.ACTIVE)
        .values("volunteer")
        .annotate(start=Min("date_from"), end=Max("date_to"))
        .order_by("volunteer")[:MAX_COVERED]
    )
    covered, lacking = set(), set()
    volunteers = Volunteer.objects.in_bulk([row["volunteer"] for row in spans])
    for index, row in enumerate(spans):
        volunteer = volunteers[row["volunteer"]]
        if index % 4 == 3:
            lacking.add(volunteer.pk)
            continue
        start = row["start"] - dt.timedelta(days=rng.randint(0, 14))
        end = row["end"] + dt.timedelta(days=rng.randint(0, 60))
        agreement = services.agreement_create(
            actor=actor,
            kind=AgreementKind.VOLUNTEER,
            party=volunteer,
            fields=_fields(index, start, None if index % 5 == 0 else end),
        )
        if _sign(actor, agreement):
            covered.add(volunteer.pk)
    return covered, lacking


def _other_agreements(actor, rng, today, *, exclude: set) -> int:
    volunteers = (
        Volunteer.objects.active()
        .not_anonymised()
        .exclude(pk__in=exclude)
        .order_by("pk")[:MAX_OTHERS]
    )
    for index, volunteer in enumerate(volunteers):
        start = today - dt.timedelta(days=rng.randint(30, 200))
        # Some end within the next month: the dashboard lists them.
        end = today + dt.timedelta(days=rng.choice([5, 12, 25, 90, 180]))
        agreement = services.agreement_create(
            actor=actor,
            kind=AgreementKind.VOLUNTEER,
            party=volunteer,
            fields=_fields(index, start, end),
        )
        if index % 3:
            _sign(actor, agreement)
    return len(volunteers)


def _institution_agreements(actor, today) -> int:
    institutions = Institution.objects.filter(sends_volunteers=True).order_by("pk")
    made = 0
    for institution in institutions[:MAX_INSTITUTIONS]:
        agreement = services.agreement_create(
            actor=actor,
            kind=AgreementKind.INSTITUTION,
            party=institution,
            fields={
                "scope": "Kierowanie uczniów i członków do wolontariatu w Ośrodku.",
                "manner": "Instytucja zgłasza chętnych; Centrum kieruje ich do zadań.",
                "date_from": today.replace(month=1, day=1),
                "date_to": today.replace(month=12, day=31),
            },
        )
        _sign(actor, agreement)
        made += 1
    return made
