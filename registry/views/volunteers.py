"""Staff screens of the volunteers register."""

import json

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View

from registry import selectors, services
from registry.filters import (
    VolunteerFilter,
)
from registry.forms import (
    VolunteerForm,
)
from volunteer_center.core import registries
from volunteer_center.core.audit import access_log
from volunteer_center.core.exports import phone
from volunteer_center.core.mixins import (
    ScopedObjectMixin,
    StaffPermissionRequiredMixin,
    StatusActionView,
)
from volunteer_center.core.models import AccessLog
from volunteer_center.core.views import (
    RecordDetailView,
    RegisterListView,
    ServiceCreateView,
    ServiceUpdateView,
)


def _names(related: str):
    return lambda row: ", ".join(str(o) for o in getattr(row, related).all())


class VolunteerListView(RegisterListView):
    permission_required = "registry.view_volunteer"
    page_title = _("Volunteers")
    filterset_class = VolunteerFilter
    template_name = "registry/volunteer_list.html"
    export_filename = "wolontariusze"
    export_columns = [
        (_("last name"), "last_name"),
        (_("first name"), "first_name"),
        (_("status"), "get_status_display"),
        (_("under 18"), "is_minor"),
        (_("district"), "district.name"),
        (_("town"), "city"),
        (_("phone"), phone("phone_display")),
        (_("e-mail"), "email"),
        (_("skills"), _names("skills")),
        (_("signed up"), "created_at"),
    ]

    def get_queryset(self):
        self.queryset = selectors.volunteer_list()
        return super().get_queryset()


class VolunteerDetailView(RecordDetailView):
    permission_required = "registry.view_volunteer"
    template_name = "registry/volunteer_detail.html"
    scope = selectors.volunteer_scope

    def get_queryset(self):
        return selectors.volunteer_detail(super().get_queryset())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["availability_grid"] = selectors.availability_grid(self.object)
        return context


class VolunteerCreateView(ServiceCreateView):
    permission_required = "registry.add_volunteer"
    form_class = VolunteerForm
    template_name = "registry/person_form.html"
    service = services.volunteer_create
    success_message = _("Volunteer %(name)s has been added.")
    page_title = _("New volunteer")


class VolunteerUpdateView(ServiceUpdateView):
    permission_required = "registry.change_volunteer"
    form_class = VolunteerForm
    template_name = "registry/person_form.html"
    scope = selectors.volunteer_scope
    service = services.volunteer_update
    service_arg = "volunteer"

    def get_queryset(self):
        return selectors.volunteer_detail(super().get_queryset()).not_anonymised()


class VolunteerStatusView(StatusActionView):
    """Activate a candidate (or a paused or former volunteer), pause, or mark
    as former: POST only."""

    permission_required = "registry.change_volunteer"
    scope = selectors.volunteer_scope
    service_arg = "volunteer"
    actions = {
        "activate": (services.volunteer_activate, _("%(name)s is now active.")),
        "pause": (services.volunteer_pause, _("%(name)s is now paused.")),
        "former": (
            services.volunteer_mark_former,
            _("%(name)s is now a former volunteer."),
        ),
    }


class VolunteerExportDataView(StaffPermissionRequiredMixin, ScopedObjectMixin, View):
    """Everything held about the volunteer as JSON (RODO art. 15 and 20)."""

    permission_required = "registry.view_volunteer"
    scope = selectors.volunteer_scope

    def get(self, request, *args, **kwargs):
        volunteer = self.get_object()
        access_log(actor=request.user, action=AccessLog.Action.EXPORT, obj=volunteer)
        data = {
            section.key: section.data
            for section in registries.person_data_sections(volunteer)
        }
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="wolontariusz-{volunteer.pk}.json"'
        )
        return response


class VolunteerAnonymiseView(StaffPermissionRequiredMixin, ScopedObjectMixin, View):
    permission_required = "registry.delete_volunteer"
    scope = selectors.volunteer_scope
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        volunteer = self.get_object()
        try:
            services.volunteer_anonymise(actor=request.user, volunteer=volunteer)
        except services.RegistryError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The volunteer's data has been anonymised."))
        return HttpResponseRedirect(
            reverse("registry:volunteer-detail", args=[volunteer.pk])
        )
