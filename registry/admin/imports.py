"""Importing and exporting the register in the Django admin: CSV and XLSX
files through ``registry.resources`` (whose rows go through the services, all
or nothing). A file of more than ``IMPORT_ROWS_IN_REQUEST`` rows is imported
by the task queue (``registry.tasks``), with a page that follows it."""

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ERROR_FLAG
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from import_export.formats import base_formats
from import_export.results import RowResult

from registry.import_formats import IMPORT_FORMATS, ImportFileError
from registry.models import ImportJob
from registry.tasks import import_job_request, import_job_retry


class RegistryImportExportAdmin(ImportExportModelAdmin):
    # As spreadsheets save them: CSV with semicolons in Windows-1250 too.
    import_formats = IMPORT_FORMATS
    export_formats = [base_formats.CSV, base_formats.XLSX]
    import_template_name = "admin/registry/import.html"
    # Excel opens a UTF-8 file with Polish letters correctly only with a BOM.
    to_encoding = "utf-8-sig"

    # Without a setting, django-import-export lets any staff member import;
    # here importing needs the add and change permissions, exporting the view
    # permission of the model.
    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def get_export_filename(self, request, queryset, file_format):
        """ "wolontariusze-2026-12-01.csv", not "Volunteer-2026-12-01.csv"."""
        name = slugify(str(self.model._meta.verbose_name_plural))
        return f"{name}-{timezone.localdate():%Y-%m-%d}.{file_format.get_extension()}"

    def add_success_message(self, result, request):
        # django-import-export's own message has no Polish translation.
        totals = result.totals
        self.message_user(
            request,
            _(
                "Import finished: %(new)d new, %(updated)d updated, "
                "%(skipped)d unchanged."
            )
            % {
                "new": totals[RowResult.IMPORT_TYPE_NEW],
                "updated": totals[RowResult.IMPORT_TYPE_UPDATE],
                "skipped": totals[RowResult.IMPORT_TYPE_SKIP],
            },
            messages.SUCCESS,
        )

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            # The file changed between the preview and the confirmation, or the
            # data did: the transaction was rolled back, so nothing was saved.
            self.message_user(
                request,
                _(
                    "Nothing was imported: some rows are no longer valid. "
                    "Upload the file again to see why."
                ),
                messages.ERROR,
            )
            return HttpResponseRedirect(
                reverse("admin:{}_{}_import".format(*self.get_model_info()))
            )
        return super().process_result(result, request)

    def get_urls(self):
        info = self.get_model_info()
        return [
            path(
                "import/job/<int:pk>/",
                self.admin_site.admin_view(self.import_job_view),
                name="{}_{}_import_job".format(*info),
            ),
            *super().get_urls(),
        ]

    def export_action(self, request):
        # The export takes the list's filters from its address; one the list
        # refuses (volunteer_center.core.admin.CheckedChangeList) leads back
        # to the list as the admin's own refusal does, not to a server error.
        try:
            return super().export_action(request)
        except IncorrectLookupParameters:
            changelist = reverse(
                "admin:{}_{}_changelist".format(*self.get_model_info())
            )
            return HttpResponseRedirect(f"{changelist}?{ERROR_FLAG}=1")

    def import_action(self, request, **kwargs):
        if request.method == "POST" and self.has_import_permission(request):
            queued = self._queue_large_file(request)
            if queued is not None:
                return queued
        return super().import_action(request, **kwargs)

    def _queue_large_file(self, request):
        """A file too large to import while the page waits goes to the task
        queue; None for a file the admin imports itself (or refuses)."""
        form = self.create_import_form(request)
        if not form.is_valid():
            return None
        upload = form.cleaned_data["import_file"]
        file_format = int(form.cleaned_data["format"])
        data = upload.read()
        upload.seek(0)
        try:
            rows = self.get_import_formats()[file_format]().rows_claimed(data)
        except ImportFileError:  # the admin reads it again and says why
            return None
        if rows <= settings.IMPORT_ROWS_IN_REQUEST:
            return None
        job = import_job_request(
            actor=request.user,
            kind=self.model._meta.model_name,
            file_name=upload.name,
            file_format=file_format,
            data=data,
            total=rows,
        )
        return redirect(
            "admin:{}_{}_import_job".format(*self.get_model_info()), pk=job.pk
        )

    def add_data_read_fail_error_to_form(self, form, e):
        # The library's own message names the exception's class, in English.
        if isinstance(e, ImportFileError):
            message = str(e)
        else:
            message = _(
                "The file could not be read. Choose the format it is saved in "
                "(CSV or XLSX) and try again."
            )
        form.add_error("import_file", message)

    def import_job_view(self, request, pk):
        """How far a background import got, then its result; the person who
        started it (or a superuser) sees it."""
        if not self.has_import_permission(request):
            raise Http404
        jobs = ImportJob.objects.filter(kind=self.model._meta.model_name)
        if not request.user.is_superuser:
            jobs = jobs.filter(requested_by=request.user)
        kept = ExpressionWrapper(~Q(data=b""), output_field=BooleanField())
        job = jobs.filter(pk=pk).defer("data").annotate(file_kept=kept).first()
        if job is None:
            raise Http404
        job.fail_if_stale()
        if request.method == "POST" and import_job_retry(job=job):
            return redirect(request.path)
        if request.GET.get("format") == "json":
            # reload_when_ready.js shows the counts, then reloads when finished.
            return JsonResponse(
                {**job.progress(download_url=None), "finished": job.finished}
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import of %(file)s") % {"file": job.file_name},
            "job": job,
        }
        return TemplateResponse(request, "admin/registry/import_job.html", context)
