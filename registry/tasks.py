"""Background work of the register: a large CSV or XLSX file imported by the
task queue (docs/ARCHITECTURE.md, Background work), never inside a request,
with the same resources, services and all-or-nothing rule as a small one."""

import logging

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.import_formats import IMPORT_FORMATS, ImportFileError
from registry.models import ImportJob
from registry.resources import RESOURCES

logger = logging.getLogger(__name__)


def import_job_request(
    *, actor, kind: str, file_name: str, file_format: int, data: bytes, total: int
) -> ImportJob:
    job = ImportJob.objects.create(
        requested_by=actor,
        kind=kind,
        file_name=file_name[:200],
        file_format=file_format,
        data=data,
        total=total,
    )
    # After commit, so that the worker finds the row.
    transaction.on_commit(lambda: import_file.enqueue(job.pk))
    return job


def import_job_retry(*, job: ImportJob) -> bool:
    """Queues again a job whose worker was stopped mid-task, with the file it
    kept; False when the file is gone (a failed file is emptied at once)."""
    queued = (
        ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.FAILED)
        .exclude(data=b"")
        .update(
            status=ImportJob.Status.PENDING,
            done=0,
            error="",
            started_at=None,
            heartbeat_at=None,
        )
    )
    if queued:
        transaction.on_commit(lambda: import_file.enqueue(job.pk))
    return bool(queued)


class _Progress:
    """Writes the rows read on a connection of its own, so that the job's page
    sees them while the import's transaction is still open. PostgreSQL only:
    SQLite lets one writer in at a time, so there the page shows the counts
    when the import ends."""

    def __init__(self, job_id: int):
        self.job_id = job_id
        self.side = None
        if connection.vendor == "postgresql":
            self.side = connections.create_connection(DEFAULT_DB_ALIAS)

    def __call__(self, done: int) -> None:
        if self.side is None:
            return
        table = self.side.ops.quote_name(ImportJob._meta.db_table)
        with self.side.cursor() as cursor:
            # The rows read are also its sign of life (BackgroundJob.stale).
            cursor.execute(
                f"UPDATE {table} SET done = LEAST(%s, total), heartbeat_at = %s "
                "WHERE id = %s",
                [done, timezone.now(), self.job_id],
            )

    def close(self) -> None:
        if self.side is not None:
            self.side.close()


def result_summary(result) -> dict:
    """What the job's page shows: the counts, or each rejected row's reasons
    (the row of the file, the column, the message)."""
    rejected = [
        {"row": row.number + 1, "column": column, "message": str(message)}
        for row in result.invalid_rows
        for column, message in row.rejections
    ]
    rejected += [
        {
            "row": row.number + 1,
            "column": "",
            "message": _("The row could not be saved."),
        }
        for row in result.error_rows
    ]
    return {"totals": dict(result.totals), "rejected": rejected[:500]}


def _read(job: ImportJob):
    """The job's rows; the rows of the sheet replace what the file claimed."""
    dataset = IMPORT_FORMATS[job.file_format]().create_dataset(bytes(job.data))
    ImportJob.objects.filter(pk=job.pk).start(total=dataset.height)
    return dataset


def _fail(job_id: int, message: str) -> None:
    ImportJob.objects.filter(pk=job_id).update(
        status=ImportJob.Status.FAILED, error=message[:300], data=b""
    )


@task
def import_file(job_id: int) -> int:
    job = ImportJob.objects.select_related("requested_by").get(pk=job_id)
    try:
        dataset = _read(job)
    except Exception as error:  # what the admin would say of a bad file
        if not isinstance(error, ImportFileError):
            logger.exception("Import %s: the file could not be read", job_id)
            error = _("The file could not be read.")
        _fail(job_id, str(error))
        return 0
    progress = _Progress(job_id)
    try:
        resource = RESOURCES[job.kind]()
        resource.progress = progress
        result = resource.import_data(
            dataset, dry_run=False, raise_errors=False, user=job.requested_by
        )
    except Exception:
        logger.exception("Import %s failed", job_id)
        _fail(job_id, _("The file could not be imported."))
        raise
    finally:
        progress.close()
    ImportJob.objects.filter(pk=job_id).update(
        status=ImportJob.Status.DONE,
        done=dataset.height,
        result=result_summary(result),
        data=b"",
    )
    return dataset.height
