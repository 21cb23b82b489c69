"""The checks before work with minors (ustawa z 13 maja 2016 r., art. 21)
and the acknowledgement of the centre's child protection standards, recorded
through services: who verified each check is the acting user, never a field
someone types. Only facts and dates are kept, never a copy of a document."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.errors import RegistryError
from registry.models import Volunteer
from registry.models.vetting import AbroadDocument
from volunteer_center.core.legal.models import ChildProtectionStandards
from volunteer_center.core.services import save_validated

# Each check's date, and the field that names who verified it.
CHECKS = {
    "sex_offender_register_checked_on": "register_checked_by",
    "criminal_record_checked_on": "criminal_record_seen_by",
    "abroad_checked_on": "abroad_checked_by",
}
VETTING_FIELDS = (
    "sex_offender_register_checked_on",
    "register_printout_kept",
    "criminal_record_issued_on",
    "criminal_record_checked_on",
    "criminal_record_scope_confirmed",
    "lived_abroad",
    "abroad_countries",
    "abroad_document",
    "abroad_checked_on",
)


def _check_dates(volunteer: Volunteer) -> None:
    today = timezone.localdate()
    dates = [
        getattr(volunteer, name) for name in (*CHECKS, "criminal_record_issued_on")
    ]
    if any(day is not None and day > today for day in dates):
        raise RegistryError(_("A check cannot be recorded with a future date."))
    issued, seen = (
        volunteer.criminal_record_issued_on,
        volunteer.criminal_record_checked_on,
    )
    if issued and seen and issued > seen:
        raise RegistryError(
            _("The KRK information cannot be seen before the day it was issued.")
        )
    if volunteer.abroad_document and not volunteer.abroad_countries.strip():
        raise RegistryError(_("Name the countries the volunteer lived in."))
    if volunteer.abroad_document == AbroadDocument.NONE and volunteer.abroad_checked_on:
        raise RegistryError(_("Say what was presented for the countries abroad."))


@transaction.atomic
def volunteer_vetting_record(*, actor, volunteer: Volunteer, fields) -> Volunteer:
    """Records the checks; each check whose date changes is verified by
    ``actor``."""
    unknown = set(fields) - set(VETTING_FIELDS)
    if unknown:
        raise TypeError(f"not a vetting field: {sorted(unknown)}")
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    if volunteer.is_anonymised:
        raise RegistryError(_("An anonymised record cannot be changed."))
    for name, value in fields.items():
        if name in CHECKS and value != getattr(volunteer, name):
            setattr(volunteer, CHECKS[name], actor if value else None)
        setattr(volunteer, name, value)
    if not volunteer.lived_abroad:
        volunteer.abroad_countries, volunteer.abroad_document = "", AbroadDocument.NONE
        volunteer.abroad_checked_on, volunteer.abroad_checked_by = None, None
    _check_dates(volunteer)
    volunteer.vetting_verified_by = actor
    save_validated(volunteer, actor=actor)
    return volunteer


@transaction.atomic
def volunteer_standards_acknowledge(
    *, actor, volunteer: Volunteer, on=None
) -> Volunteer:
    """The volunteer acknowledged the current child protection standards
    (art. 22c): the version and the day are recorded."""
    standards = ChildProtectionStandards.objects.current()
    if standards is None:
        raise RegistryError(_("The centre has not published its standards yet."))
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    volunteer.standards_acknowledged_on = on or timezone.localdate()
    volunteer.standards_acknowledged_version = standards.version
    save_validated(volunteer, actor=actor)
    return volunteer


def cleared_vetting() -> dict:
    """The checks as if never recorded: criminal-record data (RODO art. 10)
    that no statistic needs once its time is over."""
    names = (*VETTING_FIELDS, *CHECKS.values(), "vetting_verified_by")
    return {name: Volunteer._meta.get_field(name).get_default() for name in names}


@transaction.atomic
def volunteer_vetting_erase(*, actor, volunteer: Volunteer) -> Volunteer:
    """The checks' retention is over (settings.RETENTION_VETTING_MONTHS after
    the last work with minors): the facts go, from the change history too."""
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    cleared = cleared_vetting()
    for name, value in cleared.items():
        setattr(volunteer, name, value)
    save_validated(volunteer, actor=actor)
    volunteer.history.update(**cleared)
    return volunteer
