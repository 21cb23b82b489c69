"""CSV and XLSX import and export of volunteers and institutions in the admin:
the same validation as the forms, all or nothing, a report of rejected rows."""

import csv
import datetime as dt
import io
import re
import zlib

import openpyxl
import pytest
import tablib
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registry import services
from registry.models import Institution, Volunteer
from registry.resources import InstitutionResource, VolunteerResource
from tests.registry.conftest import make_pesel
from volunteer_center.core.models import AccessLog

CSV_FORMAT, XLSX_FORMAT = "0", "1"

VOLUNTEER_HEADERS = [
    "id",
    "first_name",
    "last_name",
    "birth_date",
    "pesel",
    "phone",
    "postal_code",
    "district",
    "skills",
    "has_driving_licence",
    "status",
]


def volunteer_row(last_name, **values):
    birth_date = values.pop("birth_date", dt.date(1985, 3, 14))
    row = {
        "id": "",
        "first_name": "Maria",
        "last_name": last_name,
        "birth_date": birth_date.strftime("%d.%m.%Y"),
        "pesel": make_pesel(birth_date),
        # One phone per person: the import refuses a second person with it.
        "phone": f"60{zlib.crc32(last_name.encode()) % 10**7:07d}",
        "postal_code": "43-502",
        "district": "Bronów",
        "skills": "Pierwsza pomoc; Prace ogrodowe",
        "has_driving_licence": "tak",
        "status": "",
    }
    row.update(values)
    return row


def csv_file(rows, headers=VOLUNTEER_HEADERS, name="wolontariusze.csv"):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=headers)
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode("utf-8-sig"), "text/csv")


