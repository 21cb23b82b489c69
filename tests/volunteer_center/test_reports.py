"""The periodic report: every figure compared with a count made by hand from
a small fixed data set, in the page, the PDF and the XLSX file."""

import datetime as dt
import io
from decimal import Decimal

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from agreements import services as agreement_services
from matching import services
from matching.models import Programme
from registry import services as registry_services
from registry.models import Category, ConsultationTopic, District, Volunteer
from tests.fixtures.agreements import sign_agreement

pytestmark = pytest.mark.django_db

YEAR_2026 = {"date_from": "2026-01-01", "date_to": "2026-12-31"}


def tuesday(month: int, day: int) -> dt.date:
    return dt.date(2026, month, day)


@pytest.fixture
def data(coordinator, make_volunteer, make_beneficiary, make_consultation):
    """2026 in a nutshell, counted by hand:

    - volunteers created in 2026: Anna (b. 1990, town), Basia (b. 2009, minor,
      Zabrzeg), Celina (candidate); Dorota (b. 1950) was created in 2025;
    - requests starting in 2026: shopping (category A, town, completed, Anna),
      tutoring (category A, Zabrzeg, programme "Zima", in progress, Basia),
      transport (category B, town, cancelled); one request of December 2025
      (Dorota) is outside the year;
    - approved hours in 2026: 2.5 (Anna) + 2.0 (Basia, in "Zima"); 1.0 more
      logged for Basia but not approved;
    - one volunteer agreement signed in 2026 and one certificate issued;
    - advice held in 2026: two on "Inne", one planned visit does not count.
    """
    town = District.objects.get(name="Czechowice-Dziedzice")
    zabrzeg = District.objects.get(name="Zabrzeg")
    cat_a, cat_b = Category.objects.order_by("pk")[:2]
    with time_machine.travel(dt.datetime(2025, 11, 1, 12)):
        dorota = make_volunteer(
            first_name="Dorota",
            birth_date=dt.date(1950, 1, 1),
            district=town,
            availability={(1, "morning")},
        )
    anna = make_volunteer(
        first_name="Anna",
        birth_date=dt.date(1990, 5, 5),
        district=town,
        availability={(1, "morning")},
    )
    basia = make_volunteer(
        first_name="Basia",
        birth_date=dt.date(2009, 5, 1),
        district=zabrzeg,
        availability={(1, "afternoon")},
        guardian_name="Jan Nowak",
        guardian_phone="601234567",
        guardian_consent=True,
    )
    make_volunteer(first_name="Celina", birth_date=dt.date(1980, 1, 1))
    for volunteer in (dorota, anna, basia):
        registry_services.volunteer_activate(actor=coordinator, volunteer=volunteer)
    zima = Programme.objects.create(name="Zima", date_from=dt.date(2026, 1, 1))
    people = [make_beneficiary(last_name=name) for name in ("Kos", "Wróbel", "Sójka")]

    def request(title, beneficiary, category, district, day, end=None, **extra):
        weekly = end is not None
        created = services.help_request_create(
            actor=coordinator,
            fields={
                "beneficiary": beneficiary,
                "title": title,
                "category": category,
                "district": district,
                "kind": "weekly" if weekly else "once",
                "date_from": day,
                "date_to": end or day,
                **extra,
            },
            slots=[
                (
                    1,
                    dt.time(9 if district == town else 13),
                    dt.time(11 if district == town else 15),
                )
            ],
        )
        return services.help_request_open(actor=coordinator, request=created)

    def work(req, volunteer, day, hours, approve=True):
        assignment = services.assignment_propose(
            actor=coordinator, request=req, volunteer=volunteer
        )
        services.assignment_accept(actor=coordinator, assignment=assignment)
        services.assignment_activate(actor=coordinator, assignment=assignment)
        entry = services.hours_log(
            actor=coordinator, assignment=assignment, date=day, hours=Decimal(hours)
        )
        if approve:
            services.hours_approve(actor=coordinator, entries=[entry])
        return assignment

    old = request("Zakupy grudniowe", people[2], cat_a, town, dt.date(2025, 12, 2))
    work(old, dorota, dt.date(2025, 12, 2), "3")
    shopping = request("Zakupy", people[0], cat_a, town, tuesday(3, 3))
    work(shopping, anna, tuesday(3, 3), "2.5")
    services.help_request_complete(actor=coordinator, request=shopping)
    tutoring = request(
        "Korepetycje",
        people[1],
        cat_a,
        zabrzeg,
        tuesday(4, 7),
        end=tuesday(4, 28),
        programme=zima,
    )
    lesson = work(tutoring, basia, tuesday(4, 7), "2")
    entry = services.hours_log(
        actor=coordinator, assignment=lesson, date=tuesday(4, 14), hours=Decimal(1)
    )
    assert entry.status == "logged"
    transport = request("Transport", people[0], cat_b, town, tuesday(5, 5))
    services.help_request_cancel(
        actor=coordinator, request=transport, reason="nieaktualne"
    )

    # Drafted, printed and signed on one day early in the year.
    with time_machine.travel(dt.datetime(2026, 2, 27, 12)):
        agreement = agreement_services.agreement_create(
            actor=coordinator,
            kind="volunteer",
            party=anna,
            fields={
                "scope": "Zakupy",
                "manner": "Wizyty",
                "date_from": dt.date(2026, 3, 1),
                "date_to": dt.date(2026, 3, 20),
                "safety_info_given": True,
                "insurance_nnw": True,
            },
        )
        sign_agreement(
            actor=coordinator, agreement=agreement, signed_on=dt.date(2026, 2, 27)
        )
    agreement_services.certificate_issue(
        actor=coordinator,
        volunteer=anna,
        date_from=dt.date(2026, 1, 1),
        date_to=dt.date(2026, 12, 31),
    )
    other = ConsultationTopic.objects.get(name="Inne")
    make_consultation(starts_at=dt.datetime(2026, 2, 3, 9, tzinfo=dt.UTC), topic=other)
    make_consultation(starts_at=dt.datetime(2026, 2, 5, 14, tzinfo=dt.UTC), topic=other)
    make_consultation(
        starts_at=dt.datetime(2026, 2, 10, 9, tzinfo=dt.UTC),
        topic=other,
        status="planned",
    )
    return {"cat_a": cat_a.name, "cat_b": cat_b.name}


