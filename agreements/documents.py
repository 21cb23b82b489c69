"""The printed documents: an agreement's text filled from its template, and
the PDFs of agreements, certificates and references.

Documents are legal texts of a Polish public body, so they are always
rendered in Polish, whatever language the user's screen is in.
"""

import datetime as dt

from django.conf import settings
from django.template import Context, Template
from django.utils import timezone, translation
from django.utils.formats import date_format

from agreements.models import Agreement, AgreementKind, Certificate, Reference
from volunteer_center.core.pdf import render_pdf

LAW_SHORT = (
    "ustawy z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego "
    "i o wolontariacie"
)
DEFAULT_TERMINATION_CLAUSE = (
    "Każda ze stron może rozwiązać porozumienie z zachowaniem 14-dniowego okresu "
    "wypowiedzenia, składając drugiej stronie oświadczenie na piśmie. Porozumienie "
    "może zostać rozwiązane bez wypowiedzenia w przypadku rażącego naruszenia jego "
    "postanowień przez jedną ze stron."
)
DEFAULT_COST_REIMBURSEMENT = (
    "Zwrot kosztów następuje na podstawie rozliczenia złożonego przez wolontariusza "
    "wraz z dokumentami potwierdzającymi poniesione wydatki, w terminie 14 dni."
)
PENDING_SIGNATURE = "…………………"


def polish_date(day: dt.date | None) -> str:
    if day is None:
        return ""
    with translation.override("pl"):
        return date_format(day, "j E Y")


def period_text(date_from: dt.date, date_to: dt.date | None) -> str:
    if date_to is None:
        return f"nieokreślony, począwszy od dnia {polish_date(date_from)}"
    return f"od dnia {polish_date(date_from)} do dnia {polish_date(date_to)}"


def insurance_text(agreement: Agreement) -> str:
    """Art. 46: for up to 30 days the centre insures against accidents (NNW);
    longer work is covered by the act on accident benefits."""
    policy = ""
    if agreement.insurance_nnw and agreement.insurance_policy_number:
        policy = f" (polisa nr {agreement.insurance_policy_number})"
    if agreement.kind != AgreementKind.VOLUNTEER:
        return (
            "Wolontariusze wykonujący świadczenia przez okres nie dłuższy niż 30 dni "
            "są ubezpieczeni od następstw nieszczęśliwych wypadków (NNW) przez "
            f"Centrum{policy}; wolontariuszom wykonującym świadczenia przez okres "
            "dłuższy przysługuje zaopatrzenie z tytułu wypadków na zasadach art. 46 "
            f"{LAW_SHORT}."
        )
    if agreement.is_short:
        return (
            "Świadczenia są wykonywane przez okres nie dłuższy niż 30 dni, dlatego "
            "Korzystający ubezpiecza Wolontariusza od następstw nieszczęśliwych "
            f"wypadków (NNW) na czas wykonywania świadczeń{policy} (art. 46 "
            f"{LAW_SHORT})."
        )
    extra = (
        f" Ponadto Korzystający ubezpiecza Wolontariusza od następstw "
        f"nieszczęśliwych wypadków (NNW){policy}."
        if agreement.insurance_nnw
        else ""
    )
    return (
        "Wolontariuszowi wykonującemu świadczenia przez okres dłuższy niż 30 dni "
        "przysługuje zaopatrzenie z tytułu wypadków przy wykonywaniu świadczeń na "
        "zasadach ustawy z dnia 30 października 2002 r. o zaopatrzeniu z tytułu "
        "wypadków lub chorób zawodowych powstałych w szczególnych okolicznościach "
        f"(art. 46 {LAW_SHORT}).{extra}"
    )


def _address(party) -> str:
    parts = [party.street, f"{party.postal_code} {party.city}".strip()]
    return ", ".join(p for p in parts if p)


def _identity(agreement: Agreement) -> str:
    party = agreement.party
    if agreement.kind == AgreementKind.VOLUNTEER:
        born = f"ur. {polish_date(party.birth_date)}"
        return f"PESEL {party.pesel}" if party.pesel else born
    if agreement.kind == AgreementKind.INSTITUTION:
        ids = [
            f"{label} {value}"
            for label, value in (
                ("NIP", party.nip),
                ("REGON", party.regon),
                ("KRS", party.krs),
            )
            if value
        ]
        return ", ".join(ids)
    return ""


def agreement_context(agreement: Agreement) -> dict:
    """The placeholders an agreement text may use."""
    centre = settings.CENTRE
    return {
        "number": agreement.number,
        "centre": centre["organisation"],
        "centre_address": (
            f"{centre['street']}, {centre['postal_code']} {centre['city']}"
        ),
        "party_name": str(agreement.party),
        "party_address": _address(agreement.party),
        "party_identity": _identity(agreement),
        "scope": agreement.scope,
        "manner": agreement.manner,
        "place": agreement.place,
        "date_from": polish_date(agreement.date_from),
        "date_to": polish_date(agreement.date_to),
        "period": period_text(agreement.date_from, agreement.date_to),
        "termination_clause": agreement.termination_clause,
        "cost_reimbursement": agreement.cost_reimbursement,
        "insurance": insurance_text(agreement),
        "safety_info_given": agreement.safety_info_given,
        "guardian_name": agreement.guardian_name if agreement.guardian_consent else "",
        "signed_on": polish_date(agreement.signed_on) or PENDING_SIGNATURE,
    }


def render_agreement_text(agreement: Agreement) -> str:
    template = Template(agreement.template.body)
    with translation.override("pl"):
        return template.render(Context(agreement_context(agreement), autoescape=False))


def _render_polish(template_name: str, context: dict) -> bytes:
    with translation.override("pl"):
        return render_pdf(template_name, context)


def agreement_pdf(agreement: Agreement) -> bytes:
    return _render_polish(
        "agreements/pdf/agreement.html",
        {
            "agreement": agreement,
            "title": agreement.template.title,
            "party_label": {
                AgreementKind.VOLUNTEER: "Wolontariusz",
                AgreementKind.INSTITUTION: "Instytucja",
                AgreementKind.BENEFICIARY: "Odbiorca",
            }[agreement.kind],
            "centre_label": (
                "Korzystający"
                if agreement.kind == AgreementKind.VOLUNTEER
                else "Centrum"
            ),
            "period": period_text(agreement.date_from, agreement.date_to),
            "insurance": insurance_text(agreement),
        },
    )


def _document_context(document) -> dict:
    return {
        "document": document,
        "period": period_text(document.date_from, document.date_to),
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
    }


def certificate_pdf(certificate: Certificate) -> bytes:
    return _render_polish(
        "agreements/pdf/certificate.html", _document_context(certificate)
    )


def reference_pdf(reference: Reference) -> bytes:
    return _render_polish("agreements/pdf/reference.html", _document_context(reference))
