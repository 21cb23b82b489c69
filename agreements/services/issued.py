"""Certificates (zaświadczenia) and references (opinie) issued to volunteers."""

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements import documents, selectors
from agreements.errors import AgreementError
from agreements.models import Certificate, Reference, Signatory
from agreements.services.base import _next_number, _save
from registry.models import Volunteer


def default_signatory(actor) -> Signatory | None:
    """The person who signs for the OPS when the staff member issuing a
    document does not choose: their own entry, else the first in use."""
    signatories = Signatory.objects.active()
    own = signatories.filter(user=actor).first() if actor is not None else None
    return own or signatories.first()


def _issue(model, *, actor, volunteer, date_from, date_to, series, signatory, **fields):
    if date_to < date_from:
        raise AgreementError(_("The period cannot end before it starts."))
    if volunteer.is_anonymised:
        raise AgreementError(_("An anonymised record cannot be a party."))
    signatory = signatory or default_signatory(actor)
    if signatory is None or not signatory.is_active:
        raise AgreementError(
            _(
                "Choose who signs for the OPS (the administrator keeps the list of "
                "people authorised to sign)."
            )
        )
    summary = selectors.volunteer_service_summary(volunteer, date_from, date_to)
    if not summary.assignments:
        raise AgreementError(_("The volunteer has no approved hours in this period."))
    fields["scope"] = (fields.get("scope") or "").strip() or summary.scope()
    year = timezone.localdate().year
    document = model(
        volunteer=volunteer,
        date_from=date_from,
        date_to=date_to,
        first_day=summary.first_day,
        last_day=summary.last_day,
        hours=summary.hours,
        assignments=[row.as_json() for row in summary.assignments],
        signatory=signatory,
        signed_by=documents.signature_block(signatory),
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
    *,
    actor,
    volunteer: Volunteer,
    date_from: dt.date,
    date_to: dt.date,
    scope: str = "",
    signatory: Signatory | None = None,
    on_request: bool = True,
) -> Certificate:
    """Zaświadczenie of the services performed (art. 44 ust. 2), from the
    approved hours: their actual first and last day and their scope. A
    certificate of a bulk issue (``on_request=False``) does not say it was
    asked for."""
    certificate = _issue(
        Certificate,
        actor=actor,
        volunteer=volunteer,
        date_from=date_from,
        date_to=date_to,
        series="last_certificate",
        signatory=signatory,
        scope=scope,
        on_request=on_request,
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
    signatory: Signatory | None = None,
) -> Reference:
    """Opinia about the volunteer's work in the period (art. 44 ust. 3), with
    the scope of the services."""
    if not assessment.strip():
        raise AgreementError(_("Write the assessment of the volunteer's work."))
    reference = _issue(
        Reference,
        actor=actor,
        volunteer=volunteer,
        date_from=date_from,
        date_to=date_to,
        series="last_reference",
        signatory=signatory,
        scope=scope,
        assessment=assessment.strip(),
    )
    _store_pdf(reference, documents.reference_pdf(reference), actor=actor)
    return reference
