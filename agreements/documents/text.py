"""An agreement's text filled from its template and the summary table its
PDF opens with: both read the same sentences, so they never disagree."""

import re

from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from agreements.documents.words import (
    BLANK,
    DESIGNATION,
    PENDING_SIGNATURE,
    dates_kept_together,
    on_day,
    period_text,
    polish_date,
    representation_text,
)
from agreements.models import Agreement, AgreementKind
from registry.models import GrammaticalGender, GuardianConsentMethod


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
    on = agreement.safety_info_given_on
    return (
        "Korzystający poinformował Wolontariusza o ryzyku dla zdrowia i "
        "bezpieczeństwa związanym z wykonywanymi świadczeniami oraz o zasadach "
        f"ochrony przed zagrożeniami (art. 45 ust. 1 pkt 1 ustawy)"
        f"{f' {on_day(on)}' if on else ''}{what}. Wolontariusz potwierdza "
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
    on = on_day(volunteer.guardian_consent_on)
    if volunteer.guardian_consent_method == GuardianConsentMethod.EMAIL_LINK:
        return (
            f"Zgodę wyrażono w postaci elektronicznej {on}, potwierdzając ją "
            "odnośnikiem wysłanym na adres e-mail przedstawiciela ustawowego."
        )
    if volunteer.guardian_consent_method == GuardianConsentMethod.PAPER:
        return f"Zgodę wyrażono na piśmie {on}; oryginał przechowuje Korzystający."
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
_DOUBLE_STOP = re.compile(r"(\d[ \u00a0]r)\.\.")


def one_full_stop(text: str) -> str:
    return _DOUBLE_STOP.sub(r"\1.", text)


def render_agreement_text(agreement: Agreement) -> str:
    template = Template(agreement.template.body)
    with translation.override("pl"):
        text = template.render(Context(agreement_context(agreement), autoescape=False))
    return one_full_stop(dates_kept_together(text))


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
