"""The printed documents: an agreement's text filled from its template, and
the PDFs of agreements, certificates and references.

Documents are legal texts of a Polish public body, so they are always
rendered in Polish, whatever language the user's screen is in. The sentences
that depend on the data (who represents the OPS, the grammatical form of the
party, what was done under art. 45–46) are composed here, once, and both the
text and the PDF's summary table read them, so the two never disagree.
"""

import datetime as dt
import re

from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from agreements.models import Agreement, AgreementKind, Certificate, Reference
from registry.models import GrammaticalGender, GuardianConsentMethod
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
# The institution agreement defines its parties as „Strony” (zwane dalej
# łącznie „Stronami”): once defined, the term is written capitalised.
DEFINED_PARTIES_TERMINATION_CLAUSE = (
    "Każda ze Stron może rozwiązać porozumienie z zachowaniem 14-dniowego okresu "
    "wypowiedzenia, składając drugiej Stronie oświadczenie na piśmie. Porozumienie "
    "może zostać rozwiązane bez wypowiedzenia w przypadku rażącego naruszenia jego "
    "postanowień przez jedną ze Stron."
)


def default_termination_clause(kind: str) -> str:
    """The termination clause a new agreement of ``kind`` starts with, in the
    words of its text (the institution text defines „Strony”)."""
    if kind == AgreementKind.INSTITUTION:
        return DEFINED_PARTIES_TERMINATION_CLAUSE
    return DEFAULT_TERMINATION_CLAUSE


DEFAULT_COST_REIMBURSEMENT = (
    "Zwrot kosztów następuje na podstawie rozliczenia złożonego przez wolontariusza "
    "wraz z dokumentami potwierdzającymi poniesione wydatki, w terminie 14 dni."
)
PENDING_SIGNATURE = "…………………"
BLANK = "……………………………………"

# "zwana dalej …" agrees with the person; unknown: a form without a participle.
DESIGNATION = {
    (AgreementKind.VOLUNTEER, GrammaticalGender.FEMALE): "zwana dalej „Wolontariuszem”",
    (AgreementKind.VOLUNTEER, GrammaticalGender.MALE): "zwany dalej „Wolontariuszem”",
    (AgreementKind.VOLUNTEER, GrammaticalGender.NEUTRAL): "dalej: „Wolontariusz”",
    (AgreementKind.BENEFICIARY, GrammaticalGender.FEMALE): "zwana dalej „Odbiorcą”",
    (AgreementKind.BENEFICIARY, GrammaticalGender.MALE): "zwany dalej „Odbiorcą”",
    (AgreementKind.BENEFICIARY, GrammaticalGender.NEUTRAL): "dalej: „Odbiorca”",
}


def polish_date(day: dt.date | None) -> str:
    """A date as legal text writes it, "26 listopada 2026 r.": the one form
    of every date the agreements, certificates and references print."""
    if day is None:
        return ""
    with translation.override("pl"):
        return f"{date_format(day, 'j E Y')} r."


def period_text(date_from: dt.date, date_to: dt.date | None) -> str:
    if date_to is None:
        return f"nieokreślony, począwszy od dnia {polish_date(date_from)}"
    return f"od dnia {polish_date(date_from)} do dnia {polish_date(date_to)}"


def days_text(date_from: dt.date, date_to: dt.date) -> str:
    """The days services were performed, after a colon: one day alone."""
    if date_from == date_to:
        return polish_date(date_from)
    return period_text(date_from, date_to)


def days_phrase(date_from: dt.date, date_to: dt.date) -> str:
    """The same in a sentence: "w dniu …" or "w okresie od dnia … do dnia …"."""
    if date_from == date_to:
        return f"w dniu {polish_date(date_from)}"
    return f"w okresie {period_text(date_from, date_to)}"


# --- Who the parties are, in words the system can put in any sentence -------


def representation_text(signatory) -> str:
    """The OPS "reprezentowany przez: name – function": after a colon the name
    stays in the nominative, which the system can print for any name."""
    if signatory is None:
        return f"reprezentowany przez: {BLANK} – {BLANK}"
    authorised = ", z upoważnienia Dyrektora" if signatory.on_authorisation else ""
    return f"reprezentowany przez: {signatory.name} – {signatory.function}{authorised}"


def party_designation(agreement: Agreement) -> str:
    gender = getattr(agreement.party, "gender", GrammaticalGender.NEUTRAL)
    return DESIGNATION.get((agreement.kind, gender), "")


