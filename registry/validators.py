"""Polish identifiers and contact data: validation with messages in Polish.

Each ``validate_*`` raises ``ValidationError``; ``normalize_phone`` also returns
the canonical E.164 form that is stored.
"""

import datetime as dt
import functools
import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.pl import nip, pesel, regon

# ASCII digits only: Python's \d also matches Arabic-Indic, full-width and
# other digits, which let one person into the register three times past the
# unique PESEL.
ASCII_DIGITS = re.compile(r"[0-9]+")
POSTAL_CODE_RE = re.compile(r"[0-9]{2}-[0-9]{3}")
# A Polish number as normalize_phone stores it (E.164): +48 and nine digits.
POLISH_E164_RE = re.compile(r"\+48[1-9][0-9]{8}")


def _foreign_digits(value: str) -> bool:
    """Digits of another script (which stdnum and phonenumbers would quietly
    read as 0-9)."""
    return any(char.isdigit() and not char.isascii() for char in value)


def normalize_phone(value: str) -> str:
    """Returns the number as +48XXXXXXXXX; accepts spaces, dashes, 0048, +48,
    and refuses letters. Every phone field of the register (its model
    validator ``validate_phone``, the forms, the imports) asks this."""
    raw = (value or "").strip()
    if not raw:
        return ""
    # phonenumbers reads letters as a keypad's digits ("600 abc 111" as
    # 600 222 111): refuse them, as it were no number.
    if any(char.isalpha() for char in raw):
        raise ValidationError(
            _(
                "A phone number has digits only (spaces, dashes and a + in "
                "front are fine), no letters."
            ),
            code="invalid_phone",
        )
    # phonenumbers reads other scripts' digits as 0-9: refuse them instead.
    if _foreign_digits(raw):
        raw = "invalid"
    try:
        number = phonenumbers.parse(raw, "PL")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("Enter a valid phone number, e.g. 600 123 456 or +48 32 214 11 11."),
            code="invalid_phone",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def validate_phone(value: str) -> None:
    normalize_phone(value)


@functools.lru_cache(maxsize=4096)
def format_phone(value: str) -> str:
    """+48600123456 → +48 600 123 456, for display (kept per number: a list
    shows 25 and parsing one costs more than drawing its row)."""
    if not value:
        return ""
    if POLISH_E164_RE.fullmatch(value):
        # How normalize_phone stores a Polish number: the number it stands
        # for is known without parsing, which is half the cost of an export's
        # phone column.
        number = phonenumbers.PhoneNumber(
            country_code=48, national_number=int(value[3:])
        )
    else:
        try:
            number = phonenumbers.parse(value, "PL")
        except phonenumbers.NumberParseException:
            return value
    return phonenumbers.format_number(
        number, phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )


def validate_postal_code(value: str) -> None:
    if value and not POSTAL_CODE_RE.fullmatch(value):
        raise ValidationError(
            _("Enter the postal code as NN-NNN, e.g. 43-502."),
            code="invalid_postal_code",
        )


def pesel_birth_date(value: str) -> dt.date | None:
    """The birth date a PESEL encodes, or None if it encodes no valid date."""
    if not ASCII_DIGITS.fullmatch(value or "") or len(value) != 11:
        return None
    try:
        return pesel.get_birth_date(value)
    except StdnumError:
        return None


def validate_pesel(value: str) -> None:
    if not value:
        return
    if not (ASCII_DIGITS.fullmatch(value) and len(value) == 11):
        raise ValidationError(_("PESEL has exactly 11 digits."), code="invalid_pesel")
    try:
        pesel.validate(value)
    except InvalidChecksum:
        raise ValidationError(
            _("This PESEL has a wrong check digit; please check it."),
            code="invalid_pesel_checksum",
        ) from None
    except StdnumError:
        raise ValidationError(
            _("This PESEL does not encode a valid date of birth."),
            code="invalid_pesel_date",
        ) from None


def validate_pesel_matches_birth_date(pesel: str, birth_date: dt.date | None) -> None:
    if pesel and birth_date and pesel_birth_date(pesel) != birth_date:
        raise ValidationError(
            _("The PESEL does not match the date of birth."),
            code="pesel_birth_date_mismatch",
        )


def normalize_nip(value: str) -> str:
    """The ten digits of a NIP, without spaces, dashes or the "PL" prefix;
    anything else is returned as typed, for validate_nip to refuse."""
    return nip.compact(value or "")


def normalize_regon(value: str) -> str:
    return regon.compact(value or "")


def _check_number(value: str, number, message, code: str) -> None:
    """A number that ``number`` (a python-stdnum module) validates, read in
    its ``compact`` form (the one stored); empty is allowed."""
    digits = number.compact(value or "")
    if digits and (_foreign_digits(value) or not number.is_valid(digits)):
        raise ValidationError(message, code=code)


def validate_nip(value: str) -> None:
    message = _("Enter a valid NIP (10 digits with a correct check digit).")
    _check_number(value, nip, message, "invalid_nip")


def validate_regon(value: str) -> None:
    """9 digits, or 14 whose first 9 are a valid REGON themselves."""
    message = _("Enter a valid REGON (9 or 14 digits with a correct check digit).")
    _check_number(value, regon, message, "invalid_regon")


def validate_krs(value: str) -> None:
    if value and not re.fullmatch(r"[0-9]{10}", value):
        raise ValidationError(
            _("KRS number has exactly 10 digits."), code="invalid_krs"
        )
