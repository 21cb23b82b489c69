"""Changes to agreements, certificates and references.

Numbers come from the year's counter row, locked for the rest of the
transaction: concurrent creates wait for each other, and a create that fails
rolls its number back, so the series has no gaps.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements import documents, placeholders, selectors
from agreements.errors import AgreementError
from agreements.models import (
    PARTY_FIELD,
    Agreement,
    AgreementCounter,
    AgreementKind,
    AgreementTemplate,
    Certificate,
    Reference,
)
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


@transaction.atomic
def agreement_create(
    *,
    actor,
    kind: str,
    party,
    fields: Mapping,
    template: AgreementTemplate | None = None,
) -> Agreement:
    """A draft agreement with the next number of the year and the current text
    of its kind."""
    kind = AgreementKind(kind)
    if not isinstance(party, PARTY_MODEL[kind]):
        raise AgreementError(_("The party does not match the kind of agreement."))
    if getattr(party, "anonymised_at", None) is not None:
        raise AgreementError(_("An anonymised record cannot be a party."))
    template = template or AgreementTemplate.objects.current(kind)
    if template is None or template.kind != kind:
        raise AgreementError(_("There is no text in use for this kind of agreement."))
    agreement = Agreement(kind=kind, template=template, created_by=actor)
    setattr(agreement, PARTY_FIELD[kind], party)
    agreement.termination_clause = documents.DEFAULT_TERMINATION_CLAUSE
    if kind == AgreementKind.VOLUNTEER and party.guardian_consent:
        agreement.guardian_consent = True
        agreement.guardian_name = party.guardian_name
    _assign(agreement, fields)
    _check_dates(agreement)
    year = timezone.localdate().year
    agreement.number_year = year
    agreement.number_seq = _next_number(year=year, series="last")
    agreement.number = f"CW/{year}/{agreement.number_seq:03d}"
    agreement.text = documents.render_agreement_text(agreement)
    _save(agreement, actor=actor)
    return agreement


def _locked(agreement: Agreement) -> Agreement:
    return (
        Agreement.objects.select_for_update(of=("self",))
        .select_related("template", *PARTY_FIELD.values())
        .get(pk=agreement.pk)
    )


@transaction.atomic
def agreement_update(*, actor, agreement: Agreement, fields: Mapping) -> Agreement:
    agreement = _locked(agreement)
    if not agreement.is_draft:
        raise AgreementError(_("Only a draft agreement can be changed."))
    _assign(agreement, fields)
    _check_dates(agreement)
    agreement.text = documents.render_agreement_text(agreement)
    _save(agreement, actor=actor)
    return agreement


def _check_no_overlap(agreement: Agreement) -> None:
    # The party's row is locked so that two coordinators signing two
    # agreements with the same person at once cannot both pass this check.
    party_field = PARTY_FIELD[agreement.kind]
    PARTY_MODEL[agreement.kind].objects.select_for_update().get(pk=agreement.party_id)
    clash = (
        Agreement.objects.binding()
        .filter(kind=agreement.kind, **{f"{party_field}_id": agreement.party_id})
        .overlapping(agreement.date_from, agreement.date_to)
        .exclude(pk=agreement.pk)
        .first()
    )
    if clash is not None:
        raise AgreementError(
            _(
                "Agreement %(number)s with this party is already in force for "
                "an overlapping period."
            )
            % {"number": clash.number}
        )


def _check_volunteer_rules(agreement: Agreement, on: dt.date) -> list:
    """Art. 45–46: refuses what the law forbids, returns what it only warns of."""
    volunteer = agreement.volunteer
    if volunteer.age(on) < 18 and not (
        agreement.guardian_consent and agreement.guardian_name.strip()
    ):
        raise AgreementError(
            _(
                "A volunteer under 18 needs the written consent of a legal "
                "guardian: record it in the agreement before signing."
            )
        )
    if not agreement.safety_info_given:
        raise AgreementError(
            _(
                "Inform the volunteer about the health and safety risks and record "
                "it in the agreement before signing."
            )
        )
    warnings = []
    if agreement.is_short and not agreement.insurance_nnw:
        warnings.append(
            _(
                "The work lasts up to 30 days: the centre must insure the volunteer "
                "against accidents (NNW), and this agreement records no insurance."
            )
        )
    return warnings


@transaction.atomic
def agreement_sign(
    *, actor, agreement: Agreement, signed_on: dt.date | None = None
) -> SignOutcome:
    """Both parties have signed the paper copy: the text is frozen."""
    agreement = _locked(agreement)
    if not agreement.is_draft:
        raise AgreementError(_("Only a draft agreement can be signed."))
    signed_on = signed_on or timezone.localdate()
    warnings = []
    if agreement.kind == AgreementKind.VOLUNTEER:
        warnings = _check_volunteer_rules(agreement, signed_on)
    _check_no_overlap(agreement)
    agreement.status = Agreement.Status.SIGNED
    agreement.signed_on = signed_on
    agreement.signed_by_centre = actor
    agreement.text = documents.render_agreement_text(agreement)
    _save(agreement, actor=actor)
    return SignOutcome(agreement=agreement, warnings=warnings)


@transaction.atomic
def agreement_activate(
    *, actor, agreement: Agreement, today: dt.date | None = None
) -> Agreement:
    agreement = _locked(agreement)
    today = today or timezone.localdate()
    if agreement.status != Agreement.Status.SIGNED:
        raise AgreementError(_("Only a signed agreement can come into force."))
    if agreement.date_to is not None and agreement.date_to < today:
        raise AgreementError(_("The period of this agreement is already over."))
    agreement.status = Agreement.Status.ACTIVE
    _save(agreement, actor=actor)
    return agreement


@transaction.atomic
def agreement_terminate(
    *, actor, agreement: Agreement, date: dt.date, reason: str
) -> Agreement:
    agreement = _locked(agreement)
    if agreement.status not in Agreement.BINDING:
        raise AgreementError(
            _("Only a signed agreement or one in force can be terminated.")
        )
    if not reason.strip():
        raise AgreementError(_("Give the reason for the termination."))
    if date > timezone.localdate():
        raise AgreementError(
            _("Record the termination on the day it takes effect, not in advance.")
        )
    if agreement.signed_on and date < agreement.signed_on:
        raise AgreementError(
            _("An agreement cannot be terminated before it was signed.")
        )
    agreement.status = Agreement.Status.TERMINATED
    agreement.terminated_on = date
    agreement.termination_reason = reason.strip()
    _save(agreement, actor=actor)
    return agreement


@transaction.atomic
def agreement_expire_due(*, actor=None, today: dt.date | None = None) -> int:
    """Marks as expired every binding agreement whose period is over."""
    today = today or timezone.localdate()
    due = Agreement.objects.binding().filter(date_to__lt=today).select_for_update()
    count = 0
    for agreement in due:
        agreement.status = Agreement.Status.EXPIRED
        agreement._history_user = actor
        agreement.save(update_fields=["status", "updated_at"])
        count += 1
    return count


def _sniff(upload) -> str:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for signature, extension in SCAN_SIGNATURES:
        if head.startswith(signature):
            return extension
    raise AgreementError(_("The scan must be a PDF, JPEG or PNG file."))


@transaction.atomic
def agreement_attach_scan(*, actor, agreement: Agreement, upload) -> Agreement:
    """Stores the scan of the signed paper copy on the private storage."""
    limit = getattr(settings, "AGREEMENT_SCAN_MAX_BYTES", SCAN_MAX_BYTES_DEFAULT)
    if upload.size > limit:
        raise AgreementError(
            _("The scan is too large: at most %(mb)d MB.") % {"mb": limit // 2**20}
        )
    extension = _sniff(upload)
    agreement = _locked(agreement)
    if agreement.is_draft:
        raise AgreementError(_("Sign the agreement before attaching its scan."))
    old = agreement.scan.name
    name = f"{agreement.number.replace('/', '-')}{extension}"
    agreement.scan.save(name, upload, save=False)
    agreement._history_user = actor
    agreement.save(update_fields=["scan", "updated_at"])
    storage, new = agreement.scan.storage, agreement.scan.name
    transaction.on_commit(lambda: old and old != new and storage.delete(old))
    return agreement


# --- Certificates and references ---------------------------------------------


def _issue(model, *, actor, volunteer, date_from, date_to, series, **fields):
    if date_to < date_from:
        raise AgreementError(_("The period cannot end before it starts."))
    if volunteer.is_anonymised:
        raise AgreementError(_("An anonymised record cannot be a party."))
    summary = selectors.volunteer_service_summary(volunteer, date_from, date_to)
    if not summary.assignments:
        raise AgreementError(_("The volunteer has no approved hours in this period."))
    year = timezone.localdate().year
    document = model(
        volunteer=volunteer,
        date_from=date_from,
        date_to=date_to,
        hours=summary.hours,
        assignments=[row.as_json() for row in summary.assignments],
        issued_by=actor,
        issued_at=timezone.now(),
        number_year=year,
        **fields,
    )
    document.number_seq = _next_number(year=year, series=series)
    document.number = f"{model.PREFIX}/{year}/{document.number_seq:03d}"
    return document


def _store_pdf(document, pdf: bytes, *, actor) -> None:
    name = f"{document.number.replace('/', '-')}.pdf"
    document.pdf.save(name, ContentFile(pdf), save=False)
    _save(document, actor=actor)


@transaction.atomic
def certificate_issue(
    *, actor, volunteer: Volunteer, date_from: dt.date, date_to: dt.date, scope=""
) -> Certificate:
    """Zaświadczenie of the services performed, from the approved hours."""
    certificate = _issue(
        Certificate,
        actor=actor,
        volunteer=volunteer,
        date_from=date_from,
        date_to=date_to,
        series="last_certificate",
        scope=scope,
    )
    _store_pdf(certificate, documents.certificate_pdf(certificate), actor=actor)
    return certificate


@transaction.atomic
def reference_issue(
    *,
    actor,
    volunteer: Volunteer,
    date_from: dt.date,
    date_to: dt.date,
    assessment: str,
    scope: str = "",
) -> Reference:
    """Opinia about the volunteer's work in the period."""
    if not assessment.strip():
        raise AgreementError(_("Write the assessment of the volunteer's work."))
    reference = _issue(
        Reference,
        actor=actor,
        volunteer=volunteer,
        date_from=date_from,
        date_to=date_to,
        series="last_reference",
        scope=scope,
        assessment=assessment.strip(),
    )
    _store_pdf(reference, documents.reference_pdf(reference), actor=actor)
    return reference


