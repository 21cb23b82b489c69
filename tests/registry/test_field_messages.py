"""What the volunteer forms say, and where: a refused value next to its field
(and once in the summary, linked to it), the public form speaking to the
person and the staff form about them (the user walk of the forms)."""

import re

import pytest
from django.urls import reverse

from registry import validators
from registry.models import Volunteer
from tests.registry.test_views import BENEFICIARY_FORM_DATA, volunteer_form_data

SIGN_UP = "/zostan-wolontariuszem/"
MAX_HOURS = "Maksymalna liczba godzin tygodniowo musi wynosić od 1 do 40."
LETTERS = (
    "Numer telefonu składa się z samych cyfr (można wpisać spacje, myślniki i + "
    "na początku), bez liter."
)


@pytest.fixture
def sign_up_data(db):
    """The staff form's volunteer, signing up themselves."""
    return {**volunteer_form_data(), "consent": "on", "website": ""}


def field_block(html: str, name: str) -> str:
    """The markup crispy renders for one field: its label, input, help and
    its messages (up to the next field's wrapper)."""
    start = html.index(f'id="div_id_{name}"')
    end = html.find('id="div_id_', start + 1)
    return html[start : end if end != -1 else len(html)]


def summary(html: str) -> str:
    start = html.index('id="form-error-summary"')
    return html[start : html.index("</div>", start)]


def assert_next_to_the_field(html: str, name: str, message: str) -> None:
    block = field_block(html, name)
    feedback = re.search(
        rf'<div id="id_{name}_error" class="invalid-feedback">(.*?)</div>', block, re.S
    )
    assert feedback, block
    assert message in feedback.group(1)
    assert "is-invalid" in block
    assert re.search(rf'aria-describedby="[^"]*\bid_{name}_error\b', block)
    # Once in the summary, linked to the field; never above the form alone.
    assert summary(html).count(message) == 1
    assert f'href="#id_{name}"' in summary(html)
    assert 'class="alert alert-block alert-danger"' not in html


@pytest.mark.parametrize("hours", ["0", "50"])
def test_the_sign_up_says_the_hours_limit_next_to_the_field(
    client, sign_up_data, hours
):
    page = client.post(SIGN_UP, {**sign_up_data, "max_hours_per_week": hours})
    assert page.status_code == 200
    html = page.content.decode()
    assert_next_to_the_field(html, "max_hours_per_week", MAX_HOURS)
    assert html.count(MAX_HOURS) == 2  # the field and the summary
    assert 'value="Katarzyna"' in html
    assert not Volunteer.objects.exists()


def test_the_hours_field_tells_the_browser_its_range(client, db):
    block = field_block(client.get(SIGN_UP).content.decode(), "max_hours_per_week")
    assert 'min="1"' in block and 'max="40"' in block