def party_representation(agreement: Agreement) -> str:
    who = agreement.party_representatives.strip() or f"{BLANK} – {BLANK}"
    return f"reprezentowana przez: {who}"


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


# --- The duties of art. 45–46: one sentence each, and the table's words ------


def safety_text(agreement: Agreement) -> str:
    """Art. 45 ust. 1 pkt 1: what was given and when, or the duty before work
    starts when nothing is recorded yet."""
    if not agreement.safety_info_given:
        return (
            "Korzystający poinformuje Wolontariusza o ryzyku dla zdrowia i "
            "bezpieczeństwa związanym z wykonywanymi świadczeniami oraz o zasadach "
            "ochrony przed zagrożeniami przed rozpoczęciem wykonywania świadczeń "
            "(art. 45 ust. 1 pkt 1 ustawy)."
        )
    what = ""
    info = agreement.safety_information
    if info is not None and info.text.strip():
        what = f", w zakresie: {info.text.strip().rstrip('.')}"
    if agreement.safety_instruction:
        what += (
            f", zgodnie z instrukcją „{agreement.safety_instruction}”, stanowiącą "
            "załącznik do porozumienia"
        )
    on = polish_date(agreement.safety_info_given_on)
    return (
        "Korzystający poinformował Wolontariusza o ryzyku dla zdrowia i "
        "bezpieczeństwa związanym z wykonywanymi świadczeniami oraz o zasadach "
        f"ochrony przed zagrożeniami (art. 45 ust. 1 pkt 1 ustawy)"
        f"{f' w dniu {on}' if on else ''}{what}. Wolontariusz potwierdza "
        "otrzymanie tej informacji."
    )


def safety_summary(agreement: Agreement) -> str:
    if not agreement.safety_info_given:
        return "do przekazania przed rozpoczęciem świadczeń"
    given = [agreement.safety_information, agreement.safety_instruction or None]
    what = "; ".join(str(item) for item in given if item)
    on = polish_date(agreement.safety_info_given_on)
    return ", ".join(part for part in (f"przekazana {on}".strip(), what) if part)


def _policy(agreement: Agreement) -> str:
    number = agreement.insurance_policy_number
    return f"polisa nr {number}" if agreement.insurance_nnw and number else ""


def insurance_text(agreement: Agreement) -> str:
    """Art. 46: NNW insurance for work of up to 30 days (ust. 3), the state's
    accident provision for longer work (ust. 2)."""
    if agreement.kind != AgreementKind.VOLUNTEER:
        who = "Instytucja" if agreement.insurance_by_party else "Ośrodek"
        policy = _policy(agreement)
        return (
            "Wolontariuszom wykonującym świadczenia przez okres nie dłuższy niż "
            f"30 dni ubezpieczenie od następstw nieszczęśliwych wypadków zapewnia "
            f"{who} (art. 46 ust. 3 ustawy){f': {policy}' if policy else ''}; "
            "wolontariuszom wykonującym świadczenia przez okres dłuższy przysługuje "
            "zaopatrzenie z tytułu wypadku na zasadach ustawy z dnia 30 października "
            "2002 r. o zaopatrzeniu z tytułu wypadków lub chorób zawodowych "
            "powstałych w szczególnych okolicznościach (art. 46 ust. 2 ustawy)."
        )
    if not agreement.is_short:
        extra = (
            " Ponadto Korzystający ubezpieczył Wolontariusza od następstw "
            f"nieszczęśliwych wypadków: {policy}."
            if (policy := _policy(agreement))
            else ""
        )
        return (
            "Wolontariuszowi wykonującemu świadczenia przez okres dłuższy niż 30 dni "
            "przysługuje zaopatrzenie z tytułu wypadku przy wykonywaniu świadczeń na "
            "zasadach ustawy z dnia 30 października 2002 r. o zaopatrzeniu z tytułu "
            "wypadków lub chorób zawodowych powstałych w szczególnych okolicznościach "
            f"(art. 46 ust. 2 ustawy).{extra}"
        )
    short = "Świadczenia są wykonywane przez okres nie dłuższy niż 30 dni; "
    if policy := _policy(agreement):
        return (
            f"{short}Korzystający zapewnia Wolontariuszowi ubezpieczenie od "
            f"następstw nieszczęśliwych wypadków (art. 46 ust. 3 ustawy): {policy}."
        )
    return (
        f"{short}Korzystający zapewni Wolontariuszowi ubezpieczenie od następstw "
        "nieszczęśliwych wypadków przed rozpoczęciem wykonywania świadczeń "
        "(art. 46 ust. 3 ustawy)."
    )


