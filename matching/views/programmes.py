"""Programmes run with partner institutions."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from matching import selectors, services
from matching.forms import ProgrammeForm
from matching.models import (
    Programme,
)
from volunteer_center.core.mixins import ScopedObjectMixin, StaffPermissionRequiredMixin


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


class ProgrammeCreateView(StaffPermissionRequiredMixin, CreateView):
    permission_required = "matching.add_programme"
    form_class = ProgrammeForm
    template_name = "_form.html"
    extra_context = {"page_title": _("New programme")}

    def form_valid(self, form):
        self.object = services.programme_save(
            actor=self.request.user,
            fields=form.cleaned_data,
            partners=form.partners(),
        )
        messages.success(self.request, _("Programme saved."))
        return HttpResponseRedirect(self.object.get_absolute_url())


class ProgrammeUpdateView(StaffPermissionRequiredMixin, ScopedObjectMixin, UpdateView):
    permission_required = "matching.change_programme"
    form_class = ProgrammeForm
    template_name = "_form.html"
    scope = selectors.programme_scope
    extra_context = {"page_title": _("Edit programme")}

    def form_valid(self, form):
        self.object = services.programme_save(
            actor=self.request.user,
            programme=self.object,
            fields=form.cleaned_data,
            partners=form.partners(),
        )
        messages.success(self.request, _("Programme saved."))
        return HttpResponseRedirect(self.object.get_absolute_url())