@pytest.mark.parametrize("hours", ["0", "41"])
def test_the_staff_form_says_the_hours_limit_next_to_the_field(
    coordinator_client, hours
):
    page = coordinator_client.post(
        reverse("registry:volunteer-create"),
        volunteer_form_data(max_hours_per_week=hours),
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert_next_to_the_field(html, "max_hours_per_week", MAX_HOURS)
    assert 'value="Katarzyna"' in html
    assert not Volunteer.objects.exists()


def test_a_check_of_one_field_is_filed_under_that_field(make_volunteer):
    """Whatever form saves the record (the admin's too): the model's own
    check names the field it concerns."""
    volunteer = make_volunteer()
    volunteer.max_hours_per_week = 0
    with pytest.raises(validators.ValidationError) as refusal:
        volunteer.full_clean()
    assert refusal.value.message_dict == {"max_hours_per_week": [MAX_HOURS]}


@pytest.mark.parametrize("phone", ["+48 600 abc 111", "600 ABC 111", "600-12x-456"])
def test_letters_in_a_phone_are_refused(phone):
    with pytest.raises(validators.ValidationError) as refusal:
        validators.normalize_phone(phone)
    assert refusal.value.messages == [LETTERS]


def test_the_sign_up_refuses_letters_in_the_phone_next_to_the_field(
    client, sign_up_data
):
    page = client.post(SIGN_UP, {**sign_up_data, "phone": "+48 600 abc 111"})
    assert page.status_code == 200
    html = page.content.decode()
    assert_next_to_the_field(html, "phone", LETTERS)
    assert 'value="+48 600 abc 111"' in html
    assert not Volunteer.objects.exists()


@pytest.mark.parametrize("name", ["phone", "guardian_phone"])
def test_the_staff_volunteer_form_refuses_letters_in_a_phone(coordinator_client, name):
    page = coordinator_client.post(
        reverse("registry:volunteer-create"),
        volunteer_form_data(**{name: "600 abc 111"}),
    )
    assert page.status_code == 200
    assert_next_to_the_field(page.content.decode(), name, LETTERS)


def test_the_beneficiary_form_refuses_letters_in_the_phone(coordinator_client, db):
    page = coordinator_client.post(
        reverse("registry:beneficiary-create"),
        {**BENEFICIARY_FORM_DATA, "phone": "600 abc 111"},
    )
    assert page.status_code == 200
    assert_next_to_the_field(page.content.decode(), "phone", LETTERS)


def test_the_institution_form_refuses_letters_in_the_phone(coordinator_client, db):
    page = coordinator_client.post(
        reverse("registry:institution-create"),
        {"name": "Szkoła Podstawowa nr 1", "phone": "32 abc 11 11"},
    )
    assert page.status_code == 200
    assert_next_to_the_field(page.content.decode(), "phone", LETTERS)


def test_the_sign_up_does_not_speak_of_a_pesel_it_does_not_ask(client, db):
    html = client.get(SIGN_UP).content.decode()
    assert 'name="pesel"' not in html
    assert "PESEL" not in field_block(html, "gender")
    assert "Decyduje o brzmieniu Twojego porozumienia i zaświadczeń" in html


def test_the_staff_form_with_a_pesel_says_it_fills_in_the_form_of_address(
    coordinator_client,
):
    html = coordinator_client.get(reverse("registry:volunteer-create")).content
    block = field_block(html.decode(), "gender")
    assert "Uzupełniana na podstawie numeru PESEL" in block


def test_the_beneficiary_form_has_no_pesel_to_speak_of(coordinator_client):
    html = coordinator_client.get(reverse("registry:beneficiary-create")).content
    assert "PESEL" not in field_block(html.decode(), "gender")


def test_the_staff_form_asks_about_the_volunteers_availability(coordinator_client):
    html = coordinator_client.get(reverse("registry:volunteer-create")).content
    block = field_block(html.decode(), "availability")
    assert "Kiedy wolontariusz(ka) może pomagać?" in block
    assert "zaznacz pory dnia, w których wolontariusz(ka) może pomagać" in block
    assert "możesz" not in block


def test_the_sign_up_asks_the_person_when_they_can_help(client, db):
    block = field_block(client.get(SIGN_UP).content.decode(), "availability")
    assert "Kiedy możesz pomagać?" in block
    assert "zaznacz pory dnia, w których możesz pomagać" in block


SAVE_ANYWAY = "To inna osoba: zapisz mimo to"


def test_the_different_person_choice_waits_for_a_duplicate(coordinator_client):
    html = coordinator_client.get(reverse("registry:volunteer-create")).content
    assert SAVE_ANYWAY not in html.decode()
    page = coordinator_client.post(
        reverse("registry:volunteer-create"), volunteer_form_data(max_hours_per_week=0)
    )
    assert SAVE_ANYWAY not in page.content.decode()


def test_the_different_person_choice_comes_with_the_duplicate_found(
    coordinator_client, make_volunteer
):
    make_volunteer(email="kasia@example.pl")
    url = reverse("registry:volunteer-create")
    page = coordinator_client.post(url, volunteer_form_data(notes="Z ośrodka"))
    html = page.content.decode()
    assert page.status_code == 200
    assert SAVE_ANYWAY in html and 'name="save_anyway"' in html
    assert "Z ośrodka" in html and 'value="Katarzyna"' in html
    # Ticked, but another field wrong: the choice stays, ticked.
    page = coordinator_client.post(
        url, volunteer_form_data(save_anyway="on", max_hours_per_week=0)
    )
    block = field_block(page.content.decode(), "save_anyway")
    assert "checked" in block
    assert Volunteer.objects.count() == 1


def test_the_beneficiary_form_shows_the_choice_only_for_a_duplicate(
    coordinator_client, make_beneficiary
):
    url = reverse("registry:beneficiary-create")
    assert SAVE_ANYWAY not in coordinator_client.get(url).content.decode()
    make_beneficiary(phone="600 700 800")
    page = coordinator_client.post(
        url, {**BENEFICIARY_FORM_DATA, "phone": "600-700-800"}
    )
    assert page.status_code == 200
    assert SAVE_ANYWAY in page.content.decode()
