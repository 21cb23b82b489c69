"""Certificates (zaświadczenia) and references (opinie) issued to volunteers."""

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements import documents, selectors
from agreements.errors import AgreementError
from agreements.models import Certificate, Reference
from agreements.services.base import _next_number, _save
from registry.models import Volunteer


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
