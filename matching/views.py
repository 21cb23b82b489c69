"""Staff screens of matching and the volunteer's answer page: thin views over
forms, selectors and services."""

from django.contrib import messages
from django.db.models import Prefetch, Q, Sum
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import CreateView, DetailView, ListView, UpdateView
from django.views.generic.detail import SingleObjectMixin

from matching import ical, selectors, services
from matching.filters import AssignmentFilter, HelpRequestFilter, HoursEntryFilter
from matching.forms import HelpRequestForm, HoursEntryForm, ProgrammeForm
from matching.models import (
    Assignment,
    BatchProposal,
    HelpRequest,
    HoursEntry,
    Programme,
)
from registry.models import Volunteer
from volunteer_center.core.exports import ExportMixin, phone
from volunteer_center.core.mixins import FilteredListMixin, StaffPermissionRequiredMixin
from volunteer_center.core.mixins import ServiceFormMixin as BaseServiceFormMixin

# Volunteers' contact is exported only to those who may see the register of
# volunteers (coordinators), never to social workers.
SEES_VOLUNTEERS = "registry.view_volunteer"


class ServiceFormMixin(BaseServiceFormMixin):
    service_errors = (services.MatchingError,)


class ActionView(StaffPermissionRequiredMixin, SingleObjectMixin, View):
    """POST ``action=<name>`` runs ``actions[name]``; refusals become messages."""

    actions: dict = {}
    done_messages: dict = {}

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        action = request.POST.get("action", "")
        if action not in self.actions:
            messages.error(request, _("Unknown action."))
            return redirect(self.get_success_url())
        try:
            self.actions[action](actor=request.user, **{self.service_arg: self.object})
        except services.MatchingError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, self.done_message(action))
        return redirect(self.get_success_url())

    def done_message(self, action: str):
        return self.done_messages[action]


# --- Help requests -----------------------------------------------------------------


def _volunteers(contact: bool):
    def value(request):
        return ", ".join(
            f"{a.volunteer} ({a.volunteer.phone_display or a.volunteer.email or '—'})"
            if contact
            else str(a.volunteer)
            for a in request.export_assignments
        )

    return value


class HelpRequestListView(
    StaffPermissionRequiredMixin, FilteredListMixin, ExportMixin, ListView
):
    permission_required = "matching.view_helprequest"
    filterset_class = HelpRequestFilter
    template_name = "matching/helprequest_list.html"
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
        holding = Assignment.objects.holding_place().select_related("volunteer")
        return queryset.prefetch_related(
            Prefetch("assignments", queryset=holding, to_attr="export_assignments")
        )


class HelpRequestDetailView(StaffPermissionRequiredMixin, DetailView):
    permission_required = "matching.view_helprequest"
    template_name = "matching/helprequest_detail.html"

    def get_queryset(self):
        return selectors.request_detail(self.request.user)

    def get_context_data(self, **kwargs):
        request = self.object
        context = super().get_context_data(**kwargs)
        assignments = list(selectors.request_assignments(request))
        context["assignments"] = assignments
        holding = sum(a.status in Assignment.HOLDING_PLACE for a in assignments)
        context["free_places"] = max(0, request.needed - holding)
        context["hours"] = selectors.hours_totals(request_id=request.pk)
        context["may_direct"] = self.request.user.has_perm("matching.add_assignment")
        if (
            context["may_direct"]
            and request.status in HelpRequest.DIRECTABLE
            and context["free_places"]
        ):
            context["suggestions"] = selectors.suggestions(request)
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


class HelpRequestFormMixin(ServiceFormMixin):
    form_class = HelpRequestForm
    template_name = "_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}


class HelpRequestCreateView(
    StaffPermissionRequiredMixin, HelpRequestFormMixin, CreateView
):
    permission_required = "matching.add_helprequest"
    success_message = _("Request “%(name)s” filed.")
    extra_context = {"page_title": _("New help request")}

    def get_initial(self):
        initial = super().get_initial()
        if beneficiary := self.request.GET.get("beneficiary"):
            initial["beneficiary"] = beneficiary
        return initial

    def call_service(self, form):
        return services.help_request_create(
            actor=self.request.user, **form.service_kwargs()
        )


class HelpRequestUpdateView(
    StaffPermissionRequiredMixin, HelpRequestFormMixin, UpdateView
):
    permission_required = "matching.change_helprequest"
    success_message = _("Request “%(name)s” saved.")

    def get_queryset(self):
        return HelpRequest.objects.visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("Edit request: %(name)s") % {"name": self.object}, **kwargs
        )

    def call_service(self, form):
        return services.help_request_update(
            actor=self.request.user, request=self.object, **form.service_kwargs()
        )


