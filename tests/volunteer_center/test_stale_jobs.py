"""A worker killed mid-task never finishes its job: every background job
(import, export, batch proposal, certificates) gives a sign of life while it
runs, and one silent for BACKGROUND_JOB_STALE_MINUTES is shown to its
requester as failed, with a way to start it again (issue 10, background
jobs). The clock is moved instead of waiting."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from agreements.models import CertificateBatch
from matching.models import BatchProposal
from registry.models import ImportJob, Volunteer
from tests.registry.test_import_background import job_url, many_rows
from tests.registry.test_import_export import csv_file, upload
from volunteer_center.core.models import ExportJob

pytestmark = pytest.mark.django_db

STOPPED = (
    "Zadanie przerwano przed końcem (zatrzymano proces pracujący w tle). "
    "Uruchom je ponownie."
)


def later(minutes: int):
    return time_machine.travel(timezone.now() + dt.timedelta(minutes=minutes))


@pytest.fixture(autouse=True)
def stale_after_ten_minutes(settings):
    # Shorter than the staff's idle timeout, which the moved clock would pass.
    settings.BACKGROUND_JOB_STALE_MINUTES = 10


def test_a_silent_export_is_shown_failed_and_can_be_asked_for_again(
    coordinator, coordinator_client
):
    job = ExportJob.objects.create(
        requested_by=coordinator,
        path=reverse("registry:volunteer-list"),
        query="status=active",
        language="pl",
        filename="wolontariusze.xlsx",
    )
    ExportJob.objects.filter(pk=job.pk).start(total=5000)
    progress = reverse("core:export-progress", args=[job.pk])
    with later(9):
        assert coordinator_client.get(progress).json()["status"] == "running"
    with later(11):
        assert coordinator_client.get(progress).json()["status"] == "failed"
    job.refresh_from_db()
    assert (job.status, job.error) == ("failed", STOPPED)
    page = coordinator_client.get(job.get_absolute_url()).content.decode()
    assert STOPPED in page
    assert 'href="/wolontariusze/?status=active&amp;export=xlsx"' in page


def test_a_beat_of_progress_keeps_a_long_job_alive(coordinator, coordinator_client):
    job = ExportJob.objects.create(
        requested_by=coordinator, path="/", language="pl", filename="a.xlsx"
    )
    ExportJob.objects.filter(pk=job.pk).start(total=5000)
    with later(7):
        ExportJob.objects.filter(pk=job.pk).beat(done=1000)
    with later(15):
        page = coordinator_client.get(job.get_absolute_url())
    assert page.context["job"].status == "running"


def test_a_stopped_import_is_shown_failed_and_imported_again_with_its_file(
    settings, coordinator_client, django_capture_on_commit_callbacks
):
    settings.IMPORT_ROWS_IN_REQUEST = 5
    with django_capture_on_commit_callbacks(execute=False):
        upload(coordinator_client, Volunteer, csv_file(many_rows(8)))
    job = ImportJob.objects.get()
    # The worker took the job up and was killed before it ended.
    ImportJob.objects.filter(pk=job.pk).start(total=8)
    with later(11):
        page = coordinator_client.get(job_url(job)).content.decode()
    assert STOPPED in page and "Zaimportuj plik ponownie" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(job_url(job))
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.status, job.done, job.error) == ("done", 8, "")
    assert Volunteer.objects.count() == 8


def test_a_failed_import_without_its_file_asks_for_the_file_again(
    coordinator, coordinator_client
):
    job = ImportJob.objects.create(
        requested_by=coordinator,
        kind="volunteer",
        file_name="a.csv",
        file_format=0,
        status=ImportJob.Status.FAILED,
        error="Nie można odczytać pliku.",
    )
    response = coordinator_client.post(job_url(job))
    job.refresh_from_db()
    assert job.status == "failed"
    assert "Prześlij plik ponownie" in response.content.decode()


def test_a_stopped_batch_proposal_is_failed_on_its_page_and_in_the_list(
    coordinator, coordinator_client
):
    proposal = BatchProposal.objects.create(requested_by=coordinator)
    BatchProposal.objects.filter(pk=proposal.pk).start()
    with later(11):
        listed = coordinator_client.get(reverse("matching:batch"))
    assert listed.context["recent"][0].status == "failed"
    page = coordinator_client.get(proposal.get_absolute_url()).content.decode()
    assert STOPPED in page
    assert f'href="{reverse("matching:batch")}"' in page


def test_a_stopped_certificate_batch_is_failed(coordinator, coordinator_client):
    batch = CertificateBatch.objects.create(
        date_from=dt.date(2026, 2, 1),
        date_to=dt.date(2026, 2, 28),
        total=3,
        requested_by=coordinator,
    )
    CertificateBatch.objects.filter(pk=batch.pk).start(total=3, done=0)
    with later(11):
        page = coordinator_client.get(batch.get_absolute_url()).content.decode()
    assert STOPPED in page
    assert reverse("agreements:batch-create") in page