def insurance_summary(agreement: Agreement) -> str:
    if agreement.kind == AgreementKind.INSTITUTION:
        who = "Instytucja" if agreement.insurance_by_party else "Ośrodek"
        policy = _policy(agreement)
        return f"do 30 dni zapewnia: {who}{f', {policy}' if policy else ''}"
    if not agreement.is_short:
        long_work = "zaopatrzenie z art. 46 ust. 2 ustawy (świadczenia ponad 30 dni)"
        policy = _policy(agreement)
        return f"{long_work}; ponadto {policy}" if policy else long_work
    return _policy(agreement) or "do zapewnienia przed rozpoczęciem świadczeń"


def costs_agreed_text(agreement: Agreement) -> str:
    """The costs agreed in advance, as a sentence of its own: typed text left
    bare after the clause on costs would read as a promise of the law."""
    typed = agreement.cost_reimbursement.strip().rstrip(".")
    return f"Uzgodnione z góry koszty do pokrycia: {typed}." if typed else ""


def waiver_text(agreement: Agreement) -> str:
    """Art. 45 ust. 4: the waiver is written, so it is part of what is signed."""
    if agreement.travel_costs_waiver == Agreement.Waiver.FULL:
        return (
            "Wolontariusz, podpisując porozumienie, zwalnia Korzystającego w całości "
            "z obowiązku pokrywania kosztów podróży służbowych i diet (art. 45 "
            "ust. 4 ustawy)."
        )
    if agreement.travel_costs_waiver == Agreement.Waiver.PARTIAL:
        return (
            "Wolontariusz, podpisując porozumienie, zwalnia Korzystającego z "
            "obowiązku pokrywania kosztów podróży służbowych i diet w części: "
            f"{agreement.travel_costs_waiver_scope.strip().rstrip('.')} (art. 45 "
            "ust. 4 ustawy)."
        )
    return ""


def costs_summary(agreement: Agreement) -> str:
    return {
        Agreement.Waiver.FULL: "Wolontariusz zwalnia z ich pokrywania w całości",
        Agreement.Waiver.PARTIAL: (
            f"Wolontariusz zwalnia z ich pokrywania w części: "
            f"{agreement.travel_costs_waiver_scope}"
        ),
    }.get(agreement.travel_costs_waiver, "pokrywa Korzystający (art. 45 ust. 1 pkt 3)")


def guardian_consent_note(agreement: Agreement) -> str:
    """How the legal representative's consent was given, when it was not by
    signing this document."""
    volunteer = agreement.volunteer
    if volunteer is None or not volunteer.guardian_consent:
        return ""
    on = polish_date(volunteer.guardian_consent_on)
    if volunteer.guardian_consent_method == GuardianConsentMethod.EMAIL_LINK:
        return (
            f"Zgodę wyrażono w postaci elektronicznej w dniu {on}, potwierdzając ją "
            "odnośnikiem wysłanym na adres e-mail przedstawiciela ustawowego."
        )
    if volunteer.guardian_consent_method == GuardianConsentMethod.PAPER:
        return (
            f"Zgodę wyrażono na piśmie w dniu {on}; oryginał przechowuje Korzystający."
        )
    return ""


def _site_url(name: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name)


def agreement_context(agreement: Agreement) -> dict:
    """The placeholders an agreement text may use (every version's)."""
    centre = settings.CENTRE
    return {
        "number": agreement.number,
        "centre": centre["organisation"],
        "centre_address": (
            f"{centre['street']}, {centre['postal_code']} {centre['city']}"
        ),
        "centre_representation": agreement.representation
        or representation_text(agreement.signatory),
        "party_name": str(agreement.party),
        "party_address": _address(agreement.party),
        "party_identity": _identity(agreement),
        "party_designation": party_designation(agreement),
        "party_representation": party_representation(agreement),
        "scope": agreement.scope,
        "manner": agreement.manner,
        "place": agreement.place,
        "date_from": polish_date(agreement.date_from),
        "date_to": polish_date(agreement.date_to),
        "period": period_text(agreement.date_from, agreement.date_to),
        "termination_clause": agreement.termination_clause,
        "cost_reimbursement": costs_agreed_text(agreement),
        "travel_costs_waiver": waiver_text(agreement),
        "insurance": insurance_text(agreement),
        "safety_info_given": agreement.safety_info_given,
        "safety_information": safety_text(agreement),
        "korzystajacy_is_centre": (
            agreement.korzystajacy == Agreement.Korzystajacy.CENTRE
        ),
        "is_minor": bool(agreement.guardian_consent),
        "guardian_name": agreement.guardian_name if agreement.guardian_consent else "",
        "standards_url": _site_url("legal:child-protection-standards"),
        "privacy_url": _site_url("privacy"),
        "signed_on": polish_date(agreement.signed_on) or PENDING_SIGNATURE,
    }


