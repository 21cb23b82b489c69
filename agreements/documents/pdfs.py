"""The PDFs of agreements, certificates and references, always in Polish."""

import datetime as dt

from django.utils import timezone, translation

from agreements.documents.text import (
    PARTY_LABEL,
    _centre_label,
    _split_closing,
    agreement_summary,
    guardian_consent_note,
)
from agreements.documents.words import (
    LAW_SHORT,
    days_phrase,
    days_text,
    period_text,
    polish_date,
)
from agreements.models import Agreement, Certificate, Reference
from registry.models import GrammaticalGender
from volunteer_center.core.pdf import LaidOutAhead, document_html, render_pdf


def _render_polish(
    template_name: str, context: dict, *, ahead: LaidOutAhead | None = None
) -> bytes:
    with translation.override("pl"):
        return render_pdf(template_name, context, ahead=ahead)


def agreement_pdf(
    agreement: Agreement,
    *,
    for_signing: bool = False,
    ahead: LaidOutAhead | None = None,
) -> bytes:
    """The PDF of an agreement; ``for_signing`` renders the document that is
    printed, signed and stored (a draft is marked as one). ``ahead``: see
    ``agreement_html``."""
    return _render_polish(*_agreement_document(agreement, for_signing), ahead=ahead)


def agreement_html(agreement: Agreement, *, for_signing: bool = False) -> str:
    """The HTML ``agreement_pdf`` lays out, to hand to a ``LaidOutAhead``
    before the agreement is rendered."""
    template_name, context = _agreement_document(agreement, for_signing)
    with translation.override("pl"):
        return document_html(template_name, context)


def _agreement_document(agreement: Agreement, for_signing: bool) -> tuple[str, dict]:
    body, closing = _split_closing(agreement.text)
    prepared = for_signing or agreement.is_prepared
    signatory = agreement.representation or (
        str(agreement.signatory) if agreement.signatory else ""
    )
    return (
        "agreements/pdf/agreement.html",
        {
            "agreement": agreement,
            "title": agreement.template.title,
            "summary": agreement_summary(agreement, for_signing=prepared),
            "body": body,
            "closing": closing,
            "party_label": PARTY_LABEL[agreement.kind],
            "centre_label": _centre_label(agreement),
            "centre_signatory": signatory.removeprefix("reprezentowany przez: "),
            "guardian_note": guardian_consent_note(agreement),
            "draft": agreement.is_draft and not prepared,
        },
    )


def signature_block(signatory) -> str:
    """Who signs a certificate or a reference for the OPS, as printed."""
    authorised = ", z upoważnienia Dyrektora" if signatory.on_authorisation else ""
    return f"{signatory.name} – {signatory.function}{authorised}"


# The verb of the certificate in the volunteer's grammatical form; unknown:
# the sentence is turned so that no form is needed.
PERFORMED = {
    GrammaticalGender.FEMALE: "wykonywała",
    GrammaticalGender.MALE: "wykonywał",
}


def _document_context(document) -> dict:
    volunteer = document.volunteer
    first_day = document.first_day or document.date_from
    last_day = document.last_day or document.date_to
    return {
        "document": document,
        "period": period_text(document.date_from, document.date_to),
        "served": days_text(first_day, last_day),
        "served_in": days_phrase(first_day, last_day),
        "performed": PERFORMED.get(volunteer.gender, ""),
        "born": polish_date(volunteer.birth_date),
        "issued_on": polish_date(timezone.localtime(document.issued_at).date()),
        "assignments": [
            {
                **row,
                "date_from": polish_date(dt.date.fromisoformat(row["date_from"])),
                "date_to": polish_date(dt.date.fromisoformat(row["date_to"])),
            }
            for row in document.assignments
        ],
        "law": LAW_SHORT,
        "signed_by": document.signed_by,
    }


def certificate_pdf(certificate: Certificate) -> bytes:
    return _render_polish(
        "agreements/pdf/certificate.html", _document_context(certificate)
    )


def reference_pdf(reference: Reference) -> bytes:
    return _render_polish("agreements/pdf/reference.html", _document_context(reference))
