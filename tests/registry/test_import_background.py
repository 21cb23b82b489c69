"""A large file is imported by the task queue, never inside the request
(issue 10.5: an 8,000-row CSV or an XLSX with one cell at A1048576 held a
worker past gunicorn's timeout): the upload only queues it, the job's page
follows it, the worker saves all or nothing through the same resources.
Files that would only cost time (too large, a workbook that unpacks to
gigabytes, a million columns) are refused before anything is parsed."""

import datetime as dt
import io
import time
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from registry.models import ImportJob, Volunteer
from registry.tasks import _Progress
from tests.registry.test_import_export import (
    VOLUNTEER_HEADERS,
    XLSX_FORMAT,
    csv_file,
    upload,
    volunteer_row,
)

pytestmark = pytest.mark.django_db


def job_url(job) -> str:
    return reverse("admin:registry_volunteer_import_job", args=[job.pk])


def upload_book(client, book):
    out = io.BytesIO()
    book.save(out)
    file = SimpleUploadedFile("arkusz.xlsx", out.getvalue())
    return upload(client, Volunteer, file, XLSX_FORMAT)


def form_errors(page) -> list[str]:
    return page.context["form"].errors["import_file"]


def many_rows(count):
    return [
        volunteer_row(f"Nowak{i}", birth_date=dt.date(1980, 1, 1) + dt.timedelta(i))
        for i in range(count)
    ]


@pytest.fixture
def small_limit(settings):
    settings.IMPORT_ROWS_IN_REQUEST = 5


