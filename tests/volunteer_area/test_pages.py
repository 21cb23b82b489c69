"""Every page and action of the area: the same services as staff use, the
volunteer as the actor, only the volunteer's own records."""

import datetime as dt
import json
from decimal import Decimal

import pytest
import time_machine
from django.test import Client

from agreements import services as agreement_services
from matching import services
from matching.models import Assignment, HoursEntry, VisitAbsence
from registry.models import Skill, Volunteer
from tests.fixtures.matching import TUESDAY
from tests.volunteer_area.conftest import area_client_for
from volunteer_center.core.models import AccessLog
from volunteer_center.volunteer_area.models import VolunteerRequest

pytestmark = pytest.mark.django_db
AREA = "/strefa-wolontariusza/"


def test_the_overview_groups_assignments(area_client, weekly_assignment, proposal):
    page = area_client.get(AREA).content.decode()
    assert "Spacer z seniorem" in page  # waiting for an answer
    assert "Zakupy dla seniora" in page
    assert page.index("Spacer z seniorem") < page.index("Zakupy dla seniora")


def test_a_signed_in_volunteer_is_not_offered_sign_up_or_staff_login(
    area_client, client
):
    area = area_client.get(AREA).content.decode()
    assert "Zostań wolontariuszem" not in area
    assert "Logowanie pracowników" not in area
    assert "O Centrum" in area and "Ochrona danych" in area  # the rest stays
    public = client.get("/").content.decode()
    assert "Zostań wolontariuszem" in public and "Logowanie pracowników" in public


def test_another_volunteers_assignment_is_not_found(
    weekly_assignment, active_volunteer
):
    stranger = area_client_for(active_volunteer(first_name="Obcy"))
    assert stranger.get(f"{AREA}skierowania/{weekly_assignment.pk}/").status_code == 404
    response = stranger.post(
        f"{AREA}skierowania/{weekly_assignment.pk}/odpowiedz/", {"answer": "decline"}
    )
    assert response.status_code == 404
    day = TUESDAY.isoformat()
    url = f"{AREA}skierowania/{weekly_assignment.pk}/nie-moge/{day}/"
    assert stranger.get(url).status_code == 404


def test_the_assignment_page_gives_place_time_and_coordinator(
    area_volunteer, weekly_assignment, coordinator
):
    with time_machine.travel(dt.datetime(2027, 2, 20, 12)):
        client = area_client_for(area_volunteer)
        page = client.get(f"{AREA}skierowania/{weekly_assignment.pk}/")
    text = page.content.decode()
    assert "ul. Polna 3" in text
    assert coordinator.email in text
    assert "02.03.2027" in text and "09.03.2027" in text
    # Each visit names its day once: "wtorek, 02.03.2027: 09:00–11:00".
    assert "wtorek, 02.03.2027: 09:00–11:00" in text
    assert "Wtorek 09:00" not in text


def test_a_proposal_reads_as_a_question_to_the_volunteer(area_client, proposal):
    """The staff's steps (proposed, contacted) are one thing to the volunteer:
    their answer is awaited."""
    for status in (Assignment.Status.PROPOSED, Assignment.Status.CONTACTED):
        Assignment.objects.filter(pk=proposal.pk).update(status=status)
        for url in (AREA, f"{AREA}skierowania/{proposal.pk}/"):
            text = area_client.get(url).content.decode()
            assert "czeka na Twoją odpowiedź" in text, (status, url)
            assert "po kontakcie" not in text and "zaproponowane" not in text


def test_a_proposal_shows_no_address_until_accepted(area_client, proposal):
    proposal.request.address = "ul. Tajna 1"
    proposal.request.save()
    text = area_client.get(f"{AREA}skierowania/{proposal.pk}/").content.decode()
    assert "ul. Tajna 1" not in text


