"""What a user walk found in the agreements: the state of a signed agreement
follows its dates, a volunteer's certificate request leads to the issued
certificate and is closed by it, legal dates read "… 2026 r.", the defined
term "Strony" is written one way, and a minor's agreement cannot start before
the guardian's consent."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from agreements import documents, services
from agreements.errors import AgreementError
from agreements.models import Agreement
from registry import rules
from tests.agreements.conftest import VOLUNTEER_FIELDS
from tests.agreements.test_pdf import pdf_text
from tests.fixtures.agreements import default_signatory, sign_agreement
from volunteer_center.volunteer_area.models import VolunteerRequest
from volunteer_center.volunteer_area.services import area_request_certificate

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def frozen_today(time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 10, 0), tick=False)


# --- 1. In force from the first day, expired after the last -------------------


@pytest.fixture
def four_agreements(make_agreement, make_volunteer, coordinator):
    """A draft, one in force, one signed to start later, one whose period
    is over (signed while it ran)."""
    draft = make_agreement(party=make_volunteer(last_name="Projekt"))
    in_force = make_agreement(
        party=make_volunteer(last_name="Obecna"), sign=True, date_to=None
    )
    later = make_agreement(
        party=make_volunteer(last_name="Przyszła"),
        sign=True,
        date_from=dt.date(2026, 4, 1),
    )
    ended = make_agreement(
        party=make_volunteer(last_name="Dawna"),
        date_from=dt.date(2026, 1, 5),
        date_to=dt.date(2026, 3, 3),
    )
    ended = sign_agreement(actor=coordinator, agreement=ended).agreement
    return draft, in_force, later, ended


def test_a_signed_agreement_is_in_force_within_its_period(four_agreements):
    _draft, in_force, _later, ended = four_agreements
    assert [a.state for a in four_agreements] == [
        "draft",
        "active",
        "signed",
        "active",
    ]
    # Nothing moves the stored status: the day after its end it has expired.
    assert ended.state_on(dt.date(2026, 3, 4)) == "expired"
    assert Agreement.objects.get(pk=in_force.pk).status == "signed"


def test_the_sql_state_and_the_records_state_agree(four_agreements):
    for day in (dt.date(2026, 1, 1), TODAY, dt.date(2026, 3, 4), dt.date(2026, 5, 1)):
        states = dict(
            Agreement.objects.with_state(day).values_list("pk", "current_state")
        )
        assert states == {a.pk: a.state_on(day) for a in four_agreements}, day


def test_the_list_filters_and_shows_the_state_the_page_shows(
    four_agreements, coordinator_client, coordinator, time_machine
):
    _draft, in_force, _later, ended = four_agreements
    url = reverse("agreements:agreement-list")

    def parties(status):
        response = coordinator_client.get(url, {"status": status})
        return sorted(a.party.last_name for a in response.context["object_list"])

    assert parties("active") == ["Dawna", "Obecna"]
    assert parties("signed") == ["Przyszła"]
    assert parties("expired") == []
    page = coordinator_client.get(url, {"status": "active"}).content.decode()
    assert "2 porozumienia" in page and "obowiązuje" in page
    detail = coordinator_client.get(in_force.get_absolute_url()).content.decode()
    assert 'status-active">obowiązuje<' in detail
    assert "Wprowadź w życie" not in detail
    time_machine.move_to(dt.datetime(2026, 3, 4, 10, 0), tick=False)
    coordinator_client.force_login(coordinator)  # past the idle timeout
    assert parties("expired") == ["Dawna"]
    detail = coordinator_client.get(ended.get_absolute_url()).content.decode()
    assert 'status-expired">wygasło<' in detail


# --- 2. A volunteer's certificate request -----------------------------------


@pytest.fixture
def asked(make_volunteer, make_assignment, log_hours):
    volunteer = make_volunteer(first_name="Ewa", last_name="Prosząca")
    work = make_assignment(
        volunteer, date_from=dt.date(2026, 1, 5), date_to=dt.date(2026, 2, 27)
    )
    log_hours(work, dt.date(2026, 1, 10), "3")
    return area_request_certificate(
        volunteer=volunteer,
        date_from=dt.date(2026, 1, 1),
        date_to=dt.date(2026, 2, 28),
        note="Do szkoły",
    )


def test_issuing_from_a_request_is_prefilled_and_closes_the_request(
    asked, coordinator_client, time_machine
):
    dashboard = coordinator_client.get(reverse("dashboard")).content.decode()
    url = reverse("volunteer-request-certificate", args=[asked.pk])
    assert url in dashboard and "Oznacz jako wydane" in dashboard
    page = coordinator_client.get(url)
    form = page.context["form"]
    assert (form["date_from"].value(), form["date_to"].value()) == (
        dt.date(2026, 1, 1),
        dt.date(2026, 2, 28),
    )
    assert "Do szkoły" in page.content.decode()
    # A minute later (the dashboard's kept lists see the change by its time).
    time_machine.shift(dt.timedelta(minutes=1))
    response = coordinator_client.post(
        url,
        {
            "date_from": "2026-01-01",
            "date_to": "2026-02-28",
            "scope": "",
            "signatory": default_signatory().pk,
        },
    )
    assert response.status_code == 302
    asked.refresh_from_db()
    assert asked.status == VolunteerRequest.Status.DONE
    assert asked.certificate.number == "ZAŚ/2026/001"
    assert asked.certificate.on_request
    dashboard = coordinator_client.get(reverse("dashboard")).content.decode()
    assert url not in dashboard
    # The request is closed: its form is no longer there.
    assert coordinator_client.get(url).status_code == 404


def test_a_refused_issue_leaves_the_request_open(asked, coordinator_client):
    url = reverse("volunteer-request-certificate", args=[asked.pk])
    signatory = default_signatory().pk
    response = coordinator_client.post(
        url,
        {"date_from": "2025-01-01", "date_to": "2025-02-28", "signatory": signatory},
    )
    assert response.status_code == 200
    assert "nie ma zatwierdzonych godzin" in response.content.decode()
    asked.refresh_from_db()
    assert (asked.status, asked.certificate) == (VolunteerRequest.Status.OPEN, None)


# --- 3 and 4. The words of the documents -------------------------------------


def test_the_agreement_writes_its_dates_and_its_parties_as_legal_text(
    make_agreement, coordinator
):
    agreement = make_agreement(date_to=None)
    agreement = sign_agreement(actor=coordinator, agreement=agreement).agreement
    text = pdf_text(documents.agreement_pdf(agreement))
    for expected in (
        "na okres nieokreślony, począwszy od dnia 1 marca 2026 r.",
        "Data zawarcia 2 marca 2026 r.",
        "ur. 17 maja 1990 r.",
        "w dniu 27 lutego 2026 r.",
    ):
        assert expected in text, expected
    # A date at the end of a sentence takes one full stop.
    assert "2026 r. r." not in text and "r.." not in text


def test_a_legal_date_keeps_its_year_with_r_and_its_day_with_its_month(
    make_agreement, coordinator, coordinator_client
):
    """No line of a document ends with "2026" and starts with "r.": the text
    kept (and so printed) joins them with a no-break space, the statute's
    dates of the template's own words too, and the agreement's page shows
    it as it is kept."""
    agreement = make_agreement()
    agreement = sign_agreement(actor=coordinator, agreement=agreement).agreement
    nbsp = "\u00a0"
    for expected in (
        f"od dnia 1{nbsp}marca 2026{nbsp}r. do dnia 31{nbsp}grudnia 2026{nbsp}r.",
        f"ur. 17{nbsp}maja 1990{nbsp}r.",
        f"w{nbsp}dniu 27{nbsp}lutego 2026{nbsp}r.",
        f"ustawy z dnia 24 kwietnia 2003{nbsp}r. o działalności",
    ):
        assert expected in agreement.text, expected
    assert not re.search(r"\d{4} r\.", agreement.text)
    with agreement.document.open("rb") as stored:
        printed = "\n".join(p.extract_text() for p in PdfReader(stored).pages)
    assert f"1{nbsp}marca 2026{nbsp}r." in printed
    assert documents.polish_date(TODAY) == f"2{nbsp}marca 2026{nbsp}r."
    page = coordinator_client.get(
        reverse("agreements:agreement-detail", args=[agreement.pk])
    ).content.decode()
    assert f"od dnia 1{nbsp}marca 2026{nbsp}r." in page


def test_once_the_parties_are_defined_as_strony_the_term_is_capitalised(
    make_agreement, make_institution
):
    agreement = make_agreement(
        kind="institution", party=make_institution(name="Szkoła nr 3")
    )
    text = pdf_text(documents.agreement_pdf(agreement))
    for expected in (
        "zwane dalej łącznie „Stronami”",
        "Każda ze Stron może rozwiązać porozumienie",
        "składając drugiej Stronie oświadczenie na piśmie",
        "przez jedną ze Stron.",
        "po jednym dla każdej ze Stron.",
    ):
        assert expected in text, expected
    assert "ze stron" not in text and "drugiej stronie" not in text
    # The volunteer's text does not define the term: it writes it one way too.
    volunteer_text = pdf_text(documents.agreement_pdf(make_agreement()))
    assert "Każda ze stron" in volunteer_text
    assert "każdej ze stron" in volunteer_text
    assert "ze Stron" not in volunteer_text


def test_a_one_day_certificate_says_on_the_day(
    make_volunteer, make_assignment, log_hours, coordinator
):
    volunteer = make_volunteer(first_name="Jan", last_name="Jednodniowy")
    work = make_assignment(
        volunteer, date_from=dt.date(2026, 2, 3), date_to=dt.date(2026, 2, 3)
    )
    log_hours(work, dt.date(2026, 2, 3), "4")
    certificate = services.certificate_issue(
        actor=coordinator,
        volunteer=volunteer,
        date_from=dt.date(2026, 2, 1),
        date_to=dt.date(2026, 2, 28),
    )
    with certificate.pdf.open("rb") as stored:
        text = pdf_text(stored.read())
    assert "Czechowice-Dziedzice, dnia 2 marca 2026 r." in text
    assert "w dniu 3 lutego 2026 r., w łącznym wymiarze" in text
    assert "w okresie" not in text
    reference = services.reference_issue(
        actor=coordinator,
        volunteer=volunteer,
        date_from=dt.date(2026, 2, 1),
        date_to=dt.date(2026, 2, 28),
        assessment="Sumienny.",
    )
    with reference.pdf.open("rb") as stored:
        text = pdf_text(stored.read())
    assert "Okres wykonywania świadczeń: 3 lutego 2026 r. (łącznie" in text
    assert "ur. 17 maja 1990 r." in text and "r.." not in text
    assert "Czechowice-Dziedzice, dnia 2 marca 2026 r." in text


# --- 5. A minor's agreement starts after the guardian's consent -------------


@pytest.fixture
def consented_late(make_volunteer):
    """A minor whose guardian's written consent was recorded on 20 March."""
    return make_volunteer(
        first_name="Zosia",
        last_name="Późna",
        birth_date=dt.date(2010, 1, 15),
        guardian_name="Barbara Późna",
        guardian_phone="600100200",
        guardian_consent=True,
        guardian_consent_on=dt.date(2026, 3, 20),
    )


