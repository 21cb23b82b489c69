"""CSV and XLSX downloads of the staff lists: the filtered rows only, Polish
headers, what the role may see, one access-log entry per export naming every
person in it, and a query count that does not grow with the rows."""

import codecs
import csv
import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from matching import services
from matching.models import Assignment
from registry.models import Consultation, Volunteer
from tests.matching.conftest import TUESDAY
from volunteer_center.core.models import AccessLog

FORMATS = ["csv", "xlsx"]


def download(client, url_name, export_format, **params):
    """(headers, rows) of the export, parsed back as a spreadsheet would."""
    response = client.get(reverse(url_name), {**params, "export": export_format})
    assert response.status_code == 200, response.status_code
    if export_format == "csv":
        raw = b"".join(response.streaming_content)
        assert raw.startswith(codecs.BOM_UTF8)
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        rows = [
            ["" if v is None else v for v in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    return rows[0], rows[1:]


def column(headers, rows, header) -> list:
    index = headers.index(header)
    return [row[index] for row in rows]


def directed(coordinator, request, volunteer, *, accept=True):
    assignment = services.assignment_propose(
        actor=coordinator, request=request, volunteer=volunteer
    )
    if accept:
        assignment = services.assignment_accept(
            actor=coordinator, assignment=assignment
        )
    return assignment


def logged_hours(coordinator, assignment, hours=("2", "1.5")):
    """Hours on the days of a Tuesday assignment, logged when they are past."""
    services.assignment_activate(actor=coordinator, assignment=assignment)
    with time_machine.travel(dt.datetime(2027, 3, 3, 12)):
        return [
            services.hours_log(
                actor=coordinator,
                assignment=assignment,
                date=TUESDAY,
                hours=Decimal(value),
            )
            for value in hours
        ]


# --- Each list: the filtered rows only, in Polish ---------------------------------


@pytest.mark.parametrize("export_format", FORMATS)
def test_volunteers_export_has_only_the_filtered_rows_with_polish_headers(
    coordinator_client, make_volunteer, skills, districts, export_format
):
    make_volunteer(
        last_name="Żółkiewska",
        status="active",
        phone="601 234 567",
        email="ola@example.pl",
        skills=[skills["Język migowy"]],
        district=districts["Zabrzeg"],
        city="Zabrzeg",
    )
    make_volunteer(last_name="Aktywny", status="active")
    make_volunteer(last_name="Kandydat")

    headers, rows = download(
        coordinator_client, "registry:volunteer-list", export_format, status="active"
    )

    assert headers[:3] == ["Nazwisko", "Imię", "Status"]
    assert {"Telefon", "E-mail", "Umiejętności"} <= set(headers)
    assert sorted(column(headers, rows, "Nazwisko")) == ["Aktywny", "Żółkiewska"]
    (ola,) = [r for r in rows if r[0] == "Żółkiewska"]
    assert ola[headers.index("Telefon")] == "601 234 567"
    assert ola[headers.index("E-mail")] == "ola@example.pl"
    assert ola[headers.index("Umiejętności")] == "Język migowy"
    assert ola[headers.index("Status")] == "aktywny"
    assert ola[headers.index("Poniżej 18 lat")] == "nie"
    assert ola[headers.index("Dzielnica")] == "Zabrzeg"
    assert ola[headers.index("Miasto")] == "Zabrzeg"


@pytest.mark.parametrize("export_format", FORMATS)
def test_an_export_in_english_shows_english_labels(
    coordinator_client, make_volunteer, export_format
):
    make_volunteer(last_name="Nowak", status="paused")
    coordinator_client.cookies["django_language"] = "en"

    headers, rows = download(
        coordinator_client, "registry:volunteer-list", export_format
    )

    assert headers[:3] == ["Last name", "First name", "Status"]
    assert column(headers, rows, "Status") == ["paused"]
    assert column(headers, rows, "Under 18") == ["no"]


def test_a_stored_value_outside_the_choices_is_exported_as_it_is(
    coordinator_client, make_volunteer
):
    volunteer = make_volunteer(last_name="Nowak")
    Volunteer.objects.filter(pk=volunteer.pk).update(status="archived")

    headers, rows = download(coordinator_client, "registry:volunteer-list", "csv")

    volunteer.refresh_from_db()
    assert column(headers, rows, "Status") == [volunteer.get_status_display()]
    assert column(headers, rows, "Status") == ["archived"]


def test_export_has_every_filtered_row_not_only_the_page(coordinator_client):
    Volunteer.objects.bulk_create(
        Volunteer(first_name="A", last_name=f"N{i:02d}", birth_date=dt.date(1990, 1, 1))
        for i in range(30)
    )
    page = coordinator_client.get(reverse("registry:volunteer-list"))
    assert len(page.context["object_list"]) == 25

    _headers, rows = download(coordinator_client, "registry:volunteer-list", "csv")

    assert len(rows) == 30


@pytest.mark.parametrize("export_format", FORMATS)
def test_beneficiaries_export_filtered(
    coordinator_client, make_beneficiary, districts, export_format
):
    make_beneficiary(last_name="Bronowska", district=districts["Bronów"])
    make_beneficiary(last_name="Ligocka", district=districts["Ligota"])

    headers, rows = download(
        coordinator_client,
        "registry:beneficiary-list",
        export_format,
        district=districts["Bronów"].pk,
    )

    assert column(headers, rows, "Nazwisko") == ["Bronowska"]
    assert column(headers, rows, "Dzielnica") == ["Bronów"]


@pytest.mark.parametrize("export_format", FORMATS)
def test_institutions_export_filtered(
    coordinator_client, make_institution, export_format
):
    make_institution(name="Szkoła Podstawowa nr 2", kind="school")
    make_institution(name="Parafia św. Andrzeja", kind="parish")

    headers, rows = download(
        coordinator_client, "registry:institution-list", export_format, kind="school"
    )

    assert headers[0] == "Nazwa"
    assert column(headers, rows, "Nazwa") == ["Szkoła Podstawowa nr 2"]


@pytest.mark.parametrize("export_format", FORMATS)
def test_requests_export_filtered_with_assigned_volunteers(
    coordinator_client, coordinator, make_request, active_volunteer, export_format
):
    staffed = make_request(title="Zakupy", address="ul. Lipowa 3")
    directed(coordinator, staffed, active_volunteer(last_name="Pomocna"))
    cancelled = make_request(title="Odwołane")
    services.help_request_cancel(
        actor=coordinator, request=cancelled, reason="nieaktualne"
    )

    headers, rows = download(
        coordinator_client, "matching:request-list", export_format, status="staffed"
    )

    (row,) = rows
    assert row[headers.index("Tytuł")] == "Zakupy"
    assert row[headers.index("Adres")] == "ul. Lipowa 3"
    assert row[headers.index("Wolontariusze")] == "Anna Pomocna"
    assert row[headers.index("Zajęte miejsca")] in ("1", 1)
    if export_format == "xlsx":
        assert row[headers.index("Od")] == dt.datetime(2027, 3, 2)
    else:
        assert row[headers.index("Od")] == "02.03.2027"


@pytest.mark.parametrize("export_format", FORMATS)
def test_assignments_export_filtered(
    coordinator_client, coordinator, make_request, active_volunteer, export_format
):
    directed(coordinator, make_request(), active_volunteer(last_name="Przyjęta"))
    directed(
        coordinator,
        make_request(title="Inne"),
        active_volunteer(last_name="Zaproponowana"),
        accept=False,
    )

    headers, rows = download(
        coordinator_client, "matching:assignment-list", export_format, status="accepted"
    )

    assert column(headers, rows, "Wolontariusz") == ["Anna Przyjęta"]
    assert column(headers, rows, "Status") == ["przyjęte"]


@pytest.mark.parametrize("export_format", FORMATS)
def test_hours_export_filtered(
    coordinator_client, coordinator, make_request, active_volunteer, export_format
):
    assignment = directed(coordinator, make_request(), active_volunteer())
    first, _second = logged_hours(coordinator, assignment)
    services.hours_approve(actor=coordinator, entries=[first])

    headers, rows = download(
        coordinator_client, "matching:hours-list", export_format, status="approved"
    )

    assert len(rows) == 1
    hours = rows[0][headers.index("Godziny")]
    assert hours == ("2,00" if export_format == "csv" else 2)
    assert rows[0][headers.index("Zatwierdził(a)")] == "Koordynator Testowa"


@pytest.mark.parametrize("export_format", FORMATS)
def test_consultations_export_filtered_in_warsaw_time(
    coordinator_client, coordinator, make_consultation, export_format
):
    make_consultation(walk_in_name="Pani Telefoniczna")
    make_consultation(walk_in_name="Pan Osobisty", form="in_person")

    headers, rows = download(
        coordinator_client, "registry:consultation-list", export_format, form="phone"
    )

    assert column(headers, rows, "Osoba") == ["Pani Telefoniczna"]
    when = rows[0][headers.index("Data i godzina")]
    # 8:00 UTC on 5 January is 9:00 in Warsaw.
    if export_format == "csv":
        assert when == "05.01.2026 09:00"
    else:
        assert when == dt.datetime(2026, 1, 5, 9, 0)
    assert exported(coordinator) == {
        ("consultation", str(c.pk)) for c in Consultation.objects.filter(form="phone")
    }


# --- The file itself ------------------------------------------------------------


def test_csv_opens_in_polish_excel_and_is_named_with_the_date(
    coordinator_client, make_volunteer
):
    make_volunteer(last_name="Żółć")
    response = coordinator_client.get(
        reverse("registry:volunteer-list"), {"export": "csv"}
    )
    today = timezone.localdate()
    body = b"".join(response.streaming_content).decode("utf-8")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="wolontariusze-{today:%Y-%m-%d}.csv"'
    )
    assert body.startswith("\ufeffNazwisko;Imię;Status;")
    assert "Żółć;Anna;" in body


def test_xlsx_is_a_real_workbook_named_with_the_date(coordinator_client):
    response = coordinator_client.get(
        reverse("registry:institution-list"), {"export": "xlsx"}
    )
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"].endswith('.xlsx"')
    assert "instytucje-" in response["Content-Disposition"]
    assert openpyxl.load_workbook(io.BytesIO(response.content)).active.max_row == 1


@pytest.mark.parametrize("export_format", FORMATS)
def test_a_value_that_looks_like_a_formula_stays_text(
    coordinator_client, make_institution, export_format
):
    make_institution(name='=HYPERLINK("http://zly.example","kliknij")')

    headers, rows = download(
        coordinator_client, "registry:institution-list", export_format
    )

    name = rows[0][headers.index("Nazwa")]
    if export_format == "csv":
        assert name == '\'=HYPERLINK("http://zly.example","kliknij")'
    else:
        assert name == '=HYPERLINK("http://zly.example","kliknij")'
        sheet = openpyxl.load_workbook(
            io.BytesIO(
                coordinator_client.get(
                    reverse("registry:institution-list"), {"export": "xlsx"}
                ).content
            )
        ).active
        assert sheet.cell(row=2, column=1).data_type == "s"


def test_an_unknown_format_shows_the_list(coordinator_client):
    response = coordinator_client.get(
        reverse("registry:volunteer-list"), {"export": "pdf"}
    )
    assert response.status_code == 200
    assert response.templates[0].name == "registry/volunteer_list.html"


def test_the_list_page_links_to_both_downloads_with_its_filters(coordinator_client):
    page = coordinator_client.get(
        reverse("registry:volunteer-list"), {"status": "active", "page": "1"}
    ).content.decode()
    assert 'href="?status=active&amp;export=csv"' in page
    assert 'href="?status=active&amp;export=xlsx"' in page


# --- Roles ----------------------------------------------------------------------


@pytest.mark.parametrize("export_format", FORMATS)
def test_social_worker_exports_only_own_beneficiaries(
    social_worker_client,
    social_worker,
    other_social_worker,
    make_beneficiary,
    export_format,
):
    make_beneficiary(last_name="Moja", social_worker=social_worker)
    make_beneficiary(last_name="Cudza", social_worker=other_social_worker)

    headers, rows = download(
        social_worker_client, "registry:beneficiary-list", export_format
    )

    assert column(headers, rows, "Nazwisko") == ["Moja"]


@pytest.mark.parametrize("export_format", FORMATS)
def test_social_worker_request_export_has_no_volunteer_contact(
    social_worker_client,
    coordinator_client,
    coordinator,
    make_request,
    make_beneficiary,
    other_social_worker,
    active_volunteer,
    export_format,
):
    helper = active_volunteer(
        last_name="Pomocna", phone="601 234 567", email="pomocna@example.pl"
    )
    directed(coordinator, make_request(title="Moje"), helper)
    make_request(
        title="Cudze",
        beneficiary=make_beneficiary(social_worker=other_social_worker),
    )

    headers, rows = download(
        social_worker_client, "matching:request-list", export_format
    )

    assert column(headers, rows, "Tytuł") == ["Moje"]
    assert "Kontakt do wolontariuszy" not in headers
    cells = " ".join(str(cell) for row in rows for cell in row)
    assert "601" not in cells and "pomocna@example.pl" not in cells
    # A coordinator's export of the same request has the contact.
    headers, rows = download(coordinator_client, "matching:request-list", "csv")
    (mine,) = [r for r in rows if r[0] == "Moje"]
    assert "601 234 567" in mine[headers.index("Kontakt do wolontariuszy")]


@pytest.mark.parametrize(
    "url_name",
    [
        "registry:volunteer-list",
        "registry:institution-list",
        "registry:consultation-list",
        "matching:assignment-list",
        "matching:hours-list",
    ],
)
def test_social_worker_cannot_export_coordinators_lists(social_worker_client, url_name):
    response = social_worker_client.get(reverse(url_name), {"export": "csv"})
    assert response.status_code == 403


@pytest.mark.parametrize(
    "url_name",
    [
        "registry:volunteer-list",
        "registry:beneficiary-list",
        "registry:institution-list",
        "registry:consultation-list",
        "matching:request-list",
        "matching:assignment-list",
        "matching:hours-list",
    ],
)
def test_anonymous_export_goes_to_the_login_page(db, url_name):
    response = Client().get(reverse(url_name), {"export": "xlsx"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# --- The access log ---------------------------------------------------------------


def expand(ranges: str) -> list[int]:
    ids = []
    for part in ranges.split(","):
        low, _, high = part.partition("-")
        ids.extend(range(int(low), int(high or low) + 1))
    return ids


def exported(user) -> set[tuple[str, str]]:
    """(model, id) of everyone in the user's exports, read back from the
    entries' ranges of ids."""
    entries = AccessLog.objects.filter(actor=user, action=AccessLog.Action.EXPORT)
    return {
        (label.split(".")[1], str(pk))
        for subjects in entries.values_list("subjects", flat=True)
        for label, ranges in subjects.items()
        for pk in expand(ranges)
    }


def test_each_exported_volunteer_gets_an_access_log_entry(
    coordinator_client, coordinator, make_volunteer
):
    shown = [make_volunteer(last_name=f"A{i}", status="active") for i in range(3)]
    make_volunteer(last_name="Kandydat")

    download(coordinator_client, "registry:volunteer-list", "xlsx", status="active")

    assert exported(coordinator) == {("volunteer", str(v.pk)) for v in shown}
    entry = AccessLog.objects.get(action=AccessLog.Action.EXPORT)
    assert entry.detail.startswith("wolontariusze.xlsx")
    assert "status=active" in entry.detail


def test_a_long_export_is_one_entry_with_the_filter_and_a_range_of_ids(
    coordinator_client, coordinator, make_volunteer
):
    people = [make_volunteer(last_name=f"N{i:02d}") for i in range(12)]
    first, last = people[0].pk, people[-1].pk

    download(coordinator_client, "registry:volunteer-list", "csv", q="n")

    entry = AccessLog.objects.get(action=AccessLog.Action.EXPORT)
    assert entry.subjects == {"registry.volunteer": f"{first}-{last}"}
    assert entry.actor == coordinator
    assert entry.detail == "wolontariusze.csv: /wolontariusze/?q=n&export=csv"
    assert entry.object_repr == "wolontariusze: 12"


def test_an_export_is_logged_before_its_first_byte_and_completed_at_its_end(
    coordinator_client, coordinator, make_volunteer
):
    """A download cut short (or a worker stopped mid-file) still leaves who
    asked for what; the ids are added once the last row has gone."""
    people = [make_volunteer(last_name=f"N{i:02d}") for i in range(3)]
    url = reverse("registry:volunteer-list") + "?q=n&export=csv"
    response = coordinator_client.get(url)
    entry = AccessLog.objects.get(action=AccessLog.Action.EXPORT)
    assert entry.actor == coordinator
    assert entry.detail == "wolontariusze.csv: /wolontariusze/?q=n&export=csv"
    assert entry.subjects == {}
    assert entry.object_repr == "eksport rozpoczęty, niedokończony"
    b"".join(response.streaming_content)
    finished = AccessLog.objects.get(action=AccessLog.Action.EXPORT)
    assert finished.pk == entry.pk
    assert finished.object_repr == "wolontariusze: 3"
    assert finished.subjects == {
        "registry.volunteer": f"{people[0].pk}-{people[-1].pk}"
    }


def test_social_worker_beneficiary_export_is_logged(
    social_worker_client, social_worker, make_beneficiary
):
    own = make_beneficiary(social_worker=social_worker)
    download(social_worker_client, "registry:beneficiary-list", "csv")
    assert exported(social_worker) == {("beneficiary", str(own.pk))}


def test_matching_exports_log_each_person_once(
    coordinator_client, coordinator, make_request, active_volunteer, beneficiary
):
    volunteer = active_volunteer()
    assignment = directed(coordinator, make_request(), volunteer)
    logged_hours(coordinator, assignment, hours=("1", "2", "3"))
    expected_people = {
        ("volunteer", str(volunteer.pk)),
        ("beneficiary", str(beneficiary.pk)),
    }

    download(coordinator_client, "matching:request-list", "csv")
    assert exported(coordinator) == expected_people

    AccessLog.objects.all().delete()
    download(coordinator_client, "matching:assignment-list", "csv")
    assert exported(coordinator) == expected_people

    AccessLog.objects.all().delete()
    download(coordinator_client, "matching:hours-list", "csv")
    assert exported(coordinator) == {("volunteer", str(volunteer.pk))}
    assert AccessLog.objects.count() == 1


def test_institution_export_holds_no_personal_data_and_is_not_logged(
    coordinator_client, make_institution
):
    make_institution()
    download(coordinator_client, "registry:institution-list", "csv")
    assert not AccessLog.objects.exists()


# --- Query counts -----------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 6])
def test_volunteer_export_queries_do_not_grow_with_rows(
    coordinator_client, make_volunteer, skills, django_assert_num_queries, rows
):
    for i in range(rows):
        make_volunteer(last_name=f"W{i}", skills=list(skills.values())[:3])
    download(coordinator_client, "registry:volunteer-list", "csv")  # content types
    # session, user, the user's permissions (one query), the filter's
    # choices are not rendered; the access-log entry before the first byte, the
    # volunteers with their district, their skills, the entry completed
    with django_assert_num_queries(7):
        _headers, found = download(coordinator_client, "registry:volunteer-list", "csv")
    assert len(found) == rows


@pytest.mark.parametrize("rows", [1, 6])
def test_consultation_export_queries_do_not_grow_with_rows(
    coordinator_client,
    make_consultation,
    make_volunteer,
    django_assert_num_queries,
    rows,
):
    for i in range(rows):
        make_consultation(volunteer=make_volunteer(last_name=f"K{i}"), walk_in_name="")
    download(coordinator_client, "registry:consultation-list", "xlsx")  # content types
    # session, user, the user's permissions (one query), the access-log
    # entry, the consultations with their topic, person and advisor, the entry
    # completed
    with django_assert_num_queries(6):
        _headers, found = download(
            coordinator_client, "registry:consultation-list", "xlsx"
        )
    assert len(found) == rows


@pytest.mark.parametrize("rows", [1, 6])
def test_matching_exports_queries_do_not_grow_with_rows(
    coordinator_client,
    coordinator,
    make_request,
    make_beneficiary,
    social_worker,
    active_volunteer,
    django_assert_num_queries,
    rows,
):
    for i in range(rows):
        request = make_request(
            title=f"Z{i}",
            beneficiary=make_beneficiary(
                last_name=f"B{i}", social_worker=social_worker
            ),
        )
        assignment = directed(coordinator, request, active_volunteer(last_name=f"V{i}"))
        logged_hours(coordinator, assignment, hours=("1",))
    for url_name in ("matching:request-list", "matching:assignment-list"):
        download(coordinator_client, url_name, "xlsx")  # content types
    # session, user, permissions (one query), the access-log entry, the rows
    # (+ the volunteers of each request for the request list), the entry
    # completed
    with django_assert_num_queries(7):
        download(coordinator_client, "matching:request-list", "xlsx")
    with django_assert_num_queries(6):
        download(coordinator_client, "matching:assignment-list", "xlsx")
    with django_assert_num_queries(6):
        _headers, found = download(coordinator_client, "matching:hours-list", "xlsx")
    assert len(found) == rows
    assert Assignment.objects.count() == rows