def test_accepting_a_proposal_uses_the_matching_service(area_client, proposal):
    area_client.post(
        f"{AREA}skierowania/{proposal.pk}/odpowiedz/", {"answer": "accept"}
    )
    proposal.refresh_from_db()
    assert proposal.status == Assignment.Status.ACCEPTED
    record = proposal.history.latest("history_id")
    assert record.history_user is None
    assert record.history_change_reason == f"[volunteer:{proposal.volunteer_id}]"


def test_i_cannot_come_to_one_visit(
    area_client, weekly_assignment, mailoutbox, django_capture_on_commit_callbacks
):
    day = (TUESDAY + dt.timedelta(days=7)).isoformat()
    url = f"{AREA}skierowania/{weekly_assignment.pk}/nie-moge/{day}/"
    assert area_client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = area_client.post(url, {"reason": "Wizyta u lekarza"})
    assert response.status_code == 302
    absence = VisitAbsence.objects.get()
    assert (absence.date.isoformat(), absence.reason) == (day, "Wizyta u lekarza")
    assert len(mailoutbox) == 1


def test_a_reason_is_required_and_the_input_kept(area_client, weekly_assignment):
    url = f"{AREA}skierowania/{weekly_assignment.pk}/nie-moge/{TUESDAY.isoformat()}/"
    assert area_client.post(url, {"reason": ""}).status_code == 200
    assert not VisitAbsence.objects.exists()
    assert area_client.get(url.replace(TUESDAY.isoformat(), "zle")).status_code == 404


def test_availability_and_skills_change_with_the_volunteer_in_the_history(
    area_client, area_volunteer, town
):
    skill = Skill.objects.order_by("pk").last()
    response = area_client.post(
        f"{AREA}dostepnosc/",
        {
            "availability": ["0:evening", "5:morning"],
            "skills": [skill.pk],
            "reachable_districts": [town.pk],
        },
    )
    assert response.status_code == 302
    volunteer = Volunteer.objects.get(pk=area_volunteer.pk)
    assert set(volunteer.availability.values_list("weekday", "part")) == {
        (0, "evening"),
        (5, "morning"),
    }
    assert list(volunteer.skills.all()) == [skill]
    record = volunteer.history.latest("history_id")
    assert record.history_user is None
    assert record.history_change_reason.startswith(f"[volunteer:{volunteer.pk}]")
    assert "poniedziałek" in record.history_change_reason.lower() or "Monday" in (
        record.history_change_reason
    )


def test_hours_are_logged_for_an_own_active_assignment(
    area_volunteer, weekly_assignment, coordinator
):
    with time_machine.travel(dt.datetime(2027, 3, 2, 14)):
        area_client = area_client_for(area_volunteer)
        services.assignment_activate(actor=coordinator, assignment=weekly_assignment)
        response = area_client.post(
            f"{AREA}godziny/",
            {"assignment": weekly_assignment.pk, "date": "2027-03-02", "hours": "2"},
        )
        assert response.status_code == 302
        page = area_client.get(f"{AREA}godziny/").content.decode()
    entry = HoursEntry.objects.get()
    assert (entry.hours, entry.status, entry.logged_by) == (
        Decimal(2),
        HoursEntry.Status.LOGGED,
        None,
    )
    assert "02.03.2027" in page


def test_hours_cannot_be_logged_for_a_future_day(
    area_volunteer, weekly_assignment, coordinator
):
    with time_machine.travel(dt.datetime(2027, 3, 2, 14)):
        area_client = area_client_for(area_volunteer)
        services.assignment_activate(actor=coordinator, assignment=weekly_assignment)
        response = area_client.post(
            f"{AREA}godziny/",
            {"assignment": weekly_assignment.pk, "date": "2027-03-09", "hours": "2"},
        )
    assert response.status_code == 200
    assert "2027-03-09" in response.content.decode()  # the input is kept
    assert not HoursEntry.objects.exists()


