"""PESEL, NIP and REGON through python-stdnum; only ASCII digits count as
digits in them, in postal codes and in phone numbers."""

import pytest
from django.core.exceptions import ValidationError

from registry import validators
from registry.models import Institution

PESEL = "85030212345"  # 2 March 1985, with its check digit fixed below
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def valid_pesel() -> str:
    from stdnum.pl import pesel

    return PESEL[:10] + pesel.calc_check_digit(PESEL[:10])


@pytest.mark.parametrize("digits", [ARABIC_INDIC, FULL_WIDTH])
@pytest.mark.parametrize(
    ("validator", "value"),
    [
        (validators.validate_pesel, valid_pesel()),
        (validators.validate_nip, "5260250274"),
        (validators.validate_regon, "123456785"),
        (validators.validate_postal_code, "43-502"),
        (validators.validate_phone, "600 123 456"),
    ],
)
def test_digits_of_other_scripts_are_refused(validator, value, digits):
    validator(value)  # the ASCII form is valid
    with pytest.raises(ValidationError):
        validator(value.translate(digits))


def test_a_pesel_is_checked_by_stdnum():
    validators.validate_pesel(valid_pesel())
    wrong = valid_pesel()[:10] + str((int(valid_pesel()[10]) + 1) % 10)
    with pytest.raises(ValidationError) as caught:
        validators.validate_pesel(wrong)
    assert caught.value.code == "invalid_pesel_checksum"
    assert validators.pesel_birth_date(valid_pesel()).isoformat() == "1985-03-02"


@pytest.mark.parametrize("typed", ["PL5260250274", "PL 526-025-02-74", "pl5260250274"])
def test_a_nip_with_the_pl_prefix_is_accepted_and_stored_as_digits(typed):
    validators.validate_nip(typed)
    assert validators.normalize_nip(typed) == "5260250274"


@pytest.mark.django_db
def test_the_institution_form_stores_the_digits_of_a_prefixed_nip(coordinator_client):
    response = coordinator_client.post(
        "/instytucje/nowa/",
        {
            "name": "Fundacja Dobra",
            "kind": "foundation",
            "city": "Czechowice-Dziedzice",
            "nip": "PL 526-025-02-74",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert Institution.objects.get().nip == "5260250274"


def test_a_14_digit_regon_must_contain_a_valid_9_digit_regon():
    from stdnum.pl import regon

    base = "12345678"  # its 9th digit (the check) is 5
    local = base + "0" + "1234"  # a wrong 9th digit
    forged = local + regon.calc_check_digit(local)  # the 14-digit check is right
    with pytest.raises(ValidationError):
        validators.validate_regon(forged)
    good = base + "5" + "1234"
    validators.validate_regon(good + regon.calc_check_digit(good))
