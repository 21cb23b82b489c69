"""Directing volunteers: the list of assignments, proposing, status changes."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views import View

from matching import selectors, services
from matching.filters import AssignmentFilter
from matching.views.requests import SEES_VOLUNTEERS
from registry import selectors as registry_selectors
from volunteer_center.core.exports import phone
from volunteer_center.core.mixins import (
    ScopedObjectMixin,
    StaffPermissionRequiredMixin,
    StatusActionView,
)
from volunteer_center.core.views import RegisterListView


class AssignmentListView(RegisterListView):
    permission_required = "matching.view_assignment"
    page_title = _("Assignments")
    filterset_class = AssignmentFilter
    template_name = "matching/assignment_list.html"
    export_filename = "skierowania"
    export_audit = ("volunteer", "request.beneficiary")
    export_columns = [
        (_("volunteer"), "volunteer"),
        (_("phone"), phone("volunteer.phone_display"), SEES_VOLUNTEERS),
        (_("e-mail"), "volunteer.email", SEES_VOLUNTEERS),
        (_("help request"), "request.title"),
        (_("for whom"), "request.party"),
        (_("status"), "get_status_display"),
        (_("from"), "date_from"),
        (_("until"), "date_to"),
        (_("hours per week"), "weekly_hours"),
        (_("approved hours"), "hours_approved"),
    ]

    def get_queryset(self):
        self.queryset = selectors.assignment_list(self.request.user)
        return super().get_queryset()


class AssignmentProposeView(StaffPermissionRequiredMixin, ScopedObjectMixin, View):
    """Directs the chosen volunteer to the request, keeping the score and the
    reasons the coordinator saw."""

    permission_required = "matching.add_assignment"
    scope = selectors.request_scope

    def post(self, request, *args, **kwargs):
        help_request = self.get_object()
        volunteer_id = request.POST.get("volunteer", "")
        volunteer = (
            registry_selectors.volunteer_scope(request.user)
            .filter(pk=volunteer_id)
            .first()
            if volunteer_id.isdigit()
            else None
        )
        if volunteer is None:
            messages.error(request, _("Choose a volunteer to propose."))
            return redirect(help_request.get_absolute_url())
        scored = selectors.score_for(help_request, volunteer)
        try:
            services.assignment_propose(
                actor=request.user,
                request=help_request,
                volunteer=volunteer,
                score=scored.score,
                reasons=scored.reasons,
            )
        except services.MatchingError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("%(volunteer)s proposed for this request.")
                % {"volunteer": volunteer},
            )
        return redirect(help_request.get_absolute_url())


class AssignmentStatusView(StatusActionView):
    permission_required = "matching.change_assignment"
    scope = selectors.assignment_scope
    service_arg = "assignment"
    actions = {
        "contact": (
            services.assignment_contact,
            _("Marked as contacted; the volunteer got an e-mail with links."),
        ),
        "accept": (
            services.assignment_accept,
            _("The volunteer accepted: a place is taken."),
        ),
        "decline": (services.assignment_decline, _("The volunteer declined.")),
        "activate": (
            services.assignment_activate,
            _("The assignment is active: the work has started."),
        ),
        "complete": (services.assignment_complete, _("The assignment is completed.")),
        "cancel": (services.assignment_cancel, _("The assignment is cancelled.")),
        "host_insurance": (
            services.assignment_record_host_insurance,
            _("The host institution's insurance is recorded."),
        ),
    }

    def run_action(self, name: str, obj):
        if name == "host_insurance":
            return services.assignment_record_host_insurance(
                actor=self.request.user,
                assignment=obj,
                description=self.request.POST.get("host_insurance", ""),
            )
        return super().run_action(name, obj)

    def get_queryset(self):
        return super().get_queryset().select_related("request", "volunteer")

    def success_message(self, name: str) -> str:
        if name == "contact" and not self.object.volunteer.email:
            return _(
                "Marked as contacted. The volunteer has no e-mail address: call them."
            )
        return super().success_message(name)
