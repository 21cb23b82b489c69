"""The invitation says when and where in words; a request takes its place from
its beneficiary or institution unless staff give another."""

import datetime as dt

from django.core import mail

from matching import ical, services
from matching.models import HelpRequest
from tests.fixtures.matching import MONDAY, TUESDAY
from tests.leaks import program_text


def _invite(coordinator, request, volunteer, capture):
    assignment = services.assignment_propose(
        actor=coordinator, request=request, volunteer=volunteer
    )
    with capture(execute=True):
        services.assignment_contact(actor=coordinator, assignment=assignment)
    return mail.outbox[-1]


def test_weekly_invitation_says_the_days_hours_and_period_in_words(
    make_request, active_volunteer, coordinator, django_capture_on_commit_callbacks
):
    request = make_request(
        kind="weekly",
        date_from=TUESDAY,
        date_to=TUESDAY + dt.timedelta(days=27),
        slots=[(1, dt.time(13), dt.time(15)), (3, dt.time(9), dt.time(10, 30))],
    )
    volunteer = active_volunteer(
        email="ala@example.pl", availability={(1, "afternoon"), (3, "morning")}
    )
    message = _invite(
        coordinator, request, volunteer, django_capture_on_commit_callbacks
    )
    assert (
        "wtorki 13:00–15:00, czwartki 09:00–10:30, od 02.03.2027 do 29.03.2027"
        in message.body
    )
    assert program_text(message.body) == []


def test_one_off_invitation_names_the_day_and_date(
    make_request, active_volunteer, coordinator, django_capture_on_commit_callbacks
):
    volunteer = active_volunteer(email="ala@example.pl")
    message = _invite(
        coordinator, make_request(), volunteer, django_capture_on_commit_callbacks
    )
    assert "wtorek 02.03.2027, 09:00–11:00" in message.body
    assert "QuerySet" not in message.body


def test_request_without_a_place_is_held_at_the_beneficiary_s_address(
    make_request,
    make_beneficiary,
    social_worker,
    districts,
    active_volunteer,
    coordinator,
    django_capture_on_commit_callbacks,
):
    zabrzeg = districts["Zabrzeg"]
    beneficiary = make_beneficiary(
        social_worker=social_worker,
        street="ul. Lipowa 3",
        postal_code="43-516",
        city="Zabrzeg",
        district=zabrzeg,
    )
    request = make_request(beneficiary=beneficiary, district=None)
    assert (request.address, request.district) == (
        "ul. Lipowa 3, 43-516 Zabrzeg",
        zabrzeg,
    )
    volunteer = active_volunteer(email="ala@example.pl", district=zabrzeg)
    message = _invite(
        coordinator, request, volunteer, django_capture_on_commit_callbacks
    )
    # The town is said once: the address already names the district.
    assert "gdzie: ul. Lipowa 3, 43-516 Zabrzeg\n" in message.body
    assignment = request.assignments.get()
    services.assignment_accept(actor=coordinator, assignment=assignment)
    feed = ical.volunteer_calendar(volunteer, today=MONDAY).decode()
    # The calendar goes to outside services: the district, not the address.
    assert "LOCATION:Zabrzeg" in feed
    assert "Lipowa" not in feed


def test_request_for_an_institution_takes_its_address(
    make_request, make_institution, districts
):
    ligota = districts["Ligota"]
    school = make_institution(
        street="ul. Szkolna 5",
        postal_code="43-502",
        district=ligota,
        receives_help=True,
    )
    request = make_request(beneficiary=None, institution=school, district=None)
    assert request.address == "ul. Szkolna 5, 43-502 Czechowice-Dziedzice"
    assert request.district == ligota


def test_a_place_staff_give_is_kept(
    make_request, make_beneficiary, social_worker, town
):
    beneficiary = make_beneficiary(
        social_worker=social_worker, street="ul. Lipowa 3", district=town
    )
    request = make_request(
        beneficiary=beneficiary, address="Park Central", district=None
    )
    assert (request.address, request.district) == ("Park Central", None)


def test_clearing_the_place_on_edit_takes_the_beneficiary_s_again(
    make_request, make_beneficiary, social_worker, town, coordinator
):
    beneficiary = make_beneficiary(
        social_worker=social_worker, street="ul. Lipowa 3", district=town
    )
    request = make_request(beneficiary=beneficiary, address="Park Central")
    services.help_request_update(
        actor=coordinator, request=request, fields={"address": "", "district": None}
    )
    request = HelpRequest.objects.get(pk=request.pk)
    assert request.address.startswith("ul. Lipowa 3")
    assert request.district == town


def test_the_leak_check_finds_program_text():
    assert program_text("kiedy: <QuerySet [<RequestSlot: wtorek>]>")
    assert program_text("<object object at 0x7f00aa>")
    assert program_text("gdzie: None")
    assert program_text("status: in_progress")
    assert program_text("Witaj %(name)s")
    assert program_text("https://example.org/a_b/ wtorki 13:00–15:00") == []
