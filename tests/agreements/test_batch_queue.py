"""The bulk certificates through the production queue: django-tasks-db stores
the task, the worker command runs it."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.management import call_command
from django.test import override_settings

from agreements import batches
from agreements.errors import AgreementError
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
    # A technical failure is told in words; its own text stays in the log.
    assert batch.status == "failed" and "brak czcionki" not in batch.error
    assert "błąd zapisano w dzienniku" in batch.error

    # A rule's refusal is told as the rule words it.
    def refused(**kwargs):
        raise AgreementError("Zaświadczenie wymaga podpisującego.")

    monkeypatch.setattr(batches.services, "certificate_issue", refused)
    CertificateBatch.objects.filter(pk=batch.pk).update(status="pending")
    with pytest.raises(AgreementError):
        batches.render_certificate_batch.call(batch.pk)
    batch.refresh_from_db()
    assert (batch.status, batch.error) == (
        "failed",
        "Zaświadczenie wymaga podpisującego.",
    )


def test_a_programme_batch_covers_only_the_programmes_volunteers(
    coordinator,
    make_volunteer,
    make_assignment,
    log_hours,
    django_capture_on_commit_callbacks,
):
    from matching.models import HelpRequest, Programme

    zima = Programme.objects.create(name="Zima", date_from=dt.date(2026, 1, 1))
    inside = make_assignment(
        make_volunteer(first_name="Ala"),
        date_from=dt.date(2026, 1, 5),
        date_to=dt.date(2026, 6, 30),
    )
    HelpRequest.objects.filter(pk=inside.request_id).update(programme=zima)
    outside = make_assignment(
        make_volunteer(first_name="Ola"),
        date_from=dt.date(2026, 1, 5),
        date_to=dt.date(2026, 6, 30),
    )
    for work in (inside, outside):
        log_hours(work, dt.date(2026, 2, 10), "3")
    with django_capture_on_commit_callbacks(execute=True):
        batch = batches.certificate_batch_request(
            actor=coordinator,
            date_from=dt.date(2026, 2, 1),
            date_to=dt.date(2026, 2, 28),
            programme=zima,
        )
    batch.refresh_from_db()
    assert (batch.status, batch.total, batch.done) == ("done", 1, 1)
    with batch.zip_file.open("rb") as stored:
        (name,) = zipfile.ZipFile(io.BytesIO(stored.read())).namelist()
    assert "Ala" in name


def test_programme_page_links_to_its_bulk_certificates(coordinator_client):
    from matching.models import Programme

    zima = Programme.objects.create(name="Zima", date_from=dt.date(2026, 1, 1))
    page = coordinator_client.get(zima.get_absolute_url()).content.decode()
    assert f"?programme={zima.pk}&amp;date_from=2026-01-01" in page
    from django.urls import reverse

    form = coordinator_client.get(
        reverse("agreements:batch-create"), {"programme": zima.pk}
    )
    assert form.context["form"].initial["programme"] == str(zima.pk)
    assert f'<option value="{zima.pk}" selected>Zima</option>' in form.content.decode()


def test_an_anonymised_volunteer_does_not_stop_the_batch(
    coordinator,
    make_volunteer,
    make_assignment,
    log_hours,
    django_capture_on_commit_callbacks,
):
    from registry import services as registry_services

    kept = make_assignment(
        make_volunteer(first_name="Ala"),
        date_from=dt.date(2026, 1, 5),
        date_to=dt.date(2026, 6, 30),
    )
    gone = make_assignment(
        make_volunteer(first_name="Ola"),
        date_from=dt.date(2026, 1, 5),
        date_to=dt.date(2026, 6, 30),
    )
    for work in (kept, gone):
        log_hours(work, dt.date(2026, 2, 10), "3")
    registry_services.volunteer_mark_former(actor=coordinator, volunteer=gone.volunteer)
    registry_services.volunteer_anonymise(actor=coordinator, volunteer=gone.volunteer)
    with django_capture_on_commit_callbacks(execute=True):
        batch = batches.certificate_batch_request(
            actor=coordinator,
            date_from=dt.date(2026, 2, 1),
            date_to=dt.date(2026, 2, 28),
        )
    batch.refresh_from_db()
    assert (batch.status, batch.total, batch.done) == ("done", 1, 1)
