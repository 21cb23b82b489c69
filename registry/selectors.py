"""Reads of the register shared by views, forms and exports."""

import contextlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from registry import validators
from registry.models import (
    Availability,
    Beneficiary,
    Category,
    District,
    Institution,
    Skill,
    Volunteer,
)

# The one access scope of each model (docs/ARCHITECTURE.md, Roles): all that a
# user's detail, edit and action pages may fetch. A row-level limit lives in
# the queryset's ``visible_to``; a model without one is seen whole by whoever
# holds the page's permission.


def volunteer_scope(user) -> QuerySet[Volunteer]:
    return Volunteer.objects.all()


def beneficiary_scope(user) -> QuerySet[Beneficiary]:
    return Beneficiary.objects.visible_to(user)


def institution_scope(user) -> QuerySet[Institution]:
    return Institution.objects.all()


def volunteer_list() -> QuerySet[Volunteer]:
    return Volunteer.objects.not_anonymised().select_related("district")


def with_skill_names(volunteers: Iterable[Volunteer]) -> list[Volunteer]:
    """The volunteers, each with ``skill_names``: its skills' names in the
    skills' order, read in one query of (volunteer, name) pairs. A page of the
    list shows only the names; prefetching builds a Skill and a queryset per
    row, which cost more than drawing the row."""
    volunteers = list(volunteers)
    names = defaultdict(list)
    order = [f"skill__{field}" for field in Skill._meta.ordering]
    pairs = (
        Volunteer.skills.through.objects.filter(
            volunteer_id__in=[volunteer.pk for volunteer in volunteers]
        )
        .order_by(*order, "skill_id")
        .values_list("volunteer_id", "skill__name")
    )
    for volunteer_id, name in pairs:
        names[volunteer_id].append(name)
    for volunteer in volunteers:
        volunteer.skill_names = names[volunteer.pk]
    return volunteers


# What a volunteer's page is drawn from (``volunteer_detail`` and the change
# history; the availability, skills, interests and districts are saved with
# the volunteer, each change leaving its history row), besides staff accounts.
VOLUNTEER_PAGE_READ = (Volunteer, District, Skill, Category, Institution)


def volunteer_detail(volunteers: QuerySet[Volunteer]) -> QuerySet[Volunteer]:
    return volunteers.select_related(
        "district",
        "sending_institution",
        "vetting_verified_by",
        "guardian_consent_recorded_by",
        "register_checked_by",
        "criminal_record_seen_by",
    ).prefetch_related(
        "skills",
        "interests",
        "reachable_districts",
        Prefetch("availability", queryset=Availability.objects.order_by()),
    )


def beneficiary_list(user) -> QuerySet[Beneficiary]:
    return beneficiary_scope(user).select_related("district", "social_worker")


def institution_list() -> QuerySet[Institution]:
    return Institution.objects.select_related("district")


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


def recognised_person(
    model, *, first_name: str, last_name: str, pesel="", email="", phone=""
):
    """The one record of ``model`` that is this person: the same first and
    last name and the same PESEL, e-mail or phone. None when there is none, or
    more than one (then the duplicate check reports them)."""

    def name(first, last) -> tuple[str, ...]:
        return tuple(" ".join(str(n or "").split()).casefold() for n in (first, last))

    wanted = name(first_name, last_name)
    same = [
        d.record
        for d in find_duplicates(model, pesel=pesel, email=email, phone=phone)
        if name(d.record.first_name, d.record.last_name) == wanted
    ]
    return same[0] if len(same) == 1 else None


def recognised_institution(*, nip="", regon="", name="", city=""):
    """The one institution a row of an import is: the same NIP or REGON
    (however written: "PL 526-000-12-46"), or, for a row with neither, the
    same name and town of an institution without them. None when there is
    none or more than one (then the unique NIP or REGON reports the row)."""
    nip = validators.normalize_nip(str(nip or ""))
    regon = validators.normalize_regon(str(regon or ""))
    if nip or regon:
        condition = Q(nip=nip) if nip else Q()
        if regon:
            condition |= Q(regon=regon)
        found = list(Institution.objects.filter(condition)[:2])
    else:
        words = " ".join(str(name or "").split())
        found = list(
            Institution.objects.filter(
                name__iexact=words,
                city__iexact=str(city or "").strip(),
                nip="",
                regon="",
            )[:2]
        )
    return found[0] if len(found) == 1 else None


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


def record_data(record) -> dict:
    """Every field the register holds on one record, choices and related
    records in words (RODO art. 15 and 20)."""
    data = {}
    for field in record._meta.concrete_fields:
        if field.name == "search_text":
            continue
        value = getattr(record, field.attname)
        if field.choices and value not in (None, ""):
            value = getattr(record, f"get_{field.name}_display")()
        elif field.is_relation and value is not None:
            value = str(getattr(record, field.name))
        data[field.name] = _export_value(value)
    return data


def volunteer_personal_data(volunteer: Volunteer) -> dict:
    """Everything the register holds about a volunteer (RODO art. 15 and 20)."""
    data = record_data(volunteer)
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
