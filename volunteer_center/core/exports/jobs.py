"""XLSX exports too long for a request (gunicorn gives a worker 30 s), built
by the task queue: the task runs the list view's own queries, as its
requester, with the filter they had, so the file holds what the page would."""

import datetime as dt
import logging
import tempfile

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.db.models import F, QuerySet
from django.http import HttpRequest, QueryDict
from django.tasks import task
from django.urls import resolve
from django.utils import timezone, translation

from volunteer_center.core.models import ExportJob

logger = logging.getLogger(__name__)

# The progress the job's page shows moves every this many rows.
PROGRESS_EVERY = 1000


def export_job_scope(user) -> QuerySet[ExportJob]:
    """The exports' access scope: a background export is its requester's."""
    return ExportJob.objects.filter(requested_by=user)


def export_job_request(*, actor, view) -> ExportJob:
    """Queues the XLSX export of the list ``view`` shows; the page of the
    job it returns shows its progress and, once built, the download."""
    _forget_old_files()
    query = view.request.GET.copy()
    query.pop("export", None)
    job = ExportJob.objects.create(
        requested_by=actor,
        path=view.request.path,
        query=query.urlencode(),
        language=translation.get_language() or settings.LANGUAGE_CODE,
        filename=view.export_name("xlsx"),
    )
    # After commit, so that the worker finds the row.
    transaction.on_commit(lambda: build_export.enqueue(job.pk))
    return job


def _forget_old_files() -> None:
    """Exported files hold personal data: they are kept only for a while."""
    cutoff = timezone.now() - dt.timedelta(hours=settings.EXPORT_FILE_HOURS)
    for job in ExportJob.objects.filter(created_at__lt=cutoff).exclude(file=""):
        job.file.delete(save=True)


def _list_view(job: ExportJob):
    """The list view of the job's address, set up as its requester's GET."""
    match = resolve(job.path)
    request = HttpRequest()
    request.method = "GET"
    request.path = request.path_info = job.path
    request.GET = QueryDict(job.query)
    request.META["QUERY_STRING"] = job.query
    request.user = job.requested_by
    view = match.func.view_class(**match.func.view_initkwargs)
    view.setup(request, *match.args, **match.kwargs)
    # Roles can change between the click and the run.
    if not view.has_permission():
        raise PermissionDenied
    return view


def _counted(rows, job_id: int):
    for count, row in enumerate(rows, start=1):
        if count % PROGRESS_EVERY == 0:
            ExportJob.objects.filter(pk=job_id).beat(done=count)
        yield row


@task
def build_export(job_id: int) -> int:
    job = ExportJob.objects.select_related("requested_by").get(pk=job_id)
    try:
        with translation.override(job.language):
            view = _list_view(job)
            queryset = view.get_export_queryset(view.get_queryset())
            total = queryset.count()
            ExportJob.objects.filter(pk=job_id).start(total=total, done=0)
            rows = _counted(view.export_rows(queryset), job_id)
            with tempfile.TemporaryFile() as out:
                view.write_xlsx_file(out, rows)
                out.seek(0)
                job.file.save(f"{job.pk}.xlsx", File(out), save=False)
    except Exception as error:
        logger.exception("Export %s failed", job_id)
        ExportJob.objects.filter(pk=job_id).fail(error)
        raise
    ExportJob.objects.filter(pk=job_id).update(
        status=ExportJob.Status.DONE, done=F("total"), file=job.file.name
    )
    return total
