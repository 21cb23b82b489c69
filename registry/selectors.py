"""Reads of the register shared by views, forms and exports."""

import contextlib
import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.dates import WEEKDAYS

from registry import validators
from registry.models import (
    Availability,
    Beneficiary,
    Consultation,
    Institution,
    OfficeHours,
    Volunteer,
)


def volunteer_list() -> QuerySet[Volunteer]:
    return (
        Volunteer.objects.not_anonymised()
        .select_related("district")
        .prefetch_related("skills")
    )


def volunteer_detail() -> QuerySet[Volunteer]:
    return Volunteer.objects.select_related(
        "district", "sending_institution", "vetting_verified_by"
    ).prefetch_related(
        "skills",
        "interests",
        "reachable_districts",
        Prefetch("availability", queryset=Availability.objects.order_by()),
    )


def beneficiary_list(user) -> QuerySet[Beneficiary]:
    return Beneficiary.objects.visible_to(user).select_related(
        "district", "social_worker"
    )


def institution_list() -> QuerySet[Institution]:
    return Institution.objects.select_related("district")


# --- Possible duplicates --------------------------------------------------------


@dataclass(frozen=True)
class Duplicate:
    record: object
    matched_on: tuple[str, ...]


def find_duplicates(
    model,
    *,
    pesel: str = "",
    email: str = "",
    phone: str = "",
    exclude_pk: int | None = None,
    queryset: QuerySet | None = None,
) -> list[Duplicate]:
    """Existing records with the same PESEL, e-mail or phone (any formatting)."""
    checks = {}
    if pesel and hasattr(model, "pesel"):
        checks["pesel"] = Q(pesel=pesel)
    if email:
        checks["email"] = Q(email__iexact=email.strip())
    if phone:
        with contextlib.suppress(validators.ValidationError):
            checks["phone"] = Q(phone=validators.normalize_phone(phone))
    if not checks:
        return []
    condition = Q()
    for check in checks.values():
        condition |= check
    query = (queryset if queryset is not None else model.objects.all()).filter(
        condition
    )
    if exclude_pk is not None:
        query = query.exclude(pk=exclude_pk)
    found = []
    for record in query[:5]:
        matched = tuple(
            name
            for name, value in (
                ("pesel", pesel),
                ("email", email),
                ("phone", phone),
            )
            if name in checks and _matches(record, name, value)
        )
        found.append(Duplicate(record=record, matched_on=matched))
    return found


def _matches(record, field: str, value: str) -> bool:
    stored = getattr(record, field, "")
    if field == "email":
        return stored.lower() == value.strip().lower()
    if field == "phone":
        try:
            return stored == validators.normalize_phone(value)
        except validators.ValidationError:
            return False
    return stored == value


def volunteer_personal_data(volunteer: Volunteer) -> dict:
    """Everything the register holds about a volunteer (RODO art. 15 and 20)."""
    data = {
        field.name: _export_value(getattr(volunteer, field.attname))
        for field in volunteer._meta.concrete_fields
        if field.name not in {"search_text"}
    }
    data["skills"] = [s.name for s in volunteer.skills.all()]
    data["interests"] = [c.name for c in volunteer.interests.all()]
    data["reachable_districts"] = [d.name for d in volunteer.reachable_districts.all()]
    data["availability"] = [
        {"day": a.get_weekday_display(), "part": a.get_part_display()}
        for a in volunteer.availability.all()
    ]
    data["district"] = volunteer.district.name if volunteer.district else None
    return data


def _export_value(value):
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def availability_grid(volunteer: Volunteer) -> dict:
    """The weekly grid for display: days as rows, parts of the day as columns."""
    free = {(a.weekday, a.part) for a in volunteer.availability.all()}
    parts = Availability.Part.choices
    return {
        "parts": [label for _, label in parts],
        "rows": [
            {"day": label, "cells": [(day, part) in free for part, _ in parts]}
            for day, label in Availability.Weekday.choices
        ],
    }


# --- Consultations ---------------------------------------------------------------


def consultation_list() -> QuerySet[Consultation]:
    return Consultation.objects.select_related(
        "topic", "volunteer", "beneficiary", "institution", "advisor"
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
    are still in the future and that no in-person visit overlaps."""
    now = now or timezone.now()
    from_date = from_date or timezone.localdate(now)
    hours_by_day: dict[int, list[OfficeHours]] = {}
    for hours in OfficeHours.objects.active():
        hours_by_day.setdefault(hours.weekday, []).append(hours)
    candidates = []
    for offset in range(days):
        day = from_date + dt.timedelta(days=offset)
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
