"""Staff screens of help requests: the list, a request with its suggestions,
filing and editing, status changes."""

from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from matching import request_page, selectors, services
from matching.filters import HelpRequestFilter
from matching.forms import HelpRequestForm
from matching.models import (
    Assignment,
    HelpRequest,
)
from registry.models import Volunteer
from volunteer_center.core import fragments
from volunteer_center.core.audit import access_log_many
from volunteer_center.core.figures import Tables
from volunteer_center.core.mixins import (
    FormUserMixin,
    InitialFromQueryMixin,
    ScopedObjectMixin,
    StaffPermissionRequiredMixin,
    StatusActionView,
)
from volunteer_center.core.models import AccessLog
from volunteer_center.core.views import (
    RegisterListView,
    ServiceCreateView,
    ServiceUpdateView,
)

# Volunteers' contact is exported only to those who may see the register of
# volunteers (coordinators), never to social workers.
SEES_VOLUNTEERS = "registry.view_volunteer"


def _volunteers(contact: bool):
    def value(request):
        return ", ".join(
            f"{a.volunteer} ({a.volunteer.phone_display or a.volunteer.email or '—'})"
            if contact
            else str(a.volunteer)
            for a in request.export_assignments
        )

    return value


class HelpRequestListView(RegisterListView):
    permission_required = "matching.view_helprequest"
    page_title = _("Help requests")
    filterset_class = HelpRequestFilter
    # The places taken move with the assignments, each leaving its history row.
    count_depends_on = (HelpRequest, Assignment)
    template_name = "matching/helprequest_list.html"
    list_fields = (
        "title",
        "beneficiary__first_name",
        "beneficiary__last_name",
        "institution__name",
        "category__name",
        "district__name",
        "date_from",
        "date_to",
        "urgency",
        "places_taken",
        "needed",
        "status",
    )
    export_filename = "zgloszenia"
    export_audit = ("beneficiary", "export_assignments.volunteer")
    export_columns = [
        (_("title"), "title"),
        (_("for whom"), "party"),
        (_("category"), "category.name"),
        (_("district"), "district.name"),
        (_("address"), "address"),
        (_("schedule"), "get_kind_display"),
        (_("from"), "date_from"),
        (_("until"), "date_to"),
        (_("urgency"), "get_urgency_display"),
        (_("volunteers needed"), "needed"),
        (_("places taken"), "places_taken"),
        (_("status"), "get_status_display"),
        (_("volunteers"), _volunteers(contact=False)),
        (_("volunteers' contact"), _volunteers(contact=True), SEES_VOLUNTEERS),
    ]

    def get_queryset(self):
        self.queryset = selectors.request_list(self.request.user)
        return super().get_queryset()

    def get_export_queryset(self, queryset):
        # Who helps or helped: a completed request still names its volunteers.
        working = Assignment.objects.filter(
            status__in=Assignment.WORKING
        ).select_related("volunteer")
        return queryset.prefetch_related(
            Prefetch("assignments", queryset=working, to_attr="export_assignments")
        )


class HelpRequestDetailView(
    StaffPermissionRequiredMixin, ScopedObjectMixin, DetailView
):
    permission_required = "matching.view_helprequest"
    template_name = "matching/helprequest_detail.html"
    scope = selectors.request_scope

    def get_object(self, queryset=None):
        # One state query for the page's kept parts (core.figures.Tables).
        self.tables = Tables(
            (*request_page.request_page_read(), *selectors.SUGGESTIONS_READ)
        )
        self.page = request_page.kept_request_page(
            self.get_queryset(),
            self.kwargs["pk"],
            user=self.request.user,
            tables=self.tables,
        )
        if self.page is None:
            raise Http404
        return self.page.request

    def get_context_data(self, **kwargs):
        request, page = self.object, self.page
        context = super().get_context_data(**kwargs)
        context["assignments"] = page.assignments
        # The page shows the party's address and the directed volunteers'
        # contacts: each of them is in the access log.
        party = request.beneficiary or request.institution
        access_log_many(
            actor=self.request.user,
            action=AccessLog.Action.VIEW,
            objects=[request, party, *(a.volunteer for a in page.assignments)],
        )
        holding = sum(a.status in Assignment.HOLDING_PLACE for a in page.assignments)
        context["free_places"] = max(0, request.needed - holding)
        context["hours"] = page.hours
        context["cover_chains"] = page.cover_chains
        context["absences"] = page.absences
        context["may_direct"] = self.request.user.has_perm("matching.add_assignment")
        if (
            context["may_direct"]
            and request.status in HelpRequest.DIRECTABLE
            and context["free_places"]
        ):
            suggestions = selectors.kept_suggestions(request, tables=self.tables)
            context["suggestions"] = suggestions
            context["suggestions_table"] = fragments.drawn(
                "matching/_suggestions_table.html",
                {"suggestions": suggestions, "req": request},
                shows=(request.pk, [_shown(c) for c in suggestions]),
                request=self.request,
            )
            context.update(self._why_not(request))
        return context

    def _why_not(self, request) -> dict:
        query = self.request.GET.get("why", "").strip()
        if not query:
            return {}
        found = list(Volunteer.objects.not_anonymised().search(query)[:5])
        return {
            "why_query": query,
            "why_not": [(v, selectors.why_not(request, v)) for v in found],
        }


def _shown(candidate: selectors.Candidate) -> tuple:
    """What the table of suggestions shows of a candidate."""
    volunteer = candidate.volunteer
    return (
        volunteer.pk,
        str(volunteer),
        str(volunteer.district or ""),
        candidate.score,
        candidate.reasons,
    )


class HelpRequestFormMixin(FormUserMixin):
    form_class = HelpRequestForm
    template_name = "_form.html"


class HelpRequestCreateView(
    InitialFromQueryMixin, HelpRequestFormMixin, ServiceCreateView
):
    permission_required = "matching.add_helprequest"
    service = services.help_request_create
    success_message = _("Request “%(name)s” filed.")
    page_title = _("New help request")
    initial_from_query = ("beneficiary",)


class HelpRequestUpdateView(HelpRequestFormMixin, ServiceUpdateView):
    permission_required = "matching.change_helprequest"
    scope = selectors.request_scope
    service = services.help_request_update
    service_arg = "request"
    success_message = _("Request “%(name)s” saved.")
    page_title = _("Edit request: %(name)s")


class HelpRequestStatusView(StatusActionView):
    permission_required = "matching.add_assignment"
    scope = selectors.request_scope
    service_arg = "request"
    actions = {
        "open": (
            services.help_request_open,
            _("The request is open: volunteers can be directed to it."),
        ),
        "complete": (services.help_request_complete, _("The request is completed.")),
        "cancel": (services.help_request_cancel, _("The request is cancelled.")),
        "reopen": (
            services.help_request_reopen,
            _("The request is open again: volunteers can be directed to it."),
        ),
    }
    posted = {"cancel": {"reason": "reason"}}


class CoverChainStopView(StatusActionView):
    """The coordinator stops a cover chain (matching.services.cover)."""

    permission_required = "matching.change_assignment"
    service_arg = "chain"
    actions = {"stop": (services.cover_stop, _("The cover chain is stopped."))}
    scope = selectors.cover_chain_scope

    def get_queryset(self):
        return super().get_queryset().select_related("request")

    def get_success_url(self) -> str:
        return self.object.request.get_absolute_url()