class HelpRequestStatusView(ActionView):
    permission_required = "matching.add_assignment"
    service_arg = "request"
    actions = {
        "open": services.help_request_open,
        "complete": services.help_request_complete,
        "cancel": services.help_request_cancel,
    }
    done_messages = {
        "open": _("The request is open: volunteers can be directed to it."),
        "complete": _("The request is completed."),
        "cancel": _("The request is cancelled."),
    }

    def get_queryset(self):
        return HelpRequest.objects.all()

    def get_success_url(self):
        return self.object.get_absolute_url()


# --- Assignments ---------------------------------------------------------------------


class AssignmentListView(
    StaffPermissionRequiredMixin, FilteredListMixin, ExportMixin, ListView
):
    permission_required = "matching.view_assignment"
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


class AssignmentProposeView(StaffPermissionRequiredMixin, SingleObjectMixin, View):
    """Directs the chosen volunteer to the request, keeping the score and the
    reasons the coordinator saw."""

    permission_required = "matching.add_assignment"
    queryset = HelpRequest.objects.all()

    def post(self, request, *args, **kwargs):
        help_request = self.get_object()
        volunteer_id = request.POST.get("volunteer", "")
        volunteer = (
            Volunteer.objects.filter(pk=volunteer_id).first()
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


class AssignmentStatusView(ActionView):
    permission_required = "matching.change_assignment"
    service_arg = "assignment"
    actions = {
        "contact": services.assignment_contact,
        "accept": services.assignment_accept,
        "decline": services.assignment_decline,
        "activate": services.assignment_activate,
        "complete": services.assignment_complete,
        "cancel": services.assignment_cancel,
    }
    done_messages = {
        "contact": _("Marked as contacted; the volunteer got an e-mail with links."),
        "accept": _("The volunteer accepted: a place is taken."),
        "decline": _("The volunteer declined."),
        "activate": _("The assignment is active: the work has started."),
        "complete": _("The assignment is completed."),
        "cancel": _("The assignment is cancelled."),
    }

    def get_queryset(self):
        return Assignment.objects.select_related("request", "volunteer")

    def done_message(self, action: str):
        if action == "contact" and not self.object.volunteer.email:
            return _(
                "Marked as contacted. The volunteer has no e-mail address: call them."
            )
        return super().done_message(action)

    def get_success_url(self):
        return self.object.get_absolute_url()


class HoursLogView(StaffPermissionRequiredMixin, SingleObjectMixin, View):
    permission_required = "matching.add_hoursentry"
    queryset = Assignment.objects.select_related("request", "volunteer")
    template_name = "matching/hours_form.html"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self._render(HoursEntryForm())

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = HoursEntryForm(request.POST)
        if form.is_valid():
            try:
                services.hours_log(
                    actor=request.user, assignment=self.object, **form.cleaned_data
                )
            except services.MatchingError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Hours logged."))
                return redirect(self.object.get_absolute_url())
        return self._render(form, status=200)

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


class HoursListView(
    StaffPermissionRequiredMixin, FilteredListMixin, ExportMixin, ListView
):
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
        entries = HoursEntry.objects.filter(pk__in=request.POST.getlist("entry"))
        count = services.hours_approve(actor=request.user, entries=entries)
        messages.success(request, _("Approved entries: %(count)s.") % {"count": count})
        return redirect(request.POST.get("next") or reverse("matching:request-list"))


# --- The volunteer's answer (no login) ---------------------------------------------


class RespondView(View):
    """The link in the invitation e-mail. GET only shows the question (mail
    scanners open links); the answer is a POST from the page."""

    template_name = "matching/respond.html"

    def get(self, request, token):
        try:
            assignment = services.assignment_from_token(token)
        except services.MatchingError as error:
            context = {"error": error.message}
            return render(request, self.template_name, context, status=400)
        return render(request, self.template_name, self._context(assignment))

    def post(self, request, token):
        accept = request.POST.get("answer") == "accept"
        try:
            assignment = services.assignment_respond(token=token, accept=accept)
        except services.MatchingError as error:
            context = {"error": error.message}
            return render(request, self.template_name, context, status=400)
        return render(
            request, self.template_name, {**self._context(assignment), "done": True}
        )

    def _context(self, assignment):
        return {
            "assignment": assignment,
            "request_obj": assignment.request,
            "slots": assignment.request.slots.all(),
            "open": assignment.status
            in (Assignment.Status.PROPOSED, Assignment.Status.CONTACTED),
        }


class VolunteerCalendarView(View):
    """The volunteer's private calendar feed (no login: the signed address is
    the key, so a calendar app can subscribe to it)."""

    def get(self, request, token):
        volunteer_id = ical.volunteer_id_from_token(token)
        if volunteer_id is None:
            raise Http404
        volunteer = get_object_or_404(
            Volunteer.objects.not_anonymised(), pk=volunteer_id
        )
        response = HttpResponse(
            ical.volunteer_calendar(volunteer),
            content_type="text/calendar; charset=utf-8",
        )
        response["Content-Disposition"] = 'inline; filename="wolontariat.ics"'
        response["Cache-Control"] = "private, max-age=900"
        response["X-Robots-Tag"] = "noindex"
        return response


# --- Programmes ----------------------------------------------------------------------


class ProgrammeListView(StaffPermissionRequiredMixin, ListView):
    permission_required = "matching.view_programme"
    paginate_by = 25
    queryset = Programme.objects.select_related("coordinator")
    template_name = "matching/programme_list.html"


class ProgrammeDetailView(StaffPermissionRequiredMixin, DetailView):
    permission_required = "matching.view_programme"
    template_name = "matching/programme_detail.html"

    def get_queryset(self):
        return selectors.programme_detail()

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
            actor=self.request.user, fields=form.cleaned_data
        )
        messages.success(self.request, _("Programme saved."))
        return HttpResponseRedirect(self.object.get_absolute_url())


