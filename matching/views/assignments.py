"""Directing volunteers: the list of assignments, proposing, status changes."""

from django.utils.translation import gettext_lazy as _

from matching import selectors, services
from matching.filters import AssignmentFilter
from matching.views.requests import SEES_VOLUNTEERS
from registry import selectors as registry_selectors
from volunteer_center.core.exports import phone
from volunteer_center.core.mixins import (
    RecordActionView,
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


class AssignmentProposeView(RecordActionView):
    """Directs the chosen volunteer to the request, keeping the score and the
    reasons the coordinator saw."""

    permission_required = "matching.add_assignment"
    scope = selectors.request_scope

    def act(self, help_request) -> str:
        volunteer_id = self.request.POST.get("volunteer", "")
        volunteer = (
            registry_selectors.volunteer_scope(self.request.user)
            .filter(pk=volunteer_id)
            .first()
            if volunteer_id.isdigit()
            else None
        )
        if volunteer is None:
            raise services.MatchingError(_("Choose a volunteer to propose."))
        scored = selectors.score_for(help_request, volunteer)
        services.assignment_propose(
            actor=self.request.user,
            request=help_request,
            volunteer=volunteer,
            score=scored.score,
            reasons=scored.reasons,
        )
        return _("%(volunteer)s proposed for this request.") % {"volunteer": volunteer}


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
    posted = {"host_insurance": {"description": "host_insurance"}}

    def get_queryset(self):
        return super().get_queryset().select_related("request", "volunteer")

    def success_message(self, name: str) -> str:
        if name == "contact" and not self.object.volunteer.email:
            return _(
                "Marked as contacted. The volunteer has no e-mail address: call them."
            )
        return super().success_message(name)
