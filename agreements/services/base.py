"""What the agreement services share: the numbering, saving with the model's
validation, the editable fields and the lock on an agreement."""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from agreements.errors import AgreementError
from agreements.models import (
    PARTY_FIELD,
    Agreement,
    AgreementCounter,
    AgreementKind,
)
from registry import rules
from registry.models import Beneficiary, Institution, Volunteer
from volunteer_center.core.services import save_validated

SCAN_MAX_BYTES_DEFAULT = 10 * 1024 * 1024
# What the first bytes of an upload are, not what its name claims.
SCAN_SIGNATURES = (
    (b"%PDF-", ".pdf"),
    (b"\xff\xd8\xff", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", ".png"),
)
PARTY_MODEL = {
    AgreementKind.VOLUNTEER: Volunteer,
    AgreementKind.INSTITUTION: Institution,
    AgreementKind.BENEFICIARY: Beneficiary,
}
EDITABLE_FIELDS = (
    "scope",
    "manner",
    "place",
    "date_from",
    "date_to",
    "termination_clause",
    "safety_info_given",
    "insurance_nnw",
    "insurance_policy_number",
    "cost_reimbursement",
    "travel_costs_waiver",
    "travel_costs_waiver_scope",
    "safety_info_given_on",
    "safety_information",
    "safety_instruction",
    "korzystajacy",
    "party_representatives",
    "insurance_by_party",
    "guardian_consent",
    "guardian_name",
)


@dataclass
class SignOutcome:
    agreement: Agreement
    warnings: list = field(default_factory=list)


def _next_number(*, year: int, series: str) -> int:
    # ON CONFLICT DO NOTHING: the first create of a year inserts the row, a
    # concurrent one waits for it; then the row lock orders everybody.
    AgreementCounter.objects.bulk_create(
        [AgreementCounter(year=year)], ignore_conflicts=True
    )
    counter = AgreementCounter.objects.select_for_update().get(year=year)
    value = getattr(counter, series) + 1
    setattr(counter, series, value)
    counter.save(update_fields=[series])
    return value


def _save(instance, *, actor) -> None:
    try:
        save_validated(instance, actor=actor)
    except ValidationError as error:
        raise AgreementError(" ".join(error.messages)) from error


def _assign(agreement: Agreement, fields: Mapping) -> None:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable here: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(agreement, name, value)


def _check_dates(agreement: Agreement) -> None:
    if agreement.date_to is not None and agreement.date_to < agreement.date_from:
        raise AgreementError(_("The agreement cannot end before it starts."))
    late = guardian_consent_late(agreement)
    if late:
        # Shown next to the start date on the agreement's form.
        raise ValidationError({"date_from": late})


def guardian_consent_late(agreement: Agreement) -> str:
    """The refusal of a minor's agreement that starts before the recorded
    consent of their legal representative (``registry.rules``), or ""."""
    volunteer = (
        agreement.volunteer if agreement.kind == AgreementKind.VOLUNTEER else None
    )
    if volunteer is None or not volunteer.guardian_consent:
        return ""
    if not rules.guardian_consent_too_late(
        birth_date=volunteer.birth_date,
        consent_on=volunteer.guardian_consent_on,
        start=agreement.date_from,
    ):
        return ""
    return _(
        "The legal representative consented on %(day)s, after the agreement "
        "starts: a minor may start the services only with consent given "
        "beforehand. Start the agreement on that day or later."
    ) % {"day": date_format(volunteer.guardian_consent_on, "SHORT_DATE_FORMAT")}


def _locked(agreement: Agreement) -> Agreement:
    return (
        Agreement.objects.select_for_update(of=("self",))
        .select_related("template", *PARTY_FIELD.values())
        .get(pk=agreement.pk)
    )
