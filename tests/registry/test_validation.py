"""The register's validation rules, one by one, with their Polish messages."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from registry import validators
from registry.models import Institution, Volunteer
from tests.registry.conftest import make_pesel

TODAY = dt.date(2026, 11, 25)


def volunteer(**fields) -> Volunteer:
    return Volunteer(
        **{
            "first_name": "Zofia",
            "last_name": "Żółć",
            "birth_date": dt.date(1985, 3, 2),
            **fields,
        }
    )


def errors_of(instance) -> dict:
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    return caught.value.message_dict


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("600 123 456", "+48600123456"),
        ("600-123-456", "+48600123456"),
        ("+48 600 123 456", "+48600123456"),
        ("0048600123456", "+48600123456"),
        ("32 214 11 11", "+48322141111"),
    ],
)
def test_polish_phone_numbers_are_stored_normalised(raw, stored):
    assert validators.normalize_phone(raw) == stored


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("+48600123456", "+48 600 123 456"),
        ("+48322141111", "+48 32 214 11 11"),
        ("+48801234567", "+48 801 234 567"),
        ("+4930123456", "+49 30 123456"),
        ("+48123", "+48 123"),
        ("", ""),
    ],
)
def test_a_stored_phone_is_shown_grouped_as_phonenumbers_groups_it(stored, shown):
    assert validators.format_phone(stored) == shown


def test_a_polish_phone_is_shown_as_if_it_had_been_parsed():
    """Polish numbers skip the parsing (an export formats 100,000 of them):
    every prefix is grouped as phonenumbers groups the parsed number."""
    import phonenumbers

    for prefix in range(10, 100):
        stored = f"+48{prefix}1234567"
        parsed = phonenumbers.parse(stored, "PL")
        expected = phonenumbers.format_number(
            parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL
        )
        assert validators.format_phone(stored) == expected


@pytest.mark.django_db
def test_volunteer_phone_is_normalised_on_clean():
    record = volunteer(phone="600 123 456")
    record.full_clean()
    assert record.phone == "+48600123456"


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["12345", "600 123 45"])
def test_an_invalid_phone_is_refused_in_polish(bad):
    errors = errors_of(volunteer(phone=bad))
    assert "Podaj poprawny numer telefonu" in errors["phone"][0]


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["abc", "+48 600 abc 111"])
def test_a_phone_with_letters_is_refused_in_polish(bad):
    errors = errors_of(volunteer(phone=bad))
    assert errors["phone"] == [
        "Numer telefonu składa się z samych cyfr (można wpisać spacje, myślniki "
        "i + na początku), bez liter."
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["43502", "43-5021", "4-3502", "ab-cde"])
def test_postal_code_must_be_nn_nnn(bad):
    errors = errors_of(volunteer(postal_code=bad))
    assert "Wpisz kod pocztowy w formacie NN-NNN, np. 43-502." in errors["postal_code"]


@pytest.mark.django_db
def test_a_good_postal_code_passes():
    volunteer(postal_code="43-502").full_clean()


@pytest.mark.django_db
def test_pesel_with_a_wrong_check_digit_is_refused():
    good = make_pesel(dt.date(1985, 3, 2), serial=1234)
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    errors = errors_of(volunteer(pesel=bad))
    assert "PESEL" in errors["pesel"][0]


@pytest.mark.django_db
def test_pesel_must_agree_with_the_birth_date():
    other_day = make_pesel(dt.date(1985, 3, 3), serial=1234)
    errors = errors_of(volunteer(pesel=other_day))
    assert errors["pesel"] == ["Numer PESEL nie zgadza się z datą urodzenia."]


@pytest.mark.django_db
@time_machine.travel(TODAY)
def test_pesel_of_a_person_born_after_2000_is_accepted():
    born = dt.date(2005, 12, 31)  # month encoded as 32
    pesel = make_pesel(born, serial=4321)
    assert pesel[2:4] == "32"
    volunteer(birth_date=born, pesel=pesel).full_clean()


@pytest.mark.django_db
def test_pesel_is_optional():
    volunteer(pesel="").full_clean()


@pytest.mark.django_db
def test_invalid_email_is_refused():
    errors = errors_of(volunteer(email="anna@"))
    assert "email" in errors


@pytest.mark.django_db
@time_machine.travel(TODAY)
def test_a_minor_names_the_legal_representative_and_their_contact():
    errors = errors_of(volunteer(birth_date=dt.date(2010, 1, 1)))
    assert "przedstawiciela ustawowego (rodzica" in errors["guardian_name"][0]
    assert "guardian_phone" in errors
    # The consent comes from that person (registry.consents), not the form:
    # until it does the minor stays a candidate.
    assert "guardian_consent" not in errors


CONSENT_GIVEN = {
    "guardian_consent": True,
    "guardian_consent_on": dt.date(2026, 11, 20),
    "guardian_consent_method": "paper",
}


@pytest.mark.django_db
@time_machine.travel(TODAY)
def test_a_minor_with_a_guardians_consent_is_accepted():
    volunteer(
        birth_date=dt.date(2010, 1, 1),
        guardian_name="Maria Nowak",
        guardian_phone="600 100 200",
        **CONSENT_GIVEN,
    ).full_clean()


@pytest.mark.django_db
@time_machine.travel(TODAY)
def test_a_child_under_13_is_refused_with_an_explanation():
    errors = errors_of(volunteer(birth_date=dt.date(2014, 1, 1)))
    assert "od 13. roku życia" in errors["birth_date"][0]
    assert "własna zasada Centrum" in errors["birth_date"][0]


@pytest.mark.django_db
@time_machine.travel(TODAY)
def test_thirteenth_birthday_is_the_limit():
    volunteer(
        birth_date=dt.date(2013, 11, 25),
        guardian_name="Maria Nowak",
        guardian_email="maria@example.pl",
        **CONSENT_GIVEN,
    ).full_clean()
    errors = errors_of(volunteer(birth_date=dt.date(2013, 11, 26)))
    assert "birth_date" in errors


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("nip", "ok"), [("5260250274", True), ("5260250275", False), ("123", False)]
)
def test_nip_checksum(nip, ok):
    institution = Institution(name="Fundacja", kind="foundation", nip=nip)
    if ok:
        institution.full_clean()
    else:
        assert "NIP" in errors_of(institution)["nip"][0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("regon", "ok"),
    [("123456785", True), ("123456786", False), ("12345678512347", True)],
)
def test_regon_checksum(regon, ok):
    institution = Institution(name="Stowarzyszenie", kind="association", regon=regon)
    if ok:
        institution.full_clean()
    else:
        assert "REGON" in errors_of(institution)["regon"][0]
