"""Changes to the records of people and institutions who receive help,
and of an institution's contact persons."""

from collections.abc import Iterable, Mapping

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from registry import notices
from registry.models import (
    Beneficiary,
    ContactPerson,
    Institution,
)
from registry.services.duplicates import _check_duplicates, _confirmed_text
from volunteer_center.core.history import (
    changes_note,
)
from volunteer_center.core.services import assign_fields, save_validated


def _save_beneficiary(
    beneficiary: Beneficiary, *, actor, different_person: bool
) -> None:
    # Duplicates only among the beneficiaries the user may see: the warning
    # must not reveal who else receives help.
    others = _check_duplicates(
        beneficiary,
        scope=Beneficiary.objects.visible_to(actor),
        different_person=different_person,
    )
    beneficiary._change_reason = changes_note(_confirmed_text(others))
    save_validated(beneficiary, actor=actor)
    beneficiary.different_from.add(*others)


@transaction.atomic
def beneficiary_create(
    *, actor, fields: Mapping, different_person: bool = False
) -> Beneficiary:
    beneficiary = Beneficiary()
    assign_fields(beneficiary, fields)
    if beneficiary.social_worker_id is None and not actor.has_perm(
        "registry.view_all_beneficiaries"
    ):
        # A social worker's new beneficiary is theirs.
        beneficiary.social_worker = actor
    _save_beneficiary(beneficiary, actor=actor, different_person=different_person)
    # Filed by staff from the OPS's own files: RODO art. 14.
    notices.send_privacy_notice_on_commit(beneficiary)
    return beneficiary


@transaction.atomic
def beneficiary_update(
    *, actor, beneficiary: Beneficiary, fields: Mapping, different_person: bool = False
) -> Beneficiary:
    beneficiary = Beneficiary.objects.select_for_update().get(pk=beneficiary.pk)
    assign_fields(beneficiary, fields)
    _save_beneficiary(beneficiary, actor=actor, different_person=different_person)
    return beneficiary


@transaction.atomic
def institution_create(
    *, actor, fields: Mapping, contacts: Iterable[Mapping] | None = None
) -> Institution:
    return _save_institution(Institution(), fields, contacts, actor=actor)


@transaction.atomic
def institution_update(
    *,
    actor,
    institution: Institution,
    fields: Mapping,
    contacts: Iterable[Mapping] | None = None,
) -> Institution:
    """``contacts``, when given, is the whole list of contact persons: rows
    with an ``id`` change that person, rows without one are new, and persons
    left out are removed (each change in the contact person's history)."""
    institution = Institution.objects.select_for_update().get(pk=institution.pk)
    return _save_institution(institution, fields, contacts, actor=actor)


def _save_institution(
    institution: Institution, fields: Mapping, contacts, *, actor
) -> Institution:
    """The institution and, when given, its contact persons; what changed
    among them is said in the institution's history (each person's own
    history keeps their values)."""
    assign_fields(institution, fields)
    if contacts is None:
        save_validated(institution, actor=actor)
    elif institution.pk is None:
        # A new institution needs its id before its contact persons.
        added = [str(row.get("name", "")) for row in contacts]
        institution._change_reason = _contacts_change_text(added, [], [])
        save_validated(institution, actor=actor)
        _set_contacts(institution, contacts, actor=actor)
    else:
        institution._change_reason = _contacts_change_text(
            *_set_contacts(institution, contacts, actor=actor)
        )
        save_validated(institution, actor=actor)
    return institution


def _set_contacts(
    institution: Institution, rows: Iterable[Mapping], *, actor
) -> tuple[list[str], list[str], list[str]]:
    """Saves the rows as the institution's contact persons; returns the names
    added, the changed ("Ewa Nowak (phone)") and the removed."""
    existing = {c.pk: c for c in institution.contacts.select_for_update()}
    kept = set()
    added, changed = [], []
    for row in rows:
        values = {k: v for k, v in row.items() if k != "id"}
        contact = existing.get(row.get("id")) or ContactPerson(institution=institution)
        before = {name: getattr(contact, name) for name in values}
        assign_fields(contact, values)
        save_validated(contact, actor=actor)
        if contact.pk not in existing:
            added.append(str(contact))
        elif names := [
            str(ContactPerson._meta.get_field(name).verbose_name)
            for name in values
            # Compared as the model keeps it (a phone without its spaces).
            if getattr(contact, name) != before[name]
        ]:
            changed.append(f"{contact} ({', '.join(names)})")
        kept.add(contact.pk)
    removed = []
    for pk, contact in existing.items():
        if pk not in kept:
            removed.append(str(contact))
            contact._history_user = actor
            contact.delete()
    return added, changed, removed


def _contacts_change_text(added, changed, removed) -> str | None:
    """ "contact persons: added: Jan Kos; changed: Ewa Nowak (phone)"."""
    parts = []
    if added:
        parts.append(_("added: %(names)s") % {"names": ", ".join(added)})
    if changed:
        parts.append(_("changed: %(names)s") % {"names": ", ".join(changed)})
    if removed:
        parts.append(_("removed: %(names)s") % {"names": ", ".join(removed)})
    if not parts:
        return None
    return f"{ContactPerson._meta.verbose_name_plural}: {'; '.join(parts)}"
