"""Demo advice and support: visits, calls and e-mails of the last weeks and
the next days, with volunteers, beneficiaries and walk-in residents (one of
whom came twice, so that a walk-in person's data export has their visits),
saved through the advice register's services."""

import datetime as dt

from django.utils import timezone

from registry.advice import services
from registry.models import Beneficiary, Consultation, ConsultationTopic, Volunteer

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


def _person_fields(whom, nth: int) -> dict | None:
    """Who the visit was with; None when the demo has nobody of that kind.
    Chosen without the demo's random source, so that the data of the apps
    generated after the register stays what it was."""
    registered = {
        "volunteer": Volunteer.objects.active(),
        "beneficiary": Beneficiary.objects.all(),
    }
    if whom in registered:
        people = list(registered[whom].order_by("pk")[:50])
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
    for nth, (days, hour, topic, form, whom, notes) in enumerate(VISITS):
        person = _person_fields(whom, nth)
        if person is None:
            continue
        day = ctx.today + dt.timedelta(days=days)
        starts_at = timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))
        past = days < 0
        services.consultation_create(
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
        made += 1
    return made
