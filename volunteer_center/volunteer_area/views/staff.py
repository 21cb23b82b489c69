"""Staff handle what volunteers asked for in the area (from the dashboard)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from volunteer_center.core.mixins import StatusActionView
from volunteer_center.volunteer_area import selectors, services


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
