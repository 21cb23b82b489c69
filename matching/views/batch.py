"""The batch proposal: start it, review its plan, propose the pairs kept."""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views import View

from matching import selectors
from matching.models import (
    BatchProposal,
    HelpRequest,
)
from matching.reasons import texts
from registry.models import Volunteer
from volunteer_center.core.mixins import JobObjectMixin, StaffPermissionRequiredMixin


class BatchProposalView(StaffPermissionRequiredMixin, View):
    """Starts a batch proposal for all open requests: a background task finds
    the optimal plan and the greedy baseline; the page then shows it."""

    permission_required = "matching.run_batch_matching"
    template_name = "matching/batch.html"

    def get(self, request):
        recent = BatchProposal.objects.select_related("requested_by")[:5]
        for proposal in recent:
            proposal.fail_if_stale()
        return render(request, self.template_name, {"recent": recent})

    def post(self, request):
        # The task module pulls in the batch and SciPy: loaded when used.
        from matching.tasks import batch_proposal_request

        proposal = batch_proposal_request(actor=request.user)
        return redirect(proposal.get_absolute_url())


class BatchProposalDetailView(StaffPermissionRequiredMixin, JobObjectMixin, View):
    """The plan of one batch proposal, to accept whole or in part; while the
    task runs, the page shows its status and reloads when it is ready."""

    permission_required = "matching.run_batch_matching"
    scope = selectors.batch_scope
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
        # Date, hours and whom the request is for tell apart requests of one
        # title (many are "Zakupy dla seniora").
        requests = (
            HelpRequest.objects.select_related("beneficiary", "institution")
            .prefetch_related("slots")
            .in_bulk({p["request"] for p in pairs})
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
                "reasons": texts(p["reasons"]),
            }
            for p in pairs
            if p["request"] in requests and p["volunteer"] in volunteers
        ]
        return {"proposal": proposal, "result": proposal.result, "rows": rows}