def report_page(client):
    response = client.get(reverse("report"), YEAR_2026)
    assert response.status_code == 200
    return response.context["report"]


def test_every_figure_matches_the_hand_count(data, coordinator_client, settings):
    # The counts themselves, each group apart (below, the groups too small
    # to show on their own).
    settings.REPORT_MIN_COUNT = 1
    report = report_page(coordinator_client)
    assert dict(report.figures) == {
        "Nowi wolontariusze": 3,
        "Aktywni wolontariusze": 2,
        "Odbiorcy, którym pomogliśmy": 2,
        "Zgłoszenia": 3,
        "Zatwierdzone godziny": 4.5,
    }
    tables = {t.title: dict(t.rows) for t in report.tables}
    assert tables["Aktywni wolontariusze według wieku"] == {
        "poniżej 18 lat": 1,
        "18–25": 0,
        "26–40": 1,
        "41–60": 0,
        "61 i więcej": 0,
    }
    assert tables["Aktywni wolontariusze według dzielnicy"] == {
        "Czechowice-Dziedzice": 1,
        "Zabrzeg": 1,
    }
    assert tables["Zgłoszenia według kategorii"] == {data["cat_a"]: 2, data["cat_b"]: 1}
    assert tables["Zgłoszenia według dzielnicy"] == {
        "Czechowice-Dziedzice": 2,
        "Zabrzeg": 1,
    }
    by_status = tables["Zgłoszenia według statusu"]
    assert (
        by_status["zakończone"],
        by_status["w realizacji"],
        by_status["anulowane"],
    ) == (1, 1, 1)
    assert tables["Zatwierdzone godziny według programu"] == {
        "poza programami": 2.5,
        "Zima": 2.0,
    }
    assert tables["Podpisane porozumienia"]["z wolontariuszem"] == 1
    assert tables["Wydane zaświadczenia i opinie"] == {"zaświadczenia": 1, "opinie": 0}
    assert tables["Porady według tematu"] == {"Inne": 2}


def test_the_current_year_to_date_is_the_default_period_and_last_year_a_click_away(
    client, coordinator
):
    from volunteer_center.forms import ReportPeriodForm

    with time_machine.travel(dt.datetime(2027, 2, 1, 12)):
        period = ReportPeriodForm().period()
        client.force_login(coordinator)
        html = client.get(reverse("report")).content.decode()
    assert period == (dt.date(2027, 1, 1), dt.date(2027, 2, 1))
    assert "Sprawozdanie za okres 01.01.2027–01.02.2027" in html
    assert 'href="?date_from=2026-01-01&amp;date_to=2026-12-31"' in html
    assert "Poprzedni rok (2026)" in html


