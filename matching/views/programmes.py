"""Programmes run with partner institutions."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, UpdateView

from matching import selectors, services
from matching.forms import ProgrammeForm
from matching.models import (
    Programme,
)
from volunteer_center.core.mixins import (
    ScopedObjectMixin,
    ServiceFormMixin,
    StaffPermissionRequiredMixin,
)
from volunteer_center.core.views import ServiceCreateView


class ProgrammeListView(StaffPermissionRequiredMixin, ListView):
    permission_required = "matching.view_programme"
    paginate_by = 25
    queryset = Programme.objects.select_related("coordinator")
    template_name = "matching/programme_list.html"


class ProgrammeDetailView(StaffPermissionRequiredMixin, ScopedObjectMixin, DetailView):
    permission_required = "matching.view_programme"
    template_name = "matching/programme_detail.html"
    scope = selectors.programme_scope

    def get_queryset(self):
        return selectors.programme_detail(super().get_queryset())

    def get_context_data(self, **kwargs):
        programme = self.object
        return super().get_context_data(
            requests=selectors.request_list(self.request.user).filter(
                programme=programme
            ),
            hours=selectors.hours_totals(programme_id=programme.pk),
            per_volunteer=selectors.programme_hours_per_volunteer(programme),
            **kwargs,
        )


class ProgrammeFormMixin:
    """A programme is created and edited by one service."""

    form_class = ProgrammeForm
    template_name = "_form.html"
    service = services.programme_save
    success_message = _("Programme saved.")


class ProgrammeCreateView(ProgrammeFormMixin, ServiceCreateView):
    permission_required = "matching.add_programme"
    page_title = _("New programme")


class ProgrammeUpdateView(
    ProgrammeFormMixin,
    StaffPermissionRequiredMixin,
    ScopedObjectMixin,
    ServiceFormMixin,
    UpdateView,
):
    permission_required = "matching.change_programme"
    scope = selectors.programme_scope
    service_arg = "programme"
    page_title = _("Edit programme")