# A date that ends a sentence ("… 2026 r.") takes no second full stop.
_DOUBLE_STOP = re.compile(r"(\d r)\.\.")


def one_full_stop(text: str) -> str:
    return _DOUBLE_STOP.sub(r"\1.", text)


def render_agreement_text(agreement: Agreement) -> str:
    template = Template(agreement.template.body)
    with translation.override("pl"):
        text = template.render(Context(agreement_context(agreement), autoescape=False))
    return one_full_stop(text)


# --- PDFs ---------------------------------------------------------------------


def _centre_label(agreement: Agreement) -> str:
    # The defined term of the text itself: version 1 called the OPS "Centrum".
    if agreement.kind == AgreementKind.VOLUNTEER:
        return "Korzystający"
    return "Ośrodek" if "„Ośrodkiem”" in agreement.text else "Centrum"


def agreement_summary(
    agreement: Agreement, *, for_signing: bool = False
) -> list[tuple[str, str]]:
    """The table at the top of the PDF, from the same sentences as the text."""
    centre = settings.CENTRE
    representation = agreement.representation or representation_text(
        agreement.signatory
    )
    rows = [
        (
            "Strona",
            f"{centre['organisation']}, {centre['street']}, {centre['postal_code']} "
            f"{centre['city']}, {representation} („{_centre_label(agreement)}”)",
        ),
        (PARTY_LABEL[agreement.kind], str(agreement.party)),
        ("Okres", period_text(agreement.date_from, agreement.date_to)),
    ]
    if agreement.place:
        rows.append(("Miejsce", agreement.place))
    if agreement.kind == AgreementKind.VOLUNTEER:
        rows += [
            ("Informacja o ryzyku (BHP)", safety_summary(agreement)),
            ("Ubezpieczenie NNW", insurance_summary(agreement)),
            ("Koszty podróży i diety", costs_summary(agreement)),
        ]
    elif agreement.kind == AgreementKind.INSTITUTION:
        rows += [
            ("Korzystający (art. 42 ust. 1)", KORZYSTAJACY[agreement.korzystajacy]),
            ("Ubezpieczenie NNW", insurance_summary(agreement)),
        ]
    if agreement.guardian_consent:
        rows.append(("Zgoda przedstawiciela ustawowego", agreement.guardian_name))
    if agreement.signed_on:
        rows.append(("Data zawarcia", polish_date(agreement.signed_on)))
    elif for_signing or agreement.is_prepared:
        rows.append(("Data zawarcia", PENDING_SIGNATURE))
    else:
        rows.append(("Status", "projekt — do podpisu"))
    return rows


PARTY_LABEL = {
    AgreementKind.VOLUNTEER: "Wolontariusz",
    AgreementKind.INSTITUTION: "Instytucja",
    AgreementKind.BENEFICIARY: "Odbiorca",
}
KORZYSTAJACY = {
    Agreement.Korzystajacy.CENTRE: "Ośrodek",
    Agreement.Korzystajacy.PARTY: "Instytucja",
}


def _split_closing(text: str) -> tuple[str, str]:
    """The text before its last section, and the last section: the last one is
    printed together with the signatures, so a signature line never stands
    alone on a page."""
    body, marker, last = text.rpartition("\n\n§")
    if not marker:
        return "", text
    return body, f"§{last}"


def _render_polish(template_name: str, context: dict) -> bytes:
    with translation.override("pl"):
        return render_pdf(template_name, context)


def agreement_pdf(agreement: Agreement, *, for_signing: bool = False) -> bytes:
    """The PDF of an agreement; ``for_signing`` renders the document that is
    printed, signed and stored (a draft is marked as one)."""
    body, closing = _split_closing(agreement.text)
    prepared = for_signing or agreement.is_prepared
    signatory = agreement.representation or (
        str(agreement.signatory) if agreement.signatory else ""
    )
    return _render_polish(
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
