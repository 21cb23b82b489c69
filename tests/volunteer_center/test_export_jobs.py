"""A long XLSX export is built by the task queue: the list redirects to a
progress page, the file holds the filtered rows as the requester may see
them, only the requester may download it, and it is kept for a day only."""

import datetime as dt
import io

import openpyxl
import pytest
import time_machine
from django.urls import reverse

from registry.models import Skill
from tests.conftest import make_user
from volunteer_center.core.models import AccessLog, ExportJob
from volunteer_center.core.roles import COORDINATOR


@pytest.fixture(autouse=True)
def short_inline_limit(settings):
    settings.EXPORT_XLSX_INLINE_ROWS = 2


def export(client, capture, url_name="registry:volunteer-list", **params):
    with capture(execute=True):
        response = client.get(reverse(url_name), {**params, "export": "xlsx"})
    return response


def expand(ranges: str) -> list[int]:
    low_high = [part.partition("-") for part in ranges.split(",")]
    return [
        pk for low, _, high in low_high for pk in range(int(low), int(high or low) + 1)
    ]


def sheet_rows(response) -> list[tuple]:
    content = b"".join(response.streaming_content)
    return list(openpyxl.load_workbook(io.BytesIO(content)).active.values)


def test_a_long_xlsx_export_goes_to_the_queue_and_gives_the_filtered_file(
    coordinator_client,
    coordinator,
    make_volunteer,
    django_capture_on_commit_callbacks,
):
    active = [make_volunteer(last_name=n, status="active") for n in "ŁAB"]
    make_volunteer(last_name="Kandydatka")
    active[1].skills.set(
        Skill.objects.filter(name__in=["Pierwsza pomoc", "Język migowy"])
    )

    response = export(
        coordinator_client, django_capture_on_commit_callbacks, status="active"
    )

    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == job.get_absolute_url()
    progress = coordinator_client.get(
        reverse("core:export-progress", args=[job.pk])
    ).json()
    assert (progress["status"], progress["done"], progress["total"]) == ("done", 3, 3)
    page = coordinator_client.get(job.get_absolute_url()).content.decode()
    assert progress["download_url"] in page
    download = coordinator_client.get(progress["download_url"])
    assert download["Cache-Control"] == "no-store"
    rows = sheet_rows(download)
    assert rows[0][:2] == ("Nazwisko", "Imię")
    assert [row[0] for row in rows[1:]] == ["A", "B", "Ł"]
    # Each chunk's skills, as the immediate export reads them, with the
    # choices' labels in the requester's language.
    skills, status = rows[0].index("Umiejętności"), rows[0].index("Status")
    assert [row[skills] for row in rows[1:]] == [
        "Język migowy, Pierwsza pomoc",
        None,
        None,
    ]
    assert {row[status] for row in rows[1:]} == {"aktywny"}
    built = AccessLog.objects.get(subjects__has_key="registry.volunteer")
    assert set(expand(built.subjects["registry.volunteer"])) == {v.pk for v in active}
    assert built.actor == coordinator and "status=active" in built.detail
    assert AccessLog.objects.filter(detail__endswith="downloaded").count() == 1


def test_a_short_xlsx_export_is_still_immediate(coordinator_client, make_volunteer):
    make_volunteer(last_name="Nowak")
    response = coordinator_client.get(
        reverse("registry:volunteer-list"), {"export": "xlsx"}
    )
    assert response.status_code == 200
    assert not ExportJob.objects.exists()


def test_only_the_requester_reaches_the_job_and_its_file(
    coordinator_client,
    client,
    make_volunteer,
    django_capture_on_commit_callbacks,
):
    for name in "ABC":
        make_volunteer(last_name=name)
    export(coordinator_client, django_capture_on_commit_callbacks)
    job = ExportJob.objects.get()
    client.force_login(make_user("koordynator2", COORDINATOR))
    for name in ("core:export-job", "core:export-progress", "core:export-download"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 404


def test_the_file_holds_only_what_the_role_may_see(
    social_worker_client,
    social_worker,
    other_social_worker,
    make_beneficiary,
    django_capture_on_commit_callbacks,
):
    own = [make_beneficiary(last_name=n, social_worker=social_worker) for n in "ABC"]
    make_beneficiary(last_name="Obca", social_worker=other_social_worker)
    export(
        social_worker_client,
        django_capture_on_commit_callbacks,
        url_name="registry:beneficiary-list",
    )
    job = ExportJob.objects.get()
    rows = sheet_rows(
        social_worker_client.get(reverse("core:export-download", args=[job.pk]))
    )
    assert sorted(row[0] for row in rows[1:]) == sorted(b.last_name for b in own)


def test_files_of_old_exports_are_deleted_when_a_new_one_is_asked_for(
    coordinator_client, make_volunteer, django_capture_on_commit_callbacks
):
    for name in "ABC":
        make_volunteer(last_name=name)
    with time_machine.travel(dt.datetime(2026, 11, 1, 12)):
        export(coordinator_client, django_capture_on_commit_callbacks)
    old = ExportJob.objects.get()
    stored = old.file.name
    assert old.file.storage.exists(stored)
    with time_machine.travel(dt.datetime(2026, 11, 2, 13)):
        export(coordinator_client, django_capture_on_commit_callbacks)
    old.refresh_from_db()
    assert not old.file
    assert not old.file.storage.exists(stored)
    response = coordinator_client.get(reverse("core:export-download", args=[old.pk]))
    assert response["Location"] == old.get_absolute_url()


def test_an_export_whose_requester_lost_the_role_meanwhile_fails_visibly(
    coordinator_client,
    coordinator,
    make_volunteer,
    django_capture_on_commit_callbacks,
):
    for name in "ABC":
        make_volunteer(last_name=name)
    with django_capture_on_commit_callbacks() as queued:
        coordinator_client.get(reverse("registry:volunteer-list"), {"export": "xlsx"})
    coordinator.groups.clear()
    for callback in queued:
        callback()
    job = ExportJob.objects.get()
    assert job.status == ExportJob.Status.FAILED
    assert not job.file
    page = coordinator_client.get(job.get_absolute_url()).content.decode()
    assert "Eksport się nie powiódł." in page


def test_the_job_page_and_its_progress_take_a_fixed_number_of_queries(
    coordinator_client,
    make_volunteer,
    django_capture_on_commit_callbacks,
    django_assert_num_queries,
):
    for name in "ABC":
        make_volunteer(last_name=name)
    export(coordinator_client, django_capture_on_commit_callbacks)
    job = ExportJob.objects.get()
    coordinator_client.get(job.get_absolute_url())  # warm the caches
    # session, user, the job (its requester's); for the menu the user's
    # permissions (one query)
    with django_assert_num_queries(4):
        page = coordinator_client.get(job.get_absolute_url())
    assert page.context["job"] == job
    # session, user, the job
    with django_assert_num_queries(3):
        progress = coordinator_client.get(
            reverse("core:export-progress", args=[job.pk])
        )
    assert progress.json()["percent"] == 100
