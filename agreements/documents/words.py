"""Legal wording that every document shares: dates as legal text writes
them, periods, the standard clauses, the party's designation."""

import datetime as dt
import re

from django.utils import translation
from django.utils.formats import date_format

from agreements.models import AgreementKind
from registry.models import GrammaticalGender

# A legal date is never broken at a line's end between the year and "r.",
# nor between the day and the month: they are joined by a no-break space.
NBSP = "\u00a0"

LAW_SHORT = (
    "ustawy z dnia 24\u00a0kwietnia 2003\u00a0r. o działalności pożytku publicznego "
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
    of every date the agreements, certificates and references print, the day
    kept with its month and the year with its "r." (no-break spaces)."""
    if day is None:
        return ""
    with translation.override("pl"):
        return f"{date_format(day, f'j{NBSP}E Y')}{NBSP}r."


def on_day(day: dt.date | None) -> str:
    """The phrase "w dniu 26 listopada 2026 r.", its one-letter "w" never
    left at a line's end."""
    return f"w{NBSP}dniu {polish_date(day)}"


# A year and its "r." in any legal text, such as the dates of the acts an
# agreement text's template names ("ustawy z dnia 12 marca 2004 r.").
_YEAR_AND_R = re.compile(r"\b(\d{4}) r\.")


def dates_kept_together(text: str) -> str:
    return _YEAR_AND_R.sub(rf"\1{NBSP}r.", text)


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
        return on_day(date_from)
    return f"w{NBSP}okresie {period_text(date_from, date_to)}"


# --- Who the parties are, in words the system can put in any sentence -------


def representation_text(signatory) -> str:
    """The OPS "reprezentowany przez: name – function": after a colon the name
    stays in the nominative, which the system can print for any name."""
    if signatory is None:
        return f"reprezentowany przez: {BLANK} – {BLANK}"
    authorised = ", z upoważnienia Dyrektora" if signatory.on_authorisation else ""
    return f"reprezentowany przez: {signatory.name} – {signatory.function}{authorised}"
