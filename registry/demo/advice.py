"""Demo advice and support: visits, calls and e-mails of the last weeks and
the next days, with volunteers, beneficiaries and walk-in residents (one of
whom came twice, so that a walk-in person's data export has their visits),
saved through the advice register's services."""

import datetime as dt

from django.db.models import (
    Case,
    DateTimeField,
    OuterRef,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from registry.advice import services
from registry.models import Beneficiary, Consultation, ConsultationTopic, Volunteer

# The person a visit was with had been in the register at least this long.
ENTERED_BEFORE = dt.timedelta(days=1)

# (days from today, hour, topic, form, whom, notes); whom is "volunteer",
# "beneficiary" or a walk-in (name, phone, e-mail).
VISITS = [
    (
        -20,
        10,
        "Jak zostać wolontariuszem",
        "in_person",
        ("Teresa Kubica", "601 204 118", ""),
        "Pytała o wolontariat w szkole; dostała ulotkę i adres formularza.",
    ),
    (
        -13,
        10,
        "Świadczenia i pomoc społeczna",
        "phone",
        ("Teresa Kubica", "601204118", ""),
        "Oddzwoniła w sprawie zasiłku celowego dla sąsiadki; skierowana do "
        "pracownika socjalnego.",
    ),
    (
        -12,
        16,
        "Porozumienie i formalności wolontariatu",
        "phone",
        "volunteer",
        "Pytania o zwrot kosztów dojazdu; wyjaśniono § 5 porozumienia.",
    ),
    (
        -9,
        10,
        "Wsparcie osoby starszej lub z niepełnosprawnością",
        "in_person",
        "beneficiary",
        "Rozmowa o pomocy w zakupach; zgłoszenie przekazane koordynatorowi.",
    ),
    (
        -6,
        12,
        "Współpraca instytucji z centrum",
        "email",
        ("Marek Szczotka", "", "m.szczotka@example.org"),
        "Szkoła pyta o porozumienie o współpracy; wysłano wzór.",
    ),
    (
        -2,
        15,
        "Szukam pomocy wolontariusza",
        "phone",
        ("Halina Bury", "", ""),
        "Potrzebuje transportu do przychodni; zaproszona na dyżur.",
    ),
    (2, 10, "Jak zostać wolontariuszem", "phone", "volunteer", ""),
    (4, 16, "Inne", "phone", ("Jerzy Mrowiec", "602 318 447", ""), ""),
]


def _person_fields(whom, nth: int, starts_at) -> dict | None:
    """Who the visit was with (someone entered in the register before it);
    None when the demo has nobody of that kind. Chosen without the demo's
    random source, so that the data of the apps generated after the register
    stays what it was."""
    registered = {
        "volunteer": Volunteer.objects.active(),
        "beneficiary": Beneficiary.objects.all(),
    }
    if whom in registered:
        people = registered[whom].filter(created_at__lt=starts_at - ENTERED_BEFORE)
        people = list(people.order_by("pk")[:50])
        return {whom: people[nth * 7 % len(people)]} if people else None
    name, phone, email = whom
    return {"walk_in_name": name, "walk_in_phone": phone, "walk_in_email": email}


def make_consultations(ctx) -> int:
    """The visits, once: a second run of the demo (more volunteers, more
    requests) would book the same desk at the same hours."""
    if Consultation.objects.exists():
        return 0
    topics = {t.name: t for t in ConsultationTopic.objects.all()}
    made = 0
    held = []
    for nth, (days, hour, topic, form, whom, notes) in enumerate(VISITS):
        day = ctx.today + dt.timedelta(days=days)
        starts_at = timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))
        person = _person_fields(whom, nth, starts_at)
        if person is None:
            continue
        past = days < 0
        consultation = services.consultation_create(
            actor=ctx.coordinator,
            fields={
                "starts_at": starts_at,
                "topic": topics[topic],
                "form": form,
                "status": (
                    Consultation.Status.HELD if past else Consultation.Status.PLANNED
                ),
                "notes": notes,
                **person,
            },
        )
        if past:
            ended = starts_at + dt.timedelta(minutes=consultation.duration_minutes)
            held.append((consultation.pk, ended))
        made += 1
    _written_after(held)
    return made


def _written_after(held: list[tuple[int, dt.datetime]]) -> None:
    """A visit held is written down when it ended, not when the demo ran:
    one UPDATE of the visits and one of their history rows."""
    if not held:
        return
    pks = [pk for pk, _ended in held]
    written = Case(
        *(When(pk=pk, then=Value(ended)) for pk, ended in held),
        output_field=DateTimeField(),
    )
    Consultation.objects.filter(pk__in=pks).update(
        created_at=written, updated_at=written
    )
    made = Consultation.objects.filter(pk=OuterRef("id")).values("created_at")
    Consultation.history.filter(id__in=pks).update(history_date=Subquery(made))