def test_a_large_file_is_imported_by_the_task_queue_with_a_page_that_follows_it(
    small_limit, coordinator_client, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = upload(coordinator_client, Volunteer, csv_file(many_rows(12)))
    job = ImportJob.objects.get()
    url = reverse("admin:registry_volunteer_import_job", args=[job.pk])
    assert response["Location"] == url
    assert (job.status, job.total, job.requested_by) == ("pending", 12, coordinator)
    waiting = coordinator_client.get(url)
    assert "reload_when_ready.js" in waiting.content.decode()
    assert coordinator_client.get(url, {"format": "json"}).json()["finished"] is False
    for callback in queued:
        callback()  # the worker runs the task
    job.refresh_from_db()
    assert (job.status, job.done, job.data) == ("done", 12, b"")
    assert Volunteer.objects.count() == 12
    assert Volunteer.objects.first().history.first().history_user == coordinator
    page = coordinator_client.get(url).content.decode()
    assert "Import zakończony: nowych 12, zmienionych 0, bez zmian 0." in page


def test_a_large_file_with_a_bad_row_imports_nothing_and_says_which(
    small_limit,
    coordinator_client,
    administrator_client,
    django_capture_on_commit_callbacks,
):
    rows = many_rows(8)
    rows[6]["postal_code"] = "43502"
    with django_capture_on_commit_callbacks(execute=True):
        upload(coordinator_client, Volunteer, csv_file(rows))
    job = ImportJob.objects.get()
    assert job.status == "done"
    assert Volunteer.objects.count() == 0
    url = reverse("admin:registry_volunteer_import_job", args=[job.pk])
    page = coordinator_client.get(url).content.decode()
    # The column by its heading, never by the field's code.
    assert "<td>8</td>" in page and "<td>Kod pocztowy</td>" in page
    assert "postal_code" not in page
    # The rows hold personal data: nobody else's page.
    assert administrator_client.get(url).status_code in (403, 404)


def test_an_8000_row_csv_is_only_queued_by_the_request(
    coordinator_client, django_capture_on_commit_callbacks
):
    rows = "\n".join(
        f";Jan;Nowak{i};14.03.1985;;;43-502;Bronów;;;" for i in range(8000)
    )
    data = (";".join(VOLUNTEER_HEADERS) + "\n" + rows).encode("cp1250")
    started = time.perf_counter()
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = upload(
            coordinator_client, Volunteer, SimpleUploadedFile("duzy.csv", data)
        )
    assert time.perf_counter() - started < 5
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job_url(job)
    assert (job.status, job.total, len(queued)) == ("pending", 8000, 1)
    assert Volunteer.objects.count() == 0


def stray_cell_workbook() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(VOLUNTEER_HEADERS)
    row = volunteer_row("Daleka")
    sheet.append([row[h] for h in VOLUNTEER_HEADERS])
    sheet["B1048576"] = "Zbłąkana"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_stray_cell_at_a1048576_goes_to_the_queue_and_is_read_at_once(
    coordinator_client, django_capture_on_commit_callbacks
):
    """The sheet claims a million rows: the request queues it; the worker
    reads the two that hold something and reports the stray one by its row."""
    file = SimpleUploadedFile("arkusz.xlsx", stray_cell_workbook())
    with django_capture_on_commit_callbacks(execute=False) as queued:
        upload(coordinator_client, Volunteer, file, XLSX_FORMAT)
    job = ImportJob.objects.get()
    assert job.total == 1048576
    started = time.perf_counter()
    for callback in queued:
        callback()
    assert time.perf_counter() - started < 15
    job.refresh_from_db()
    assert (job.status, job.total) == ("done", 2)
    assert {r["row"] for r in job.result["rejected"]} == {1048576}
    assert Volunteer.objects.count() == 0
    page = coordinator_client.get(job_url(job)).content.decode()
    assert "<td>1048576</td>" in page


def bomb(size: int) -> bytes:
    """A "workbook" whose one sheet unpacks to ``size`` bytes of spaces."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * size)
    return out.getvalue()


def test_a_workbook_that_unpacks_to_too_much_is_refused_unread(
    coordinator_client, settings
):
    settings.IMPORT_MAX_MEGABYTES = 1
    data = bomb(11 * 1024 * 1024)
    assert len(data) < 100_000
    started = time.perf_counter()
    page = upload(
        coordinator_client,
        Volunteer,
        SimpleUploadedFile("bomba.xlsx", data),
        XLSX_FORMAT,
    )
    assert time.perf_counter() - started < 2
    assert form_errors(page) == [
        "Skoroszyt po rozpakowaniu ma więcej niż 10 MB; zapisz tylko arkusz "
        "do importu, jako .xlsx lub .csv."
    ]
    assert not ImportJob.objects.exists()


def test_a_file_over_the_size_limit_is_refused(coordinator_client, settings):
    settings.IMPORT_MAX_MEGABYTES = 1
    data = b"first_name;last_name\n" + b"Jan;Nowak\n" * 120_000
    page = upload(coordinator_client, Volunteer, SimpleUploadedFile("x.csv", data))
    assert form_errors(page) == [
        "Plik jest większy niż 1 MB; podziel go na mniejsze pliki."
    ]
    assert not ImportJob.objects.exists()


def test_a_cell_at_column_xfd_is_left_out_not_read_as_16384_columns(
    coordinator_client,
):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(VOLUNTEER_HEADERS)
    row = volunteer_row("Szeroka")
    sheet.append([row[h] for h in VOLUNTEER_HEADERS])
    sheet["XFD1"], sheet["XFD2"] = "daleko", "bardzo"
    page = upload_book(coordinator_client, book)
    assert page.context["result"].totals["new"] == 1


def test_a_sheet_of_more_headings_than_any_register_has_is_refused(
    coordinator_client,
):
    book = openpyxl.Workbook()
    book.active.append([f"kolumna {n}" for n in range(150)])
    page = upload_book(coordinator_client, book)
    assert form_errors(page) == ["Pierwszy wiersz ma więcej niż 100 nagłówków kolumn."]


def test_a_file_that_is_no_workbook_is_refused_in_polish(coordinator_client):
    page = upload(
        coordinator_client,
        Volunteer,
        SimpleUploadedFile("nie.xlsx", b"first_name,last_name\nJan,Nowak\n"),
        XLSX_FORMAT,
    )
    assert form_errors(page) == [
        "Plik nie jest skoroszytem XLSX; zapisz go ponownie jako .xlsx lub .csv."
    ]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_progress_is_seen_while_the_import_is_still_open(coordinator):
    """The rows read are written beside the import's transaction, so the
    job's page sees them before the import commits."""
    job = ImportJob.objects.create(
        requested_by=coordinator,
        kind="volunteer",
        file_name="a.csv",
        file_format=0,
        total=100,
    )
    progress = _Progress(job.pk)
    try:
        with transaction.atomic():
            progress(50)
            assert ImportJob.objects.get(pk=job.pk).done == 50
            progress(150)
            assert ImportJob.objects.get(pk=job.pk).done == 100
    finally:
        progress.close()


def test_the_task_reports_its_progress_every_few_rows(
    small_limit, coordinator_client, monkeypatch, django_capture_on_commit_callbacks
):
    from registry import resources, tasks

    monkeypatch.setattr(resources.RegistryResource, "PROGRESS_EVERY", 2)
    seen = []
    monkeypatch.setattr(tasks._Progress, "__call__", lambda self, n: seen.append(n))
    with django_capture_on_commit_callbacks(execute=True):
        upload(coordinator_client, Volunteer, csv_file(many_rows(7)))
    assert seen == [2, 4, 6]
    assert Volunteer.objects.count() == 7
