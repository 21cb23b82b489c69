"""What the register contributes to the foundation's registries
(volunteer_center/core/registries.py): its menu and its part of a person's
data (the record, the consultations, who viewed or changed it)."""

import dataclasses

from django.utils.translation import gettext_lazy as _

from registry import selectors
from registry.advice import selectors as advice_selectors
from registry.models import Beneficiary, Consultation, Volunteer
from volunteer_center.core import person_data, registries

EXTRA_LABELS = {
    "skills": _("skills"),
    "interests": _("interests"),
    "reachable_districts": _("can reach"),
    "availability": _("availability"),
}


def volunteer_register_data(volunteer) -> registries.DataSection:
    labels = person_data.field_labels(Volunteer)
    labels.update({key: str(label) for key, label in EXTRA_LABELS.items()})
    return registries.DataSection(
        key="register",
        title=str(_("Register")),
        data=selectors.volunteer_personal_data(volunteer),
        labels=labels,
    )


def beneficiary_register_data(beneficiary) -> registries.DataSection:
    return registries.DataSection(
        key="register",
        title=str(_("Register")),
        data=selectors.record_data(beneficiary),
        labels=person_data.field_labels(Beneficiary),
    )


CONSULTATION_FIELDS = ("starts_at", "topic", "form", "status", "notes")


def consultations_data(person) -> registries.DataSection:
    visits = person.consultations.select_related("topic").order_by("starts_at")
    return registries.DataSection(
        key="consultations",
        title=str(_("Consultations")),
        data=_visit_rows(visits),
        labels=person_data.field_labels(Consultation, CONSULTATION_FIELDS),
    )


def _visit_rows(visits) -> list[dict]:
    return [
        {
            "starts_at": person_data.when(visit.starts_at),
            "topic": str(visit.topic),
            "form": str(visit.get_form_display()),
            "status": str(visit.get_status_display()),
            "notes": visit.notes,
        }
        for visit in visits
    ]


def walk_in_data(consultation) -> registries.DataSection:
    """A person advised without a record in any register: what their visits
    say about them."""
    fields = ("walk_in_name", "walk_in_phone", "walk_in_email")
    return registries.DataSection(
        key="register",
        title=str(_("Person advised")),
        data={name: getattr(consultation, name) for name in fields},
        labels=person_data.field_labels(Consultation, fields),
    )


def walk_in_consultations_data(consultation) -> registries.DataSection:
    return registries.DataSection(
        key="consultations",
        title=str(_("Consultations")),
        data=_visit_rows(advice_selectors.walk_in_visits(consultation)),
        labels=person_data.field_labels(Consultation, CONSULTATION_FIELDS),
    )


def walk_in_access_data(consultation) -> registries.DataSection:
    """Who viewed or changed any of the person's visits."""
    sections = [
        person_data.access_section(visit)
        for visit in advice_selectors.walk_in_visits(consultation)
    ]
    # Visit after visit, each visit's entries in their order.
    rows = [row for section in sections for row in section.data]
    return dataclasses.replace(sections[0], data=rows)


def register() -> None:
    registries.nav_menus.register("registry/_nav.html", order=20)
    for model, register_data in (
        ("registry.volunteer", volunteer_register_data),
        ("registry.beneficiary", beneficiary_register_data),
    ):
        registries.person_data.register(register_data, model=model, order=10)
        registries.person_data.register(consultations_data, model=model, order=40)
        registries.person_data.register(
            person_data.access_section, model=model, order=90
        )
    for register_data, order in (
        (walk_in_data, 10),
        (walk_in_consultations_data, 40),
        (walk_in_access_data, 90),
    ):
        registries.person_data.register(
            register_data, model="registry.consultation", order=order
        )