# --- Texts of agreements ---------------------------------------------------------


def check_template_syntax(body: str) -> None:
    """A text the renderer can fill in: the placeholders and tags it knows,
    nothing half-typed (agreements.placeholders)."""
    errors = placeholders.text_errors(body)
    if errors:
        raise AgreementError(" ".join(errors))


def check_newest_version(template: AgreementTemplate) -> None:
    """Only the newest version of a kind is edited: a version made from an
    older one would drop the changes of those after it. The kind's versions
    stay locked to the end of the transaction, so of two people editing the
    newest only the first publishes; the other is told to start from it."""
    # The stored kind: an edit form may have changed the instance's own.
    stored = AgreementTemplate.objects.filter(pk=template.pk).values("kind")
    newest = (
        AgreementTemplate.objects.select_for_update()
        .filter(kind__in=stored)
        .order_by("-version")
        .first()
    )
    if newest is not None and newest.pk != template.pk:
        raise AgreementError(
            _(
                "This is version %(version)d, and version %(newest)d is newer. "
                "Open version %(newest)d and make the change there, so that "
                "its changes are kept."
            )
            % {"version": template.version, "newest": newest.version}
        )


@transaction.atomic
def agreement_template_publish(
    *, actor, kind: str, title: str, body: str, based_on=None
) -> AgreementTemplate:
    """A new version of a kind's text, which from now on is the one in use;
    made from the version ``based_on`` when one is edited, which must be the
    newest. Agreements keep the version they were made from (and their
    frozen text)."""
    check_template_syntax(body)
    if based_on is not None:
        check_newest_version(based_on)
    versions = list(
        AgreementTemplate.objects.select_for_update()
        .filter(kind=kind)
        .order_by("-version")
    )
    AgreementTemplate.objects.filter(kind=kind, is_active=True).update(is_active=False)
    template = AgreementTemplate(
        kind=kind,
        version=versions[0].version + 1 if versions else 1,
        title=title,
        body=body,
        is_active=True,
        created_by=actor,
    )
    _save(template, actor=actor)
    return template


@transaction.atomic
def agreement_template_set_in_use(
    *, actor, template: AgreementTemplate, in_use: bool
) -> AgreementTemplate:
    """Puts a version of a kind's text in use (the one in use until now steps
    back: one per kind) or out of use."""
    versions = {
        t.pk: t
        for t in AgreementTemplate.objects.select_for_update().filter(
            kind=template.kind
        )
    }
    template = versions[template.pk]
    if in_use:
        for other in versions.values():
            if other.is_active and other.pk != template.pk:
                other.is_active = False
                _save(other, actor=actor)
    template.is_active = in_use
    _save(template, actor=actor)
    return template