def test_pdf_and_xlsx_carry_the_same_figures(data, coordinator_client):
    pdf = coordinator_client.get(reverse("report"), {**YEAR_2026, "format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Sprawozdanie za okres 01.01.2026–31.12.2026" in text
    assert "Zatwierdzone godziny według programu" in text and "Zima" in text
    xlsx = coordinator_client.get(reverse("report"), {**YEAR_2026, "format": "xlsx"})
    book = load_workbook(io.BytesIO(xlsx.content))
    summary = {
        row[0]: row[1]
        for row in book.worksheets[0].iter_rows(min_row=2, values_only=True)
    }
    assert summary["Zatwierdzone godziny"] == 4.5
    assert summary["Nowi wolontariusze"] == 3
    sheet = book["Porady wg tematów"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1] == ("pozostałe (każda poniżej 3)", 2)
    assert rows[-1][0].startswith("Grupy liczące mniej niż 3")
    assert "pozostałe (każda poniżej 3)" in text


def test_groups_too_small_to_show_are_added_up_unnamed(
    data, coordinator_client, settings
):
    """A report leaves the centre: a category, a district or a topic counted
    fewer than REPORT_MIN_COUNT times is not named (it could point at the one
    person who asked); its count goes into one row, and the totals stay."""
    page = coordinator_client.get(reverse("report"), YEAR_2026)
    tables = {t.title: t for t in page.context["report"].tables}
    other = "pozostałe (każda poniżej 3)"
    by_category = tables["Zgłoszenia według kategorii"]
    assert dict(by_category.rows) == {other: 3}
    assert by_category.total == 3 and "Grupy liczące mniej niż 3" in by_category.note
    assert dict(tables["Zgłoszenia według dzielnicy"].rows) == {other: 3}
    assert dict(tables["Porady według tematu"].rows) == {other: 2}
    html = page.content.decode()
    assert data["cat_b"] not in html and "Grupy liczące mniej niż 3" in html
    # Volunteers are people too: a district or an age group with one or two
    # active volunteers would point at them (and "under 18" at a minor).
    by_district = tables["Aktywni wolontariusze według dzielnicy"]
    assert dict(by_district.rows) == {other: 2}
    assert "Grupy liczące mniej niż 3" in by_district.note
    assert dict(tables["Aktywni wolontariusze według wieku"].rows) == {
        "18–25": 0,
        "41–60": 0,
        "61 i więcej": 0,
        other: 2,
    }

    settings.REPORT_MIN_COUNT = 2
    report = report_page(coordinator_client)
    by_category = {t.title: dict(t.rows) for t in report.tables}[
        "Zgłoszenia według kategorii"
    ]
    assert by_category == {data["cat_a"]: 2, "pozostałe (każda poniżej 2)": 1}


def test_end_before_start_is_explained(coordinator_client, db):
    response = coordinator_client.get(
        reverse("report"), {"date_from": "2026-05-01", "date_to": "2026-04-01"}
    )
    assert "Koniec nie może być wcześniej niż początek." in response.content.decode()


@pytest.mark.parametrize("scale", [1, 3])
def test_report_queries_do_not_grow(
    scale,
    coordinator,
    coordinator_client,
    make_request,
    active_volunteer,
    django_assert_num_queries,
):
    for i in range(scale):
        make_request(title=f"Z{i}")
        active_volunteer(first_name=f"W{i}")
    period = {"date_from": "2027-01-01", "date_to": "2027-12-31"}
    # session, user, the user's permissions (one query); where the report's tables
    # stand; active volunteers, new volunteers, beneficiaries helped, approved
    # hours, requests; requests by category, district, status; hours by
    # programme; agreements signed, certificates, references; advice by topic
    with django_assert_num_queries(REPORT_QUERIES):
        coordinator_client.get(reverse("report"), period)
    # Kept: the same report without its thirteen counts.
    with django_assert_num_queries(REPORT_QUERIES - 13):
        coordinator_client.get(reverse("report"), period)


REPORT_QUERIES = 17


def test_only_coordinators_see_the_report(
    social_worker_client, administrator_client, db
):
    url = reverse("report")
    assert Client().get(url).status_code == 302
    assert social_worker_client.get(url).status_code == 403
    assert administrator_client.get(url).status_code == 403


def test_the_kept_report_counts_again_whatever_it_reads_changes(
    data, coordinator, coordinator_client, settings
):
    """The report is kept once counted (volunteer_center/core/figures.py), but
    never past a change: a certificate (a table without history), a renamed
    district (a dictionary) and the other language are each counted anew."""
    settings.REPORT_MIN_COUNT = 1
    issued = {t.title: dict(t.rows) for t in report_page(coordinator_client).tables}
    assert issued["Wydane zaświadczenia i opinie"]["zaświadczenia"] == 1
    anna = Volunteer.objects.get(first_name="Anna")
    agreement_services.certificate_issue(
        actor=coordinator,
        volunteer=anna,
        date_from=dt.date(2026, 3, 1),
        date_to=dt.date(2026, 3, 31),
    )
    zabrzeg = District.objects.get(name="Zabrzeg")
    zabrzeg.name = "Zabrzeg Górny"
    zabrzeg.save()
    tables = {t.title: dict(t.rows) for t in report_page(coordinator_client).tables}
    assert tables["Wydane zaświadczenia i opinie"]["zaświadczenia"] == 2
    assert "Zabrzeg Górny" in tables["Aktywni wolontariusze według dzielnicy"]
    coordinator_client.cookies["django_language"] = "en"
    english = coordinator_client.get(
        reverse("report"), YEAR_2026, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "Active volunteers by district" in english.content.decode()
