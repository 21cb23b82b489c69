"""``?export=csv|xlsx`` on the staff lists, and the pages of a background
export: its progress and its private download."""

import io
import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.views import View
from django.views.generic import DetailView

from volunteer_center.core.audit import (
    access_log,
    access_log_export,
    access_log_export_started,
)
from volunteer_center.core.exports.files import (
    CHUNK_ROWS,
    CSV_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    Column,
    attachment,
    csv_lines,
    resolve,
    write_xlsx,
)
from volunteer_center.core.exports.jobs import export_job_request, export_job_scope
from volunteer_center.core.mixins import JobObjectMixin, JobProgressView
from volunteer_center.core.models import AccessLog


class ExportMixin:
    """Adds ``?export=csv|xlsx`` to a FilteredListMixin list view."""

    export_columns: list[tuple] = []
    # The file's name before the date, e.g. "wolontariusze-2026-11-27.csv".
    export_filename = "eksport"
    # Whose personal data a row carries (dotted paths, "" is the row itself):
    # their ids go into the export's access-log entry. Empty: the list holds
    # none, and its exports are not logged.
    export_audit: tuple[str, ...] = ("",)
    export_formats = ("csv", "xlsx")
    # The fields the columns read (``QuerySet.only``); empty: whole rows. A
    # field left out is read again row by row: the export's query count test
    # of each list catches that.
    export_fields: tuple[str, ...] = ()

    def get(self, request, *args, **kwargs):
        export_format = request.GET.get("export")
        if export_format not in self.export_formats:
            return super().get(request, *args, **kwargs)
        queryset = self.get_export_queryset(self.get_queryset())
        if export_format == "csv":
            return self.export_csv(queryset)
        limit = settings.EXPORT_XLSX_INLINE_ROWS
        rows = list(queryset[: limit + 1])
        if len(rows) > limit:
            return redirect(export_job_request(actor=request.user, view=self))
        out = io.BytesIO()
        self.write_xlsx_file(out, self.export_chunk(rows))
        response = HttpResponse(out.getvalue(), content_type=XLSX_CONTENT_TYPE)
        return attachment(response, self.export_name("xlsx"))

    def get_context_data(self, **kwargs):
        return super().get_context_data(export_formats=self.export_formats, **kwargs)

    def get_export_columns(self) -> list[Column]:
        user = self.request.user
        columns = [Column(*spec) for spec in self.export_columns]
        return [c for c in columns if not c.permission or user.has_perm(c.permission)]

    def get_export_queryset(self, queryset):
        """The filtered list; views add what only the export needs here."""
        return queryset

    def export_rows(self, queryset) -> Iterator:
        """Every row of the export, read from the database ``CHUNK_ROWS`` at a
        time, each chunk through ``export_chunk``."""
        if self.export_fields:
            queryset = queryset.only(*self.export_fields)
        rows = queryset.iterator(chunk_size=CHUNK_ROWS)
        for chunk in itertools.batched(rows, CHUNK_ROWS):
            yield from self.export_chunk(chunk)

    def export_chunk(self, rows: Sequence) -> Iterable:
        """A chunk of rows with what their columns show and one query per
        chunk can read (``prefetch_related`` would build a model instance and
        a queryset for every related row); as they come by default."""
        return rows

    def export_name(self, export_format: str) -> str:
        return f"{self.export_filename}-{timezone.localdate():%Y-%m-%d}.{export_format}"

    def export_table(self, rows: Iterable, export_format: str) -> tuple[list, Iterator]:
        """The header and the rows of cells. The export's access-log entry is
        written now, before the first byte, and completed with the ids of
        every person whose row went out once the last row has been taken
        (or the download is abandoned)."""
        columns = self.get_export_columns()
        headers = [capfirst(str(column.header)) for column in columns]
        entry = None
        if self.export_audit:
            entry = access_log_export_started(
                actor=self.request.user,
                detail=f"{self.export_filename}.{export_format}: "
                f"{self.request.get_full_path()}",
            )
        table = (
            [column.value(row) for column in columns]
            for row in self._logged(rows, entry)
        )
        return headers, table

    def _logged(self, rows: Iterable, entry) -> Iterator:
        if entry is None:
            yield from rows
            return
        subjects = defaultdict(set)
        language = translation.get_language()
        try:
            for row in rows:
                for path in self.export_audit:
                    for subject in resolve(row, path):
                        subjects[type(subject)].add(subject.pk)
                yield row
        finally:
            with translation.override(language):
                access_log_export(
                    actor=self.request.user,
                    subjects=subjects,
                    detail=entry.detail,
                    entry=entry,
                )

    def export_csv(self, queryset) -> StreamingHttpResponse:
        headers, table = self.export_table(self.export_rows(queryset), "csv")
        response = StreamingHttpResponse(
            csv_lines(headers, table, language=translation.get_language()),
            content_type=CSV_CONTENT_TYPE,
        )
        return attachment(response, self.export_name("csv"))

    def write_xlsx_file(self, out, rows: Iterable) -> None:
        headers, table = self.export_table(rows, "xlsx")
        write_xlsx(out, headers, table, title=self.export_filename)


class ExportJobMixin(LoginRequiredMixin, JobObjectMixin):
    """A background export is its requester's alone: anybody else gets 404."""

    scope = export_job_scope


class ExportJobView(ExportJobMixin, DetailView):
    template_name = "export_job.html"
    context_object_name = "job"


class ExportJobProgressView(ExportJobMixin, JobProgressView):
    download = "core:export-download"


class ExportJobDownloadView(ExportJobMixin, View):
    def get(self, request, *args, **kwargs):
        job = self.get_object()
        if not job.file:
            return redirect(job)
        access_log(
            actor=request.user,
            action=AccessLog.Action.EXPORT,
            detail=f"{job.filename}: downloaded",
        )
        response = FileResponse(
            job.file.open("rb"), as_attachment=True, filename=job.filename
        )
        response["Cache-Control"] = "no-store"
        return response
