"""Polish wording of the volunteer area and its e-mails, read as the walk read
them: no nominative name after "Dzień dobry", the verb in the volunteer's own
form (or a neutral sentence when none is recorded), one date for a one-day
assignment, labels a volunteer understands."""

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from matching import services
from registry.models import Volunteer
from tests.fixtures.matching import TUESDAY
from tests.volunteer_area.conftest import area_client_for
from volunteer_center.volunteer_area import services as area_services

SIGN_IN_ENDINGS = {
    "female": "Jeśli to nie Ty prosiłaś o link",
    "male": "Jeśli to nie Ty prosiłeś o link",
    "": "Jeśli ta prośba nie pochodzi od Ciebie",
}


@pytest.mark.parametrize("gender", ["female", "male", ""])
def test_the_sign_in_e_mail_uses_the_volunteer_s_form(
    area_volunteer, gender, mailoutbox, django_capture_on_commit_callbacks
):
    Volunteer.objects.filter(pk=area_volunteer.pk).update(gender=gender)
    with django_capture_on_commit_callbacks(execute=True):
        area_services.sign_in_link_send(email="ola@example.pl")
    (message,) = mailoutbox
    assert message.body.startswith("Dzień dobry,\n")
    assert "Ola," not in message.body
    assert SIGN_IN_ENDINGS[gender] in message.body
    assert "(-aś)" not in message.body


def test_the_reminder_greets_without_a_name_and_names_the_place_once(
    weekly_assignment, mailoutbox
):
    monday = dt.datetime.combine(TUESDAY - dt.timedelta(days=1), dt.time(10))
    with time_machine.travel(monday.astimezone()):
        call_command("send_reminders")
    (message,) = [m for m in mailoutbox if m.to == ["ola@example.pl"]]
    assert message.body.startswith("Dzień dobry,\n")
    assert "Ola," not in message.body
    assert "gdzie: ul. Polna 3, Czechowice-Dziedzice\n" in message.body


def test_a_one_day_assignment_shows_one_date(make_request, area_volunteer, coordinator):
    request = make_request(title="Spacer")
    assignment = services.assignment_propose(
        actor=coordinator, request=request, volunteer=area_volunteer
    )
    services.assignment_accept(actor=coordinator, assignment=assignment)
    services.assignment_activate(actor=coordinator, assignment=assignment)
    client = area_client_for(area_volunteer)
    day = f"{TUESDAY:%d.%m.%Y}"
    for url in (
        reverse("volunteer_area:home"),
        reverse("volunteer_area:assignment", args=[assignment.pk]),
        reverse("volunteer_area:hours"),
    ):
        html = client.get(url).content.decode()
        assert day in html, url
        assert f"{day}–{day}" not in html, url


def test_the_hours_note_is_not_a_warning(area_client, weekly_assignment, coordinator):
    services.assignment_activate(actor=coordinator, assignment=weekly_assignment)
    html = area_client.get(reverse("volunteer_area:hours")).content.decode()
    assert "Uwagi" in html
    assert ">Uwaga<" not in html and "Uwaga\n" not in html


@pytest.mark.parametrize(
    ("gender", "sentence"),
    [
        ("female", "Poprosiłaś o usunięcie danych"),
        ("male", "Poprosiłeś o usunięcie danych"),
        ("", "Prośba o usunięcie danych złożona"),
    ],
)
def test_my_data_speaks_plainly_and_in_the_volunteer_s_form(
    area_volunteer, gender, sentence
):
    Volunteer.objects.filter(pk=area_volunteer.pk).update(gender=gender)
    area_services.area_request_removal(volunteer=area_volunteer)
    html = area_client_for(area_volunteer)
    html = html.get(reverse("volunteer_area:my-data")).content.decode()
    assert "Pobierz wszystkie moje dane (plik do odczytu komputerowego, JSON)" in html
    assert sentence in html
    assert "(-aś)" not in html
