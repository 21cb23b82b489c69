"""Reads of the advice register: consultations, free visit slots, office hours."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.dates import WEEKDAYS

from registry.advice.models import closed_days
from registry.models import (
    Consultation,
    OfficeHours,
)


def consultation_scope(user) -> QuerySet[Consultation]:
    """The consultations' access scope (registry.selectors): all of them, for
    whoever holds the page's permission."""
    return Consultation.objects.all()


def walk_in_visits(consultation: Consultation) -> QuerySet[Consultation]:
    """The visits of the walk-in person of ``consultation``: those under the
    same name with the same phone or e-mail; a person who left neither is
    known only by this visit (a name alone could be someone else's)."""
    contact = Q(pk=consultation.pk)
    if consultation.walk_in_phone:
        contact |= Q(walk_in_phone=consultation.walk_in_phone)
    if consultation.walk_in_email:
        contact |= Q(walk_in_email__iexact=consultation.walk_in_email)
    return (
        Consultation.objects.filter(
            volunteer=None,
            beneficiary=None,
            institution=None,
            walk_in_name__iexact=consultation.walk_in_name,
        )
        .filter(contact)
        .select_related("topic")
        .order_by("starts_at", "pk")
    )


def consultation_detail(
    consultations: QuerySet[Consultation],
) -> QuerySet[Consultation]:
    return consultations.select_related(
        "topic", "volunteer", "beneficiary", "institution", "advisor"
    )


def consultation_list() -> QuerySet[Consultation]:
    return consultation_detail(Consultation.objects.all())


def booked_visits(now: dt.datetime | None = None) -> QuerySet[Consultation]:
    """Visits residents booked online in office hours that are still to come,
    soonest first."""
    return (
        consultation_list()
        .filter(
            booked_online=True,
            status=Consultation.Status.PLANNED,
            starts_at__gte=now or timezone.now(),
        )
        .order_by("starts_at", "pk")
    )


@dataclass(frozen=True)
class FreeSlot:
    starts_at: dt.datetime
    ends_at: dt.datetime

    @property
    def value(self) -> str:
        """The slot as a form value: local date and time, to the minute."""
        return timezone.localtime(self.starts_at).strftime("%Y-%m-%dT%H:%M")


def free_slots(
    from_date: dt.date | None = None, days: int = 28, *, now=None
) -> list[FreeSlot]:
    """The office-hours slots from ``from_date`` on, for ``days`` days, that
    are still in the future, not on a day the office is closed (a public
    holiday or a closure day) and that no in-person visit overlaps."""
    now = now or timezone.now()
    from_date = from_date or timezone.localdate(now)
    hours_by_day: dict[int, list[OfficeHours]] = {}
    for hours in OfficeHours.objects.active():
        hours_by_day.setdefault(hours.weekday, []).append(hours)
    candidates = []
    closed = closed_days(from_date, from_date + dt.timedelta(days=days))
    for offset in range(days):
        day = from_date + dt.timedelta(days=offset)
        if day in closed:
            continue
        for hours in hours_by_day.get(day.weekday(), []):
            length = dt.timedelta(minutes=hours.slot_minutes)
            for start in hours.slot_starts():
                starts_at = timezone.make_aware(dt.datetime.combine(day, start))
                if starts_at > now:
                    candidates.append(FreeSlot(starts_at, starts_at + length))
    if not candidates:
        return []
    taken = Consultation.objects.occupying_the_desk().overlapping(
        min(slot.starts_at for slot in candidates),
        max(slot.ends_at for slot in candidates),
    )
    return sorted(
        (
            slot
            for slot in candidates
            if not any(
                c.starts_at < slot.ends_at and c.ends_at > slot.starts_at for c in taken
            )
        ),
        key=lambda slot: slot.starts_at,
    )


def office_hours() -> list[dict]:
    """The office hours in use with the day's name, Monday first; the
    administrator edits them (registry.OfficeHours)."""
    return [
        {
            "weekday": hours.weekday,
            "start": f"{hours.start:%H:%M}",
            "end": f"{hours.end:%H:%M}",
            "day": WEEKDAYS[hours.weekday],
        }
        for hours in OfficeHours.objects.active().order_by("weekday", "start")
    ]
