"""Importing the files staff really have (issue 10.5): people already in the
register are recognised, a constraint speaks Polish, Polish Excel's CSV and an
XLSX with blank cells import (large files: test_import_background.py)."""

import csv
import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from stdnum.pl import regon

from registry.models import Institution, Volunteer
from tests.registry.conftest import make_pesel
from tests.registry.test_import_export import (
    VOLUNTEER_HEADERS,
    XLSX_FORMAT,
    confirm,
    csv_file,
    upload,
    volunteer_row,
    xlsx_file,
)

pytestmark = pytest.mark.django_db

ZUREK = {"first_name": "Tomasz", "email": "tomasz.zurek@example.pl"}


def report(page) -> str:
    html = page.content.decode()
    return html[html.index('id="rejected-rows"') :] if "rejected-rows" in html else ""


def totals(page) -> dict:
    return dict(page.context["result"].totals)


def test_a_second_run_of_a_file_recognises_the_people_it_brought(
    coordinator_client,
):
    """Tomasz Żurek by his e-mail, Maria Kubica by her phone (written another
    way the second time): neither has a PESEL in the file."""
    headers = [*VOLUNTEER_HEADERS, "email"]
    rows = [
        volunteer_row("Żurek", pesel="", **ZUREK),
        volunteer_row("Kubica", pesel="", email="", phone="601 234 567"),
    ]
    confirm(
        coordinator_client,
        Volunteer,
        upload(coordinator_client, Volunteer, csv_file(rows, headers)),
    )
    assert Volunteer.objects.count() == 2
    # The same file again, one of them with a new postal code.
    rows[1].update(postal_code="43-503", phone="+48601234567")
    preview = upload(coordinator_client, Volunteer, csv_file(rows, headers))
    assert totals(preview)["new"] == 0
    assert totals(preview)["skip"] == 1 and totals(preview)["update"] == 1
    confirm(coordinator_client, Volunteer, preview)
    assert Volunteer.objects.count() == 2
    assert Volunteer.objects.filter(first_name="Tomasz", last_name="Żurek").count() == 1
    assert Volunteer.objects.get(last_name="Kubica").postal_code == "43-503"


def test_someone_else_with_the_same_phone_is_reported_then_confirmed(
    coordinator_client, make_volunteer
):
    existing = make_volunteer(first_name="Anna", last_name="Żurek", phone="600700800")
    row = volunteer_row("Żurek", first_name="Tomasz", phone="600 700 800")
    page = upload(coordinator_client, Volunteer, csv_file([row]))
    assert "Istnieje już rekord z tym samym numerem PESEL" in report(page)
    assert "Anna Żurek (telefon)" in report(page)
    row["different_person"] = "tak"
    headers = [*VOLUNTEER_HEADERS, "different_person"]
    confirm(
        coordinator_client,
        Volunteer,
        upload(coordinator_client, Volunteer, csv_file([row], headers)),
    )
    tomasz = Volunteer.objects.get(first_name="Tomasz")
    assert set(tomasz.different_from.all()) == {existing}


def test_a_broken_constraint_is_a_polish_sentence_not_its_name(coordinator_client):
    page = upload(
        coordinator_client,
        Volunteer,
        csv_file(
            [volunteer_row("Pracowita", max_hours_per_week="99")],
            [*VOLUNTEER_HEADERS, "max_hours_per_week"],
        ),
    )
    assert "Maksymalna liczba godzin tygodniowo musi wynosić od 1 do 40." in report(
        page
    )
    assert "volunteer_max_hours_range" not in page.content.decode()


@pytest.mark.parametrize("encoding", ["cp1250", "utf-8-sig", "utf-8"])
def test_a_semicolon_csv_from_polish_excel_imports(coordinator_client, encoding):
    """Excel on a Polish Windows saves "CSV" with semicolons, in Windows-1250
    or in UTF-8 with a BOM; other programs in UTF-8 without it."""
    rows = [volunteer_row("Żurek", first_name="Łucja"), volunteer_row("Dąbrowska")]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=VOLUNTEER_HEADERS, delimiter=";")
    writer.writeheader()
    writer.writerows(rows)
    file = SimpleUploadedFile(
        "wolontariusze.csv", out.getvalue().encode(encoding), "text/csv"
    )
    preview = upload(coordinator_client, Volunteer, file)
    assert totals(preview)["new"] == 2, report(preview)
    # The preview's columns are headed in Polish, not by the codes.
    headers = preview.context["result"].diff_headers
    assert "Imię" in headers and "first_name" not in headers
    confirm(coordinator_client, Volunteer, preview)
    assert set(Volunteer.objects.values_list("first_name", "last_name")) == {
        ("Łucja", "Żurek"),
        ("Maria", "Dąbrowska"),
    }
    skills = Volunteer.objects.get(last_name="Żurek").skills.values_list("name")
    assert {name for (name,) in skills} == {"Pierwsza pomoc", "Prace ogrodowe"}


def test_an_xlsx_with_blank_optional_cells_imports(coordinator_client):
    headers = [*VOLUNTEER_HEADERS, "notes", "languages", "street", "email"]
    row = volunteer_row("Pusta", notes=None, languages=None, street=None, email=None)
    preview = upload(
        coordinator_client, Volunteer, xlsx_file([row], headers), XLSX_FORMAT
    )
    assert "confirm_form" in preview.context, report(preview)
    confirm(coordinator_client, Volunteer, preview)
    assert Volunteer.objects.get(last_name="Pusta").notes == ""


def test_a_volunteer_with_a_pesel_is_recognised_by_it(
    coordinator_client, make_volunteer
):
    born = dt.date(1985, 3, 14)
    pesel = make_pesel(born)
    make_volunteer(first_name="Maria", last_name="Żurek", birth_date=born, pesel=pesel)
    row = volunteer_row("Żurek", pesel=pesel, birth_date=born, city="Bielsko-Biała")
    preview = upload(
        coordinator_client,
        Volunteer,
        csv_file([row], [*VOLUNTEER_HEADERS, "city"]),
    )
    assert totals(preview)["new"] == 0 and totals(preview)["update"] == 1


def test_a_second_run_of_an_institutions_file_updates_them_not_adds_them(
    coordinator_client,
):
    """The parish by its NIP (written with "PL" and spaces the second time),
    the school by its REGON, the club without either by its name and town."""
    headers = ["id", "name", "kind", "nip", "regon", "city", "receives_help"]
    school_regon = "12345678" + regon.calc_check_digit("12345678")

    def row(name, kind, nip="", regon_="", city="Czechowice-Dziedzice"):
        return {
            "id": "",
            "name": name,
            "kind": kind,
            "nip": nip,
            "regon": regon_,
            "city": city,
            "receives_help": "tak",
        }

    rows = [
        row("Parafia św. Andrzeja", "parafia", nip="526-000-12-46"),
        row("SP nr 1", "szkoła", regon_=school_regon),
        row("Klub Seniora", "stowarzyszenie"),
    ]
    preview = upload(coordinator_client, Institution, csv_file(rows, headers))
    confirm(coordinator_client, Institution, preview)
    assert Institution.objects.count() == 3
    rows[0]["nip"] = "PL 526 000 12 46"
    rows[1]["name"] = "Szkoła Podstawowa nr 1"
    preview = upload(coordinator_client, Institution, csv_file(rows, headers))
    assert not report(preview)
    assert totals(preview) == {**totals(preview), "new": 0, "update": 1, "skip": 2}
    confirm(coordinator_client, Institution, preview)
    assert Institution.objects.count() == 3
    assert Institution.objects.get(regon=school_regon).name == rows[1]["name"]