def test_a_certificate_is_asked_for_and_downloaded(
    area_volunteer, weekly_assignment, coordinator, active_volunteer
):
    with time_machine.travel(dt.datetime(2027, 4, 1, 12)):
        client = area_client_for(area_volunteer)
        services.assignment_activate(actor=coordinator, assignment=weekly_assignment)
        entry = services.hours_log(
            actor=coordinator,
            assignment=weekly_assignment,
            date=TUESDAY,
            hours=Decimal(2),
        )
        services.hours_approve(actor=coordinator, entries=[entry])
        response = client.post(
            f"{AREA}dokumenty/", {"date_from": "2027-03-01", "date_to": "2027-03-31"}
        )
        assert response.status_code == 302
        assert VolunteerRequest.objects.get().kind == VolunteerRequest.Kind.CERTIFICATE
        certificate = agreement_services.certificate_issue(
            actor=coordinator,
            volunteer=area_volunteer,
            date_from=dt.date(2027, 3, 1),
            date_to=dt.date(2027, 3, 31),
            scope="pomoc sąsiedzka",
        )
        assert certificate.number in client.get(f"{AREA}dokumenty/").content.decode()
        pdf = client.get(f"{AREA}dokumenty/zaswiadczenia/{certificate.pk}/")
        stranger = area_client_for(active_volunteer(first_name="Obcy"))
        foreign = stranger.get(f"{AREA}dokumenty/zaswiadczenia/{certificate.pk}/")
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    log = AccessLog.objects.filter(actor_ref=f"volunteer:{area_volunteer.pk}")
    assert log.filter(action=AccessLog.Action.EXPORT).exists()
    assert foreign.status_code == 404


def test_my_data_downloads_every_apps_part(
    area_client, area_volunteer, weekly_assignment
):
    response = area_client.get(f"{AREA}moje-dane/pobierz/")
    assert response["Content-Disposition"] == 'attachment; filename="moje-dane.json"'
    data = json.loads(response.content)
    assert "Ola" in json.dumps(data, ensure_ascii=False)
    assert "Zakupy dla seniora" in json.dumps(data, ensure_ascii=False)
    assert AccessLog.objects.filter(
        actor_ref=f"volunteer:{area_volunteer.pk}", action=AccessLog.Action.EXPORT
    ).exists()


def test_text_message_consent_is_given_and_withdrawn(area_client, area_volunteer):
    area_client.post(f"{AREA}moje-dane/sms/", {"sms": "on"})
    area_volunteer.refresh_from_db()
    assert area_volunteer.sms_consent_at is not None
    area_client.post(f"{AREA}moje-dane/sms/", {"sms": "off"})
    area_volunteer.refresh_from_db()
    assert area_volunteer.sms_consent_at is None


def test_a_new_calendar_address_stops_the_old_one(area_client, area_volunteer):
    page = area_client.get(f"{AREA}moje-dane/").content.decode()
    old = page[page.index("/kalendarz/") : page.index(".ics") + 4]
    assert Client().get(old).status_code == 200
    area_client.post(f"{AREA}moje-dane/kalendarz/")
    assert Client().get(old).status_code == 404
    page = area_client.get(f"{AREA}moje-dane/").content.decode()
    new = page[page.index("/kalendarz/") : page.index(".ics") + 4]
    assert new != old
    assert Client().get(new).status_code == 200


def test_a_removal_request_reaches_the_dashboard_and_anonymises(
    area_client, area_volunteer, coordinator_client
):
    area_client.post(f"{AREA}moje-dane/", {"confirm": "on", "note": "wyprowadzam się"})
    removal = VolunteerRequest.objects.get(kind=VolunteerRequest.Kind.REMOVAL)
    dashboard = coordinator_client.get("/panel/").content.decode()
    assert "Ola" in dashboard
    coordinator_client.post(
        f"/panel/prosby-wolontariuszy/{removal.pk}/", {"action": "handle"}
    )
    area_volunteer.refresh_from_db()
    assert area_volunteer.is_anonymised
    removal.refresh_from_db()
    assert removal.status == VolunteerRequest.Status.DONE
    assert area_client.get(AREA).status_code == 302
