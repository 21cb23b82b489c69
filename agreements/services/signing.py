"""Signing: the document for signing is rendered once, stored with its hash,
and signing records that exact document (the text that was signed is the
text kept)."""

import contextlib
import datetime as dt
import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from agreements import documents
from agreements.errors import AgreementError
from agreements.models import PARTY_FIELD, Agreement, AgreementKind, Signatory
from agreements.services.base import (
    PARTY_MODEL,
    SignOutcome,
    _locked,
    _save,
    guardian_consent_late,
)
from registry import consents, vetting
from registry.errors import RegistryError
from registry.models import GuardianConsentMethod
from volunteer_center.core.pdf import LaidOutAhead


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


# The words of the volunteer agreement by which the volunteer acknowledges the
# centre's child protection standards.
STANDARDS_CLAUSE = "potwierdza zapoznanie się z nimi"


def _check_volunteer_rules(agreement: Agreement, on: dt.date) -> list:
    """Art. 45–46 and art. 17 KC: refuses what the law forbids, returns what it
    only warns of."""
    volunteer = agreement.volunteer
    if volunteer.age(on) < 18 and not (
        agreement.guardian_consent and agreement.guardian_name.strip()
    ):
        raise AgreementError(
            _(
                "A volunteer under 18 concludes the agreement with the consent of "
                "their przedstawiciel ustawowy (parent or legal guardian, art. 17 "
                "of the Civil Code): record it before signing."
            )
        )
    late = guardian_consent_late(agreement)
    if late:
        raise AgreementError(late)
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


def _check_signable(agreement: Agreement, on: dt.date) -> list:
    if agreement.kind == AgreementKind.VOLUNTEER:
        return _check_volunteer_rules(agreement, on)
    return []


def _signatory(signatory) -> Signatory:
    if signatory is None or not signatory.is_active:
        raise AgreementError(
            _(
                "Choose who signs for the OPS (the administrator keeps the list of "
                "people authorised to sign)."
            )
        )
    return signatory


def for_signing(agreement: Agreement, signatory) -> list:
    """The draft made the document for signing, in memory: the person who
    signs for the OPS and the text with them. Refuses what signing would
    refuse, returns what it warns of."""
    warnings = _check_signable(agreement, timezone.localdate())
    agreement.signatory = _signatory(signatory)
    agreement.representation = documents.representation_text(agreement.signatory)
    agreement.text = documents.render_agreement_text(agreement)
    return warnings


@transaction.atomic
def agreement_prepare(
    *,
    actor,
    agreement: Agreement,
    signatory,
    ahead: LaidOutAhead | None = None,
) -> SignOutcome:
    """The document for signing: the text with the person who signs for the
    OPS, rendered once as a PDF and stored with its SHA-256. Printing it again
    gives the same file; changing the draft discards it. ``ahead``: documents
    being laid out by other processes (``core.pdf.LaidOutAhead``); the PDF is
    taken from there when its HTML is this document's, so it is the same file
    either way."""
    agreement = _locked(agreement)
    if not agreement.is_draft:
        raise AgreementError(_("Only a draft agreement can be prepared for signing."))
    warnings = for_signing(agreement, signatory)
    agreement.prepared_at = timezone.now()
    pdf = documents.agreement_pdf(agreement, for_signing=True, ahead=ahead)
    old = agreement.document.name
    name = f"{agreement.number.replace('/', '-')}.pdf"
    agreement.document.save(name, ContentFile(pdf), save=False)
    agreement.document_sha256 = hashlib.sha256(pdf).hexdigest()
    _save(agreement, actor=actor)
    _delete_on_commit(agreement.document.storage, old, keep=agreement.document.name)
    return SignOutcome(agreement=agreement, warnings=warnings)


def _delete_on_commit(storage, name: str, *, keep: str) -> None:
    if name and name != keep:
        transaction.on_commit(lambda: storage.delete(name))


def discard_prepared(agreement: Agreement) -> None:
    """A changed draft is no longer the document that was printed."""
    if agreement.document:
        _delete_on_commit(agreement.document.storage, agreement.document.name, keep="")
    agreement.document = ""
    agreement.document_sha256 = ""
    agreement.prepared_at = None
    agreement.representation = ""


@transaction.atomic
def agreement_sign(
    *,
    actor,
    agreement: Agreement,
    document_sha256: str,
    signed_on: dt.date | None = None,
) -> SignOutcome:
    """Both parties have signed the printed document: signing records that
    document (its hash), and the text is kept as it was printed."""
    agreement = _locked(agreement)
    if not agreement.is_draft:
        raise AgreementError(_("Only a draft agreement can be signed."))
    if not agreement.is_prepared:
        raise AgreementError(_("Prepare the document for signing and print it first."))
    if document_sha256 != agreement.document_sha256:
        raise AgreementError(
            _(
                "The agreement was prepared again after you printed it: print the "
                "new document and have it signed."
            )
        )
    signed_on = signed_on or timezone.localdate()
    _check_signing_day(agreement, signed_on)
    warnings = _check_signable(agreement, signed_on)
    _check_no_overlap(agreement)
    agreement.status = Agreement.Status.SIGNED
    agreement.signed_on = signed_on
    agreement.signed_by_centre = actor
    _save(agreement, actor=actor)
    _record_guardian_signature(agreement, actor=actor)
    _record_standards_acknowledgement(agreement, actor=actor)
    return SignOutcome(agreement=agreement, warnings=warnings)


def earliest_signing_day(agreement: Agreement) -> dt.date:
    """The document signed was printed from the prepared draft: it cannot have
    been signed before the draft was made or the document prepared."""
    moments = [agreement.created_at, agreement.prepared_at or agreement.created_at]
    return max(timezone.localdate(moment) for moment in moments)


def _check_signing_day(agreement: Agreement, day: dt.date) -> None:
    if day > timezone.localdate():
        raise AgreementError(_("An agreement cannot be signed on a future date."))
    earliest = earliest_signing_day(agreement)
    if day < earliest:
        raise AgreementError(
            _(
                "The document for signing was prepared on %(day)s: the agreement "
                "cannot have been signed before that."
            )
            % {"day": date_format(earliest, "SHORT_DATE_FORMAT")}
        )


def _record_standards_acknowledgement(agreement: Agreement, *, actor) -> None:
    """A volunteer who signed a text saying they acknowledge the child
    protection standards (version 2, § 2) has done so on the day they signed."""
    volunteer = agreement.volunteer
    if volunteer is None or STANDARDS_CLAUSE not in agreement.text:
        return
    # Without published standards there was nothing to acknowledge.
    with contextlib.suppress(RegistryError):
        vetting.volunteer_standards_acknowledge(
            actor=actor, volunteer=volunteer, on=agreement.signed_on
        )


def _record_guardian_signature(agreement: Agreement, *, actor) -> None:
    """A legal representative who signed the agreement has given consent: the
    register records it (who, when, how)."""
    volunteer = agreement.volunteer
    if agreement.guardian_consent and volunteer and not volunteer.guardian_consent:
        consents.guardian_consent_record(
            actor=actor,
            volunteer=volunteer,
            method=GuardianConsentMethod.SIGNATURE,
            given_on=agreement.signed_on,
            name=agreement.guardian_name,
        )
