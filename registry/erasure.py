"""The right to erasure (RODO art. 17) in the register: what identifies a
volunteer or a beneficiary is cleared, every app clears its part (the
``person_erasure`` registry), the change history with its old values goes;
what remains still counts in statistics. Re-exported by registry.services."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry import vetting
from registry.errors import RegistryError
from registry.models import Beneficiary, Volunteer
from volunteer_center.core import registries
from volunteer_center.core.audit import access_log, access_log_relabel
from volunteer_center.core.models import AccessLog

ANONYMISED_NAME = "—"
# What identifies a person, per model; cleared by anonymisation. The guardian's
# consent goes with the guardian's name (a CHECK constraint pairs them), and the
# vetting facts are criminal-record data (RODO art. 10) that no statistic needs.
ANONYMISED_FIELDS = {
    Volunteer: {
        **dict.fromkeys(
            (
                "pesel",
                "email",
                "phone",
                "street",
                "postal_code",
                "languages",
                "guardian_name",
                "guardian_phone",
                "guardian_email",
                "notes",
            ),
            "",
        ),
        "guardian_consent": False,
        "guardian_consent_on": None,
        "sms_consent_at": None,
        "newsletter_consent_at": None,
        "image_consent_at": None,
        **vetting.cleared_vetting(),
    },
    Beneficiary: dict.fromkeys(
        ("email", "phone", "street", "postal_code", "needs", "notes"), ""
    ),
}


def _anonymise(person, *, actor):
    """Clears what identifies ``person`` (locked by the caller), lets every app
    clear its part, and removes the change history with its old values; what
    remains (status, district, year of birth, dates) still counts in statistics.
    """
    person.history.all().delete()
    for field, value in ANONYMISED_FIELDS[type(person)].items():
        setattr(person, field, value)
    person.first_name = ANONYMISED_NAME
    person.last_name = f"#{person.pk}"
    if person.birth_date is not None:
        person.birth_date = person.birth_date.replace(month=1, day=1)
    person.anonymised_at = timezone.now()
    person._history_user = actor
    # Not full_clean(): the age rules would ask for a guardian that is gone.
    person.save()
    registries.person_erase(person=person, actor=actor)
    access_log_relabel(person)
    access_log(actor=actor, action=AccessLog.Action.ANONYMISE, obj=person)
    return person


@transaction.atomic
def volunteer_anonymise(*, actor, volunteer: Volunteer) -> Volunteer:
    """The right to erasure (RODO art. 17) for a former volunteer, at any age:
    documents an archive must keep (agreements, certificates) keep their own
    frozen text."""
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    if volunteer.is_anonymised:
        raise RegistryError(_("This record is already anonymised."))
    if volunteer.status != Volunteer.Status.FORMER:
        raise RegistryError(
            _("Only a former volunteer can be anonymised; mark them as former first.")
        )
    return _anonymise(volunteer, actor=actor)


@transaction.atomic
def beneficiary_anonymise(*, actor, beneficiary: Beneficiary) -> Beneficiary:
    """The right to erasure for a person who no longer receives help."""
    beneficiary = Beneficiary.objects.select_for_update().get(pk=beneficiary.pk)
    if beneficiary.is_anonymised:
        raise RegistryError(_("This record is already anonymised."))
    if beneficiary.status != Beneficiary.Status.INACTIVE:
        raise RegistryError(
            _(
                "Only a person who no longer receives help can be anonymised; "
                "change the status first."
            )
        )
    return _anonymise(beneficiary, actor=actor)
