"""Agreements from draft to end: create, change, bring into force, terminate,
expire, attach the scan of the signed paper copy."""

import datetime as dt
from collections.abc import Mapping

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements import documents
from agreements.errors import AgreementError
from agreements.models import PARTY_FIELD, Agreement, AgreementKind, AgreementTemplate
from agreements.services.base import (
    PARTY_MODEL,
    SCAN_MAX_BYTES_DEFAULT,
    SCAN_SIGNATURES,
    _assign,
    _check_dates,
    _locked,
    _next_number,
    _save,
)
from agreements.services.signing import discard_prepared, for_signing


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
    agreement = _draft(kind=kind, party=party, fields=fields, template=template)
    agreement.created_by = actor
    year = timezone.localdate().year
    _numbered(agreement, year, _next_number(year=year, series="last"))
    _save(agreement, actor=actor)
    return agreement


def agreement_document_foreseen(
    *,
    kind: str,
    party,
    fields: Mapping,
    number_seq: int,
    signatory,
    template: AgreementTemplate | None = None,
) -> Agreement | None:
    """The agreement as ``agreement_create`` would make it with this year's
    number ``number_seq`` and ``agreement_prepare`` then prepare it, unsaved:
    what its document for signing will show, so that the document can be laid
    out ahead (``documents.agreement_html``, the demo data). None when either
    service would refuse it."""
    try:
        agreement = _draft(kind=kind, party=party, fields=fields, template=template)
        _numbered(agreement, timezone.localdate().year, number_seq)
        for_signing(agreement, signatory)
    except (AgreementError, ValidationError):
        return None
    return agreement


def _draft(*, kind: str, party, fields: Mapping, template) -> Agreement:
    """A new draft of the kind with the party, the fields and the text it
    will have, checked, not numbered nor saved."""
    kind = AgreementKind(kind)
    if not isinstance(party, PARTY_MODEL[kind]):
        raise AgreementError(_("The party does not match the kind of agreement."))
    if getattr(party, "anonymised_at", None) is not None:
        raise AgreementError(_("An anonymised record cannot be a party."))
    template = template or AgreementTemplate.objects.current(kind)
    if template is None or template.kind != kind:
        raise AgreementError(_("There is no text in use for this kind of agreement."))
    agreement = Agreement(kind=kind, template=template)
    setattr(agreement, PARTY_FIELD[kind], party)
    agreement.termination_clause = documents.default_termination_clause(kind)
    # A minor concludes the agreement with the consent of their legal
    # representative (art. 17 KC): the document carries it for them to sign,
    # also when the consent was not given yet (signing it records it).
    if kind == AgreementKind.VOLUNTEER and (party.guardian_consent or party.is_minor):
        agreement.guardian_consent = True
        agreement.guardian_name = party.guardian_name
    _assign(agreement, fields)
    _check_dates(agreement)
    return agreement


def _numbered(agreement: Agreement, year: int, seq: int) -> None:
    """The number, and the text that names it."""
    agreement.number_year = year
    agreement.number_seq = seq
    agreement.number = f"CW/{year}/{seq:03d}"
    agreement.text = documents.render_agreement_text(agreement)


@transaction.atomic
def agreement_update(*, actor, agreement: Agreement, fields: Mapping) -> Agreement:
    agreement = _locked(agreement)
    if not agreement.is_draft:
        raise AgreementError(_("Only a draft agreement can be changed."))
    _assign(agreement, fields)
    _check_dates(agreement)
    discard_prepared(agreement)
    agreement.text = documents.render_agreement_text(agreement)
    _save(agreement, actor=actor)
    return agreement


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
