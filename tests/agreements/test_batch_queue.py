"""The bulk certificates through the production queue: django-tasks-db stores
the task, the worker command runs it."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.management import call_command
from django.test import override_settings

from agreements import batches
from agreements.models import CertificateBatch

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
}


# The worker closes the connection between tasks, so the test commits for real.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_database_queue_holds_the_batch_until_the_worker_runs_it(
    coordinator, make_volunteer, make_assignment, log_hours
):
    for name in ("Ala", "Ola"):
        work = make_assignment(
            make_volunteer(first_name=name),
            date_from=dt.date(2026, 1, 5),
            date_to=dt.date(2026, 6, 30),
        )
        log_hours(work, dt.date(2026, 2, 10), "3")
    with override_settings(TASKS=DATABASE_QUEUE):
        batch = batches.certificate_batch_request(
            actor=coordinator,
            date_from=dt.date(2026, 2, 1),
            date_to=dt.date(2026, 2, 28),
        )
        batch.refresh_from_db()
        assert (batch.status, batch.done, batch.total) == ("pending", 0, 2)
        call_command(
            "db_worker", batch=True, no_startup_delay=True, stdout=io.StringIO()
        )
    batch.refresh_from_db()
    assert (batch.status, batch.done, batch.percent) == ("done", 2, 100)
    with batch.zip_file.open("rb") as stored:
        archive = zipfile.ZipFile(io.BytesIO(stored.read()))
    assert len(archive.namelist()) == 2


def test_a_failing_batch_is_marked_failed(
    coordinator, make_volunteer, make_assignment, log_hours, monkeypatch
):
    work = make_assignment(
        make_volunteer(), date_from=dt.date(2026, 1, 5), date_to=dt.date(2026, 6, 30)
    )
    log_hours(work, dt.date(2026, 2, 10), "3")
    batch = CertificateBatch.objects.create(
        date_from=dt.date(2026, 2, 1),
        date_to=dt.date(2026, 2, 28),
        total=1,
        requested_by=coordinator,
    )

    def broken(**kwargs):
        raise RuntimeError("brak czcionki")

    monkeypatch.setattr(batches.services, "certificate_issue", broken)
    with pytest.raises(RuntimeError):
        batches.render_certificate_batch.call(batch.pk)
    batch.refresh_from_db()
    assert (batch.status, batch.error) == ("failed", "brak czcionki")