def xlsx_file(rows, headers=VOLUNTEER_HEADERS, name="wolontariusze.xlsx"):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append([row[h] for h in headers])
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile(
        name,
        out.getvalue(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def import_url(model, step="import"):
    return reverse(f"admin:registry_{model._meta.model_name}_{step}")


def upload(client, model, file, file_format=CSV_FORMAT):
    return client.post(
        import_url(model),
        {"resource": "0", "format": file_format, "import_file": file},
    )


def confirm(client, model, preview):
    form = preview.context["confirm_form"]
    return client.post(
        import_url(model, "process_import"),
        {**form.initial, "resource": form.initial.get("resource") or "0"},
        follow=True,
    )


# --- Import ---------------------------------------------------------------------


def test_one_bad_row_rejects_the_whole_file_with_its_reason(coordinator_client):
    bad_pesel = make_pesel(dt.date(1985, 3, 14))
    bad_pesel = bad_pesel[:-1] + str((int(bad_pesel[-1]) + 1) % 10)
    rows = [
        volunteer_row("Dobra"),
        volunteer_row("Zła", pesel=bad_pesel),  # wrong check digit
        volunteer_row("Też-Dobra"),
    ]

    response = upload(coordinator_client, Volunteer, csv_file(rows))

    assert response.status_code == 200
    assert "confirm_form" not in response.context
    page = response.content.decode()
    report = page[page.index('id="rejected-rows"') :]
    # Row 3 of the sheet (the headers are row 1), the column and the reason.
    assert "<td>3</td>" in report
    assert "<td>PESEL</td>" in report
    assert "błędną cyfrę kontrolną" in report
    assert "Dobra" not in report.split("</table>")[0]
    assert Volunteer.objects.count() == 0


def test_several_bad_rows_are_all_reported(coordinator_client):
    rows = [
        volunteer_row("Kod", postal_code="43502"),
        volunteer_row("Telefon", phone="12"),
        volunteer_row("Umiejętność", skills="Żonglerka"),
        volunteer_row("Data", birth_date=dt.date(1985, 3, 14)),
        volunteer_row("Dzielnica", district="Atlantyda"),
    ]
    rows[3]["birth_date"] = "14/03/1985"

    page = upload(coordinator_client, Volunteer, csv_file(rows)).content.decode()
    report = page[page.index('id="rejected-rows"') :]

    assert "NN-NNN" in report
    assert "<td>Telefon</td>" in report
    assert "Żonglerka" in report
    assert "<td>Data urodzenia</td>" in report
    assert "Atlantyda" in report
    for sheet_row in (2, 3, 4, 5, 6):
        assert f"<td>{sheet_row}</td>" in report
    assert Volunteer.objects.count() == 0


def test_a_minor_without_a_legal_representative_is_rejected_as_in_the_form(
    coordinator_client,
):
    today = dt.date.today()
    minor = volunteer_row("Młoda", birth_date=today.replace(year=today.year - 15))

    page = upload(coordinator_client, Volunteer, csv_file([minor])).content.decode()

    # As in the form: a minor names their parent or legal guardian; the
    # consent itself comes from that person later.
    assert "<td>Przedstawiciel ustawowy (rodzic lub opiekun prawny)</td>" in page
    assert Volunteer.objects.count() == 0


def test_valid_csv_is_imported_after_confirmation_with_history(
    coordinator_client, skills
):
    rows = [
        volunteer_row("Nowa", phone="601 234 567"),
        volunteer_row("Druga", skills="", phone=""),
    ]

    preview = upload(coordinator_client, Volunteer, csv_file(rows))
    assert preview.status_code == 200
    assert "confirm_form" in preview.context
    assert Volunteer.objects.count() == 0  # the preview saves nothing

    response = confirm(coordinator_client, Volunteer, preview)

    assert response.status_code == 200
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Import zakończony: nowych 2, zmienionych 0, bez zmian 0."
    ]
    nowa = Volunteer.objects.get(last_name="Nowa")
    assert nowa.phone == "+48601234567"  # normalised as by the form
    assert nowa.district.name == "Bronów"
    assert nowa.has_driving_licence is True
    assert nowa.status == Volunteer.Status.CANDIDATE
    assert set(nowa.skills.values_list("name", flat=True)) == {
        "Pierwsza pomoc",
        "Prace ogrodowe",
    }
    assert Volunteer.objects.get(last_name="Druga").skills.count() == 0
    history = nowa.history.get()
    assert history.history_type == "+"
    assert history.history_user.username == "koordynator"


def test_valid_xlsx_is_imported(coordinator_client):
    rows = [volunteer_row("Arkusz"), volunteer_row("Excelowa")]

    preview = upload(
        coordinator_client, Volunteer, xlsx_file(rows), file_format=XLSX_FORMAT
    )
    assert "confirm_form" in preview.context, preview.content.decode()[-3000:]
    confirm(coordinator_client, Volunteer, preview)

    assert set(Volunteer.objects.values_list("last_name", flat=True)) == {
        "Arkusz",
        "Excelowa",
    }
    assert Volunteer.objects.get(last_name="Arkusz").birth_date == dt.date(1985, 3, 14)


def test_a_row_that_became_invalid_before_confirmation_saves_nothing(
    coordinator_client, make_volunteer
):
    rows = [volunteer_row("Pierwsza"), volunteer_row("Druga")]
    preview = upload(coordinator_client, Volunteer, csv_file(rows))
    assert "confirm_form" in preview.context
    # Meanwhile someone registers a person with the second row's PESEL.
    make_volunteer(
        last_name="Wcześniejsza",
        birth_date=dt.date(1985, 3, 14),
        pesel=rows[1]["pesel"],
    )

    response = confirm(coordinator_client, Volunteer, preview)

    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("Nic nie zaimportowano" in t for t in texts), texts
    assert set(Volunteer.objects.values_list("last_name", flat=True)) == {
        "Wcześniejsza"
    }


def test_import_updates_an_existing_volunteer_by_id(coordinator_client, make_volunteer):
    volunteer = make_volunteer(last_name="Stara", birth_date=dt.date(1985, 3, 14))
    row = volunteer_row("Nowakowska", id=str(volunteer.pk), pesel="")

    preview = upload(coordinator_client, Volunteer, csv_file([row]))
    confirm(coordinator_client, Volunteer, preview)

    volunteer.refresh_from_db()
    assert volunteer.last_name == "Nowakowska"
    assert volunteer.history.latest().history_type == "~"
    assert Volunteer.objects.count() == 1


def test_import_cannot_change_a_status_or_invent_an_id(
    coordinator_client, make_volunteer
):
    volunteer = make_volunteer(last_name="Stara", birth_date=dt.date(1985, 3, 14))
    rows = [
        volunteer_row("Stara", id=str(volunteer.pk), pesel="", status="active"),
        volunteer_row("Nowa", id="999999"),
    ]

    page = upload(coordinator_client, Volunteer, csv_file(rows)).content.decode()

    assert "<td>Status</td>" in page
    assert "999999" in page
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.CANDIDATE
    assert Volunteer.objects.count() == 1


def test_unchanged_rows_are_skipped(coordinator, make_volunteer):
    volunteer = make_volunteer(last_name="Stała")
    dataset = VolunteerResource().export(Volunteer.objects.filter(pk=volunteer.pk))

    result = VolunteerResource().import_data(dataset, user=coordinator)

    assert not result.has_validation_errors()
    assert result.totals["skip"] == 1
    assert volunteer.history.count() == 1


def test_resource_import_outside_the_admin_is_all_or_nothing(coordinator):
    dataset = tablib.Dataset(headers=VOLUNTEER_HEADERS)
    for row in (volunteer_row("Dobra"), volunteer_row("Zła", postal_code="4-3")):
        dataset.append([row[h] for h in VOLUNTEER_HEADERS])

    result = VolunteerResource().import_data(dataset, dry_run=False, user=coordinator)

    assert result.has_validation_errors()
    assert Volunteer.objects.count() == 0


def test_institutions_import_validates_nip_and_normalises_it(coordinator_client):
    headers = ["id", "name", "kind", "nip", "receives_help", "district"]
    good = {
        "id": "",
        "name": "Parafia św. Andrzeja",
        "kind": "parafia",
        "nip": "526-000-12-46",
        "receives_help": "tak",
        "district": "Ligota",
    }
    bad = {**good, "name": "Zły NIP", "nip": "1234567890", "kind": "school"}

    page = upload(
        coordinator_client, Institution, csv_file([good, bad], headers)
    ).content.decode()
    assert "<td>NIP</td>" in page
    assert Institution.objects.count() == 0

    preview = upload(coordinator_client, Institution, csv_file([good], headers))
    confirm(coordinator_client, Institution, preview)

    parish = Institution.objects.get()
    assert parish.nip == "5260001246"
    assert parish.kind == Institution.Kind.PARISH
    assert parish.receives_help is True
    assert parish.history.get().history_user.username == "koordynator"


def test_administrator_may_not_import_or_export_volunteers(administrator_client):
    assert administrator_client.get(import_url(Volunteer)).status_code == 403
    assert administrator_client.get(import_url(Volunteer, "export")).status_code == (
        403
    )


# --- Export ---------------------------------------------------------------------


def export(client, model, resource, file_format):
    fields = (
        VolunteerResource if model is Volunteer else InstitutionResource
    )._meta.fields
    data = {"resource": "0", "format": file_format}
    data.update({f"{resource}_{name}": "on" for name in fields})
    return client.post(import_url(model, "export"), data)


@pytest.fixture
def two_volunteers(make_volunteer, skills, districts):
    return [
        make_volunteer(
            last_name="Żurawska",
            phone="601 234 567",
            district=districts["Zabrzeg"],
            skills=[skills["Pierwsza pomoc"], skills["Prace ogrodowe"]],
        ),
        make_volunteer(last_name="Kowalczyk"),
    ]


def test_export_csv_contains_the_rows_and_is_logged(coordinator_client, two_volunteers):
    response = export(coordinator_client, Volunteer, "volunteerresource", CSV_FORMAT)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    by_name = {row["Nazwisko"]: row for row in rows}
    assert set(by_name) == {"Żurawska", "Kowalczyk"}
    assert by_name["Żurawska"]["Umiejętności"] == "Pierwsza pomoc;Prace ogrodowe"
    assert by_name["Żurawska"]["Dzielnica"] == "Zabrzeg"
    assert by_name["Żurawska"]["Telefon"] == "+48601234567"
    # Headings, choices and dates in Polish, never codes.
    assert by_name["Żurawska"]["Status"] == "kandydat"
    assert "first_name" not in rows[0] and "candidate" not in rows[0].values()
    assert re.fullmatch(r"\d\d\.\d\d\.\d{4}", by_name["Żurawska"]["Data urodzenia"])
    assert re.fullmatch(
        r'attachment; filename="wolontariusze-\d{4}-\d\d-\d\d\.csv"',
        response["Content-Disposition"],
    )
    # One entry for the export, naming both volunteers.
    entry = AccessLog.objects.get(action=AccessLog.Action.EXPORT)
    pks = sorted(Volunteer.objects.values_list("pk", flat=True))
    expected = f"{pks[0]}-{pks[1]}" if pks[1] == pks[0] + 1 else f"{pks[0]},{pks[1]}"
    assert entry.subjects == {"registry.volunteer": expected}
    assert entry.detail == "admin"


def test_export_xlsx_contains_the_rows(coordinator_client, two_volunteers):
    response = export(coordinator_client, Volunteer, "volunteerresource", XLSX_FORMAT)

    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    column = rows[0].index("Nazwisko")
    assert {row[column] for row in rows[1:]} == {"Żurawska", "Kowalczyk"}


def test_an_export_imports_back_unchanged(coordinator, two_volunteers):
    dataset = VolunteerResource().export()

    result = VolunteerResource().import_data(dataset, user=coordinator)

    assert not result.has_validation_errors() and not result.has_errors()
    assert result.totals["skip"] == 2


def test_institution_export(coordinator_client, make_institution):
    make_institution(name="Szkoła Podstawowa nr 3", nip="5260001246")
    response = export(
        coordinator_client, Institution, "institutionresource", CSV_FORMAT
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(r["Nazwa"], r["NIP"], r["Rodzaj"]) for r in rows] == [
        ("Szkoła Podstawowa nr 3", "5260001246", "szkoła")
    ]


def test_services_are_not_bypassed_for_anonymised_rows(
    coordinator_client, make_volunteer, coordinator
):
    volunteer = make_volunteer(last_name="Usunięta")
    services.volunteer_mark_former(actor=coordinator, volunteer=volunteer)
    services.volunteer_anonymise(actor=coordinator, volunteer=volunteer)
    row = volunteer_row("Przywrócona", id=str(volunteer.pk), pesel="")

    page = upload(coordinator_client, Volunteer, csv_file([row])).content.decode()

    assert "rejected-rows" in page
    volunteer.refresh_from_db()
    assert volunteer.is_anonymised


def test_export_csv_starts_with_a_bom_for_excel(coordinator_client, two_volunteers):
    response = export(coordinator_client, Volunteer, "volunteerresource", CSV_FORMAT)
    assert response.content.startswith("\ufeff".encode())
    assert "Żurawska" in response.content.decode("utf-8-sig")


def test_export_query_count_does_not_grow_with_rows(
    coordinator_client, make_volunteer, skills
):
    make_volunteer(last_name="Jedna", skills=[skills["Pierwsza pomoc"]])
    with CaptureQueriesContext(connection) as one:
        export(coordinator_client, Volunteer, "volunteerresource", CSV_FORMAT)
    for n in range(4):
        make_volunteer(last_name=f"Kolejna{n}", skills=[skills["Prace ogrodowe"]])
    with CaptureQueriesContext(connection) as five:
        response = export(
            coordinator_client, Volunteer, "volunteerresource", CSV_FORMAT
        )
    assert "Kolejna3" in response.content.decode("utf-8-sig")
    assert len(five) == len(one)


@pytest.mark.parametrize("model", [Volunteer, Institution])
def test_import_and_export_pages_open_with_the_rules_in_polish(
    coordinator_client, model
):
    page = coordinator_client.get(import_url(model))
    assert page.status_code == 200
    assert "w całości albo wcale" in page.content.decode()
    assert coordinator_client.get(import_url(model, "export")).status_code == 200
