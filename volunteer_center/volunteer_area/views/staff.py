"""Staff handle what volunteers asked for in the area (from the dashboard)."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from agreements.views import issued
from volunteer_center.core.errors import DomainError
from volunteer_center.core.mixins import ScopedObjectMixin, StatusActionView
from volunteer_center.volunteer_area import selectors, services
from volunteer_center.volunteer_area.models import VolunteerRequest


class VolunteerRequestActionView(StatusActionView):
    permission_required = "volunteer_area.change_volunteerrequest"
    service_arg = "area_request"
    actions = {
        "handle": (services.area_request_handle, _("Done: %(name)s.")),
        "refuse": (services.area_request_refuse, _("Refused: %(name)s.")),
    }
    scope = selectors.volunteer_request_scope

    def get_queryset(self):
        return super().get_queryset().select_related("volunteer")

    def get_success_url(self) -> str:
        return reverse("dashboard")


class VolunteerRequestCertificateView(issued.CertificateCreateView):
    """The certificate form of the agreements, opened from a volunteer's
    request: filled in with the period asked for; issuing it closes the
    request (``services.area_request_certificate_issue``)."""

    scope = selectors.volunteer_request_scope

    def get_queryset(self):
        return (
            ScopedObjectMixin.get_queryset(self)
            .filter(
                kind=VolunteerRequest.Kind.CERTIFICATE,
                status=VolunteerRequest.Status.OPEN,
                volunteer__anonymised_at__isnull=True,
            )
            .select_related("volunteer")
        )

    @cached_property
    def area_request(self) -> VolunteerRequest:
        return self.get_object()

    @cached_property
    def volunteer(self):
        return self.area_request.volunteer

    def get_initial(self):
        return {
            **super().get_initial(),
            "date_from": self.area_request.date_from,
            "date_to": self.area_request.date_to,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.area_request.note:
            context["intro"] = _("The volunteer wrote: %(note)s") % {
                "note": self.area_request.note
            }
        return context

    def form_valid(self, form):
        try:
            done = services.area_request_certificate_issue(
                actor=self.request.user,
                area_request=self.area_request,
                **form.cleaned_data,
            )
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request, self.success_message % {"number": done.certificate}
        )
        return HttpResponseRedirect(reverse("dashboard"))
