"""The printed documents: an agreement's text filled from its template, and
the PDFs of agreements, certificates and references.

Documents are legal texts of a Polish public body, so they are always
rendered in Polish, whatever language the user's screen is in. The sentences
that depend on the data (who represents the OPS, the grammatical form of the
party, what was done under art. 45–46) are composed here, once, and both the
text and the PDF's summary table read them, so the two never disagree.

One module a subject: ``words`` (dates, clauses), ``text`` (an agreement's
text and summary), ``pdfs``; callers import from the package."""

from agreements.documents.pdfs import (
    PERFORMED,
    agreement_html,
    agreement_pdf,
    certificate_pdf,
    reference_pdf,
    signature_block,
)
from agreements.documents.text import (
    KORZYSTAJACY,
    PARTY_LABEL,
    agreement_context,
    agreement_summary,
    costs_agreed_text,
    costs_summary,
    guardian_consent_note,
    insurance_summary,
    insurance_text,
    one_full_stop,
    party_designation,
    party_representation,
    render_agreement_text,
    safety_summary,
    safety_text,
    waiver_text,
)
from agreements.documents.words import (
    BLANK,
    DEFAULT_COST_REIMBURSEMENT,
    DEFAULT_TERMINATION_CLAUSE,
    DEFINED_PARTIES_TERMINATION_CLAUSE,
    DESIGNATION,
    LAW_SHORT,
    PENDING_SIGNATURE,
    days_phrase,
    days_text,
    default_termination_clause,
    period_text,
    polish_date,
    representation_text,
)

__all__ = [
    "BLANK",
    "DEFAULT_COST_REIMBURSEMENT",
    "DEFAULT_TERMINATION_CLAUSE",
    "DEFINED_PARTIES_TERMINATION_CLAUSE",
    "DESIGNATION",
    "KORZYSTAJACY",
    "LAW_SHORT",
    "PARTY_LABEL",
    "PENDING_SIGNATURE",
    "PERFORMED",
    "agreement_context",
    "agreement_html",
    "agreement_pdf",
    "agreement_summary",
    "certificate_pdf",
    "costs_agreed_text",
    "costs_summary",
    "days_phrase",
    "days_text",
    "default_termination_clause",
    "guardian_consent_note",
    "insurance_summary",
    "insurance_text",
    "one_full_stop",
    "party_designation",
    "party_representation",
    "period_text",
    "polish_date",
    "reference_pdf",
    "render_agreement_text",
    "representation_text",
    "safety_summary",
    "safety_text",
    "signature_block",
    "waiver_text",
]
