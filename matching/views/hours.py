"""Hours: logging, the list, approval."""

from crispy_forms.layout import Submit
from django.contrib import messages
from django.db import transaction
from django.db.models import Q, Sum
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View

from matching import selectors, services
from matching.filters import HoursEntryFilter
from matching.forms import HoursApproveForm, HoursCorrectionForm, HoursEntryForm
from matching.models import (
    HoursEntry,
)
from volunteer_center.core.mixins import (
    AuditedDetailMixin,
    RecordActionView,
    StaffPermissionRequiredMixin,
    safe_next,
)
from volunteer_center.core.views import RegisterListView


class HoursLogView(StaffPermissionRequiredMixin, AuditedDetailMixin, View):
    permission_required = "matching.add_hoursentry"
    scope = selectors.assignment_scope
    template_name = "matching/hours_form.html"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self._render(self._form())

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = self._form(request.POST)
        if form.is_valid():
            try:
                self._log(form.cleaned_data, approve="approve" in request.POST)
            except services.MatchingError as error:
                form.add_error(None, error.message)
            else:
                return redirect(self.object.get_absolute_url())
        return self._render(form, status=200)

    def _form(self, data=None):
        form = HoursEntryForm(data)
        if self.request.user.has_perm("matching.change_hoursentry"):
            # "Log and approve" does both at once for those who may approve.
            form.helper.add_input(
                Submit("approve", _("Log and approve"), css_class="btn-success")
            )
        return form

    @transaction.atomic
    def _log(self, data, *, approve: bool) -> None:
        entry = services.hours_log(
            actor=self.request.user, assignment=self.object, **data
        )
        if approve and self.request.user.has_perm("matching.change_hoursentry"):
            services.hours_approve(actor=self.request.user, entries=[entry])
            messages.success(self.request, _("Hours logged and approved."))
        else:
            messages.success(self.request, _("Hours logged."))

    def _render(self, form, status=200):
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "assignment": self.object,
                "entries": self.object.hours.select_related("logged_by", "approved_by"),
                "page_title": _("Hours: %(assignment)s") % {"assignment": self.object},
            },
            status=status,
        )

    def get_queryset(self):
        return super().get_queryset().select_related("request", "volunteer")


class HoursListView(RegisterListView):
    permission_required = "matching.view_hoursentry"
    filterset_class = HoursEntryFilter
    template_name = "matching/hours_list.html"
    export_filename = "godziny"
    export_audit = ("assignment.volunteer",)
    export_columns = [
        (_("date"), "date"),
        (_("volunteer"), "assignment.volunteer"),
        (_("help request"), "assignment.request.title"),
        (_("hours"), "hours"),
        (_("status"), "get_status_display"),
        (_("note"), "note"),
        (_("logged by"), "logged_by.get_full_name"),
        (_("approved by"), "approved_by.get_full_name"),
    ]

    def get_queryset(self):
        self.queryset = selectors.hours_list(self.request.user)
        return super().get_queryset()

    def get_context_data(self, **kwargs):
        # Totals of everything the filters select (a volunteer, a period…),
        # not only of the page shown.
        totals = self.object_list.order_by().aggregate(
            approved=Sum("hours", filter=Q(status=HoursEntry.Status.APPROVED)),
            awaiting=Sum("hours", filter=Q(status=HoursEntry.Status.LOGGED)),
        )
        return super().get_context_data(
            totals={k: v or 0 for k, v in totals.items()}, **kwargs
        )


class HoursApproveView(StaffPermissionRequiredMixin, View):
    permission_required = "matching.change_hoursentry"

    def post(self, request, *args, **kwargs):
        form = HoursApproveForm(
            request.POST, entries=selectors.hours_list(request.user)
        )
        if form.is_valid():
            count = services.hours_approve(
                actor=request.user, entries=form.cleaned_data["entry"]
            )
            messages.success(
                request, _("Approved entries: %(count)s.") % {"count": count}
            )
        else:
            messages.error(request, _("Choose the entries to approve."))
        return redirect(safe_next(request, reverse("matching:hours-list")))


class HoursChangeView(RecordActionView):
    """Corrects or rejects one entry, before or after approval (POST only)."""

    permission_required = "matching.change_hoursentry"
    scope = selectors.hours_scope

    def act(self, entry) -> str:
        data = self.cleaned_post(
            HoursCorrectionForm, _("Give a date, the hours and the reason.")
        )
        if self.request.POST.get("action") == "reject":
            services.hours_reject(
                actor=self.request.user, entry=entry, reason=data["reason"]
            )
            return _("The entry is rejected.")
        services.hours_correct(actor=self.request.user, entry=entry, **data)
        return _("The entry is corrected and waits for approval.")

    def get_success_url(self) -> str:
        return reverse("matching:hours-log", args=[self.object.assignment_id])