def test_the_rule_of_a_late_consent():
    minor = dt.date(2010, 1, 15)
    start = dt.date(2026, 3, 1)
    late = dt.date(2026, 3, 2)
    assert rules.guardian_consent_too_late(
        birth_date=minor, consent_on=late, start=start
    )
    assert not rules.guardian_consent_too_late(
        birth_date=minor, consent_on=start, start=start
    )
    assert not rules.guardian_consent_too_late(
        birth_date=dt.date(1990, 1, 1), consent_on=late, start=start
    )


def test_a_minors_agreement_cannot_start_before_the_consent(
    make_agreement, consented_late, coordinator
):
    with pytest.raises(ValidationError) as refused:
        make_agreement(party=consented_late, date_from=dt.date(2026, 3, 1))
    assert "date_from" in refused.value.message_dict
    agreement = make_agreement(party=consented_late, date_from=dt.date(2026, 3, 20))
    # A consent recorded later (changed in the register) stops the signing.
    consented_late.guardian_consent_on = dt.date(2026, 3, 21)
    consented_late.save(update_fields=["guardian_consent_on"])
    with pytest.raises(AgreementError, match="after the agreement starts"):
        sign_agreement(actor=coordinator, agreement=agreement)
    assert Agreement.objects.get(pk=agreement.pk).is_draft


def test_the_form_shows_the_refusal_next_to_the_start_date(
    consented_late, coordinator_client
):
    url = reverse("agreements:agreement-create", args=["volunteer", consented_late.pk])
    page = coordinator_client.get(url)
    data = {
        name: value
        for name, value in page.context["form"].initial.items()
        if value is not None
    }
    data.update(
        {
            key: value.isoformat() if isinstance(value, dt.date) else value
            for key, value in VOLUNTEER_FIELDS.items()
        }
    )
    data["safety_info_given"] = "on"
    response = coordinator_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "date_from" in errors, errors
    assert "po rozpoczęciu porozumienia" in errors["date_from"][0]
