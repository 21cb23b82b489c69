"""The volunteer's documents: agreements, certificates, references as PDF,
and a request for a new certificate."""

import io

from django.http import FileResponse, Http404
from django.utils.translation import gettext_lazy as _
from django.views import View

from agreements import documents as agreement_documents
from volunteer_center.core.audit import access_log
from volunteer_center.core.models import AccessLog
from volunteer_center.volunteer_area import selectors, services
from volunteer_center.volunteer_area.forms import CertificateRequestForm
from volunteer_center.volunteer_area.views.base import AreaFormView, VolunteerAreaMixin


class DocumentsView(AreaFormView):
    template_name = "volunteer_center/area/documents.html"
    form_class = CertificateRequestForm
    success_message = _(
        "Your request has been sent. The centre will issue the certificate."
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.own_documents(self.volunteer))
        return context

    def act(self, form):
        services.area_request_certificate(volunteer=self.volunteer, **form.cleaned_data)


def _pdf(content: bytes, name: str) -> FileResponse:
    # FileResponse words the file name for any browser (RFC 6266), Polish
    # letters of a number ("ZAŚ/2026/001") included.
    response = FileResponse(
        io.BytesIO(content),
        as_attachment=True,
        filename=f"{name}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "no-store"
    return response


def _safe(number: str) -> str:
    return number.replace("/", "-")


class AgreementPdfView(VolunteerAreaMixin, View):
    def get(self, request, pk):
        agreement = selectors.own_agreement(self.volunteer, pk)
        access_log(actor=self.actor, action=AccessLog.Action.EXPORT, obj=agreement)
        pdf = agreement_documents.agreement_pdf(agreement)
        return _pdf(pdf, f"porozumienie-{_safe(agreement.number)}")


class IssuedPdfView(VolunteerAreaMixin, View):
    """A certificate or reference: the PDF stored when it was issued."""

    find = None
    prefix = ""

    def get(self, request, pk):
        document = type(self).find(self.volunteer, pk)
        if not document.pdf:
            raise Http404
        access_log(
            actor=self.actor,
            action=AccessLog.Action.EXPORT,
            obj=self.volunteer,
            detail=document.number,
        )
        with document.pdf.open("rb") as stored:
            return _pdf(stored.read(), f"{self.prefix}-{_safe(document.number)}")


class CertificatePdfView(IssuedPdfView):
    find = selectors.own_certificate
    prefix = "zaswiadczenie"


class ReferencePdfView(IssuedPdfView):
    find = selectors.own_reference
    prefix = "opinia"