class ProgrammeUpdateView(StaffPermissionRequiredMixin, UpdateView):
    permission_required = "matching.change_programme"
    form_class = ProgrammeForm
    template_name = "_form.html"
    queryset = Programme.objects.all()
    extra_context = {"page_title": _("Edit programme")}

    def form_valid(self, form):
        self.object = services.programme_save(
            actor=self.request.user,
            programme=self.object,
            fields=form.cleaned_data,
            partners=None,
        )
        messages.success(self.request, _("Programme saved."))
        return HttpResponseRedirect(self.object.get_absolute_url())


# --- Batch proposal ------------------------------------------------------------------


class BatchProposalView(StaffPermissionRequiredMixin, View):
    """Starts a batch proposal for all open requests: a background task finds
    the optimal plan and the greedy baseline; the page then shows it."""

    permission_required = "matching.run_batch_matching"
    template_name = "matching/batch.html"

    def get(self, request):
        recent = BatchProposal.objects.select_related("requested_by")[:5]
        return render(request, self.template_name, {"recent": recent})

    def post(self, request):
        # The task module pulls in the batch and SciPy: loaded when used.
        from matching.tasks import batch_proposal_request

        proposal = batch_proposal_request(actor=request.user)
        return redirect(proposal.get_absolute_url())


class BatchProposalDetailView(StaffPermissionRequiredMixin, SingleObjectMixin, View):
    """The plan of one batch proposal, to accept whole or in part; while the
    task runs, the page shows its status and reloads when it is ready."""

    permission_required = "matching.run_batch_matching"
    queryset = BatchProposal.objects.all()
    template_name = "matching/batch_detail.html"

    def get(self, request, *args, **kwargs):
        proposal = self.get_object()
        if request.GET.get("format") == "json":
            return JsonResponse(
                {"status": proposal.status, "finished": proposal.finished}
            )
        return render(request, self.template_name, self._context(proposal))

    def post(self, request, *args, **kwargs):
        # The batch imports SciPy (the optimiser): loaded when a plan is applied.
        from matching import batch

        proposal = self.get_object()
        pairs = []
        for value in request.POST.getlist("pair"):
            rid, _sep, vid = value.partition(":")
            if rid.isdigit() and vid.isdigit():
                pairs.append((int(rid), int(vid)))
        # Each assignment keeps the score and reasons the plan showed; a pair
        # whose request or volunteer is gone is reported by batch_apply.
        details = {
            (p["request"], p["volunteer"]): batch.PairDetail(
                p["score"], tuple(p["reasons"])
            )
            for p in proposal.result.get("pairs", [])
        }
        created, errors = batch.batch_apply(
            actor=request.user, pairs=pairs, details=details
        )
        for error in errors:
            messages.error(request, error)
        messages.success(
            request, _("Assignments proposed: %(count)s.") % {"count": len(created)}
        )
        return redirect("matching:request-list")

    def _context(self, proposal) -> dict:
        pairs = proposal.result.get("pairs", [])
        requests = HelpRequest.objects.only("title").in_bulk(
            {p["request"] for p in pairs}
        )
        volunteers = Volunteer.objects.only("first_name", "last_name").in_bulk(
            {p["volunteer"] for p in pairs}
        )
        rows = [
            {
                "value": f"{p['request']}:{p['volunteer']}",
                "request": requests[p["request"]],
                "volunteer": volunteers[p["volunteer"]],
                "score": p["score"],
                "reasons": p["reasons"],
            }
            for p in pairs
            if p["request"] in requests and p["volunteer"] in volunteers
        ]
        return {"proposal": proposal, "result": proposal.result, "rows": rows}
