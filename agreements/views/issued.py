"""Staff screens of certificates, references and bulk certificates."""

from django.contrib import messages
from django.http import (
    HttpResponseRedirect,
)
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView, FormView

from agreements import batches, selectors, services
from agreements.forms import (
    BatchForm,
    CertificateForm,
    ReferenceForm,
)
from agreements.services import AgreementError
from agreements.views.common import _exported_file, _safe_name
from registry import selectors as registry_selectors
from registry.models import Volunteer
from volunteer_center.core.mixins import (
    FormUserMixin,
    InitialFromQueryMixin,
    JobObjectMixin,
    JobProgressView,
    PageTitleMixin,
    ScopedObjectMixin,
    StaffPermissionRequiredMixin,
)

# --- Certificates and references -------------------------------------------------


class VolunteerDocumentCreateView(
    StaffPermissionRequiredMixin,
    ScopedObjectMixin,
    PageTitleMixin,
    FormUserMixin,
    FormView,
):
    """A document issued to a volunteer by ``service`` from the form's data."""

    template_name = "_form.html"
    scope = registry_selectors.volunteer_scope
    service = None

    def get_queryset(self):
        return super().get_queryset().not_anonymised()

    @cached_property
    def volunteer(self) -> Volunteer:
        return self.get_object()

    def page_title_args(self) -> dict:
        return {"name": self.volunteer}

    def form_valid(self, form):
        try:
            document = type(self).service(
                actor=self.request.user, volunteer=self.volunteer, **form.cleaned_data
            )
        except AgreementError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message % {"number": document})
        return HttpResponseRedirect(self.volunteer.get_absolute_url())


class CertificateCreateView(VolunteerDocumentCreateView):
    permission_required = "agreements.add_certificate"
    form_class = CertificateForm
    page_title = _("Certificate of services for %(name)s")
    success_message = _("Certificate %(number)s has been issued.")
    service = services.certificate_issue


class ReferenceCreateView(VolunteerDocumentCreateView):
    permission_required = "agreements.add_reference"
    form_class = ReferenceForm
    page_title = _("Reference for %(name)s")
    success_message = _("Reference %(number)s has been issued.")
    service = services.reference_issue


class IssuedPdfView(StaffPermissionRequiredMixin, ScopedObjectMixin, View):
    prefix = ""

    def get_queryset(self):
        return super().get_queryset().select_related("volunteer")

    def get(self, request, *args, **kwargs):
        document = self.get_object()
        return _exported_file(
            request,
            document.pdf,
            f"{self.prefix}-{_safe_name(document.number)}",
            obj=document.volunteer,
            detail=document.number,
        )


class CertificatePdfView(IssuedPdfView):
    permission_required = "agreements.view_certificate"
    scope = selectors.certificate_scope
    prefix = "zaswiadczenie"


class ReferencePdfView(IssuedPdfView):
    permission_required = "agreements.view_reference"
    scope = selectors.reference_scope
    prefix = "opinia"


# --- Bulk certificates ---------------------------------------------------------


class BatchCreateView(StaffPermissionRequiredMixin, InitialFromQueryMixin, FormView):
    permission_required = "agreements.add_certificatebatch"
    form_class = BatchForm
    template_name = "_form.html"
    extra_context = {
        "page_title": _("Certificates for all volunteers in a period"),
        "intro": _(
            "One certificate for every volunteer with approved hours in the "
            "period, in one ZIP file. It is prepared in the background."
        ),
    }
    initial_from_query = ("programme",)

    def form_valid(self, form):
        try:
            batch = batches.certificate_batch_request(
                actor=self.request.user, **form.cleaned_data
            )
        except AgreementError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        return HttpResponseRedirect(batch.get_absolute_url())


class BatchDetailView(StaffPermissionRequiredMixin, JobObjectMixin, DetailView):
    permission_required = "agreements.view_certificatebatch"
    scope = selectors.certificate_batch_scope
    template_name = "agreements/batch_detail.html"
    context_object_name = "batch"


class BatchProgressView(StaffPermissionRequiredMixin, JobProgressView):
    permission_required = "agreements.view_certificatebatch"
    scope = selectors.certificate_batch_scope
    download = "agreements:batch-download"
    file_field = "zip_file"


class BatchDownloadView(StaffPermissionRequiredMixin, ScopedObjectMixin, View):
    permission_required = "agreements.view_certificatebatch"
    scope = selectors.certificate_batch_scope

    def get(self, request, *args, **kwargs):
        batch = self.get_object()
        return _exported_file(
            request,
            batch.zip_file,
            f"zaswiadczenia-{batch.date_from:%Y%m%d}-{batch.date_to:%Y%m%d}",
            detail=f"certificates {batch}",
        )
