"""Polish identifiers and contact data: validation with messages in Polish.

Each ``validate_*`` raises ``ValidationError``; ``normalize_phone`` also returns
the canonical E.164 form that is stored.
"""

import datetime as dt
import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

POSTAL_CODE_RE = re.compile(r"^\d{2}-\d{3}$")
PESEL_WEIGHTS = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)
REGON9_WEIGHTS = (8, 9, 2, 3, 4, 5, 6, 7)
REGON14_WEIGHTS = (2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8)
# PESEL encodes the century in the month: +80 for 1800s, +0 for 1900s, +20 for
# 2000s, +40 for 2100s, +60 for 2200s.
PESEL_CENTURIES = {0: 1900, 20: 2000, 40: 2100, 60: 2200, 80: 1800}


def normalize_phone(value: str) -> str:
    """Returns the number as +48XXXXXXXXX; accepts spaces, dashes, 0048, +48."""
    raw = (value or "").strip()
    if not raw:
        return ""
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


def format_phone(value: str) -> str:
    """+48600123456 → +48 600 123 456, for display."""
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, "PL")
    except phonenumbers.NumberParseException:
        return value
    return phonenumbers.format_number(
        number, phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )


def validate_postal_code(value: str) -> None:
    if value and not POSTAL_CODE_RE.match(value):
        raise ValidationError(
            _("Enter the postal code as NN-NNN, e.g. 43-502."),
            code="invalid_postal_code",
        )


def _checksum_ok(digits: str, weights: tuple[int, ...], modulo_rule) -> bool:
    total = sum(int(d) * w for d, w in zip(digits, weights, strict=False))
    return modulo_rule(total) == int(digits[len(weights)])


def pesel_birth_date(pesel: str) -> dt.date | None:
    """The birth date a PESEL encodes, or None if it encodes no valid date."""
    if not re.fullmatch(r"\d{11}", pesel or ""):
        return None
    year, month, day = int(pesel[0:2]), int(pesel[2:4]), int(pesel[4:6])
    offset = (month // 20) * 20
    century = PESEL_CENTURIES.get(offset)
    if century is None:
        return None
    try:
        return dt.date(century + year, month - offset, day)
    except ValueError:
        return None


def validate_pesel(value: str) -> None:
    if not value:
        return
    if not re.fullmatch(r"\d{11}", value):
        raise ValidationError(_("PESEL has exactly 11 digits."), code="invalid_pesel")
    if not _checksum_ok(value, PESEL_WEIGHTS, lambda t: (10 - t % 10) % 10):
        raise ValidationError(
            _("This PESEL has a wrong check digit; please check it."),
            code="invalid_pesel_checksum",
        )
    if pesel_birth_date(value) is None:
        raise ValidationError(
            _("This PESEL does not encode a valid date of birth."),
            code="invalid_pesel_date",
        )


def validate_pesel_matches_birth_date(pesel: str, birth_date: dt.date | None) -> None:
    if pesel and birth_date and pesel_birth_date(pesel) != birth_date:
        raise ValidationError(
            _("The PESEL does not match the date of birth."),
            code="pesel_birth_date_mismatch",
        )


def _digits(value: str) -> str:
    return re.sub(r"[\s-]", "", value or "")


def normalize_nip(value: str) -> str:
    return _digits(value)


def normalize_regon(value: str) -> str:
    return _digits(value)


def validate_nip(value: str) -> None:
    digits = _digits(value)
    if not digits:
        return
    if not re.fullmatch(r"\d{10}", digits) or not _checksum_ok(
        digits, NIP_WEIGHTS, lambda t: t % 11
    ):
        raise ValidationError(
            _("Enter a valid NIP (10 digits with a correct check digit)."),
            code="invalid_nip",
        )


def validate_regon(value: str) -> None:
    digits = _digits(value)
    if not digits:
        return
    weights = {9: REGON9_WEIGHTS, 14: REGON14_WEIGHTS}.get(len(digits))
    if (
        not digits.isdigit()
        or weights is None
        or not _checksum_ok(digits, weights, lambda t: t % 11 % 10)
    ):
        raise ValidationError(
            _("Enter a valid REGON (9 or 14 digits with a correct check digit)."),
            code="invalid_regon",
        )


def validate_krs(value: str) -> None:
    if value and not re.fullmatch(r"\d{10}", value):
        raise ValidationError(
            _("KRS number has exactly 10 digits."), code="invalid_krs"
        )
