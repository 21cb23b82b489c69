"""The volunteer's assignments: the overview, one assignment with its
visits, answering a proposal, calling off one visit."""

import datetime as dt

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from matching import services as matching_services
from matching.models import Assignment
from matching.services.visits import coordinator_recipient
from volunteer_center.volunteer_area import selectors
from volunteer_center.volunteer_area.forms import CallOffForm
from volunteer_center.volunteer_area.links import read_call_off_token
from volunteer_center.volunteer_area.session import actor_for
from volunteer_center.volunteer_area.views.base import (
    AreaActionView,
    AreaFormView,
    AreaPageView,
)


class HomeView(AreaPageView):
    template_name = "volunteer_center/area/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["groups"] = selectors.assignment_groups(self.volunteer)
        return context


class AssignmentView(AreaPageView):
    template_name = "volunteer_center/area/assignment.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        assignment = selectors.own_assignment(self.volunteer, self.kwargs["pk"])
        holding = assignment.status in Assignment.HOLDING_PLACE
        context.update(
            assignment=assignment,
            request_obj=assignment.request,
            # The address only once the volunteer has said yes.
            holding=holding,
            answerable=assignment.status
            in (Assignment.Status.PROPOSED, Assignment.Status.CONTACTED),
            visits=selectors.upcoming_visits(assignment) if holding else [],
            contact=coordinator_recipient(assignment),
        )
        return context


class AnswerView(AreaActionView):
    """Accept or decline a proposal: the staff screens' services."""

    def act(self):
        assignment = selectors.own_assignment(self.volunteer, self.kwargs["pk"])
        self.assignment = assignment
        if self.request.POST.get("answer") == "accept":
            matching_services.assignment_accept(actor=self.actor, assignment=assignment)
            self.success_message = _("Thank you! The place is yours.")
        else:
            matching_services.assignment_decline(
                actor=self.actor, assignment=assignment
            )
            self.success_message = _("Thank you for your answer.")

    def get_success_url(self):
        return reverse("volunteer_area:assignment", args=[self.kwargs["pk"]])


class CallOffView(AreaFormView):
    """ "I can't come" to one visit, with a reason the coordinator reads."""

    template_name = "volunteer_center/area/call_off.html"
    form_class = CallOffForm
    success_message = _("The coordinator has been told. Thank you for letting us know.")

    def dispatch(self, request, *args, **kwargs):
        try:
            self.day = dt.date.fromisoformat(kwargs["day"])
        except ValueError:
            raise Http404 from None
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(assignment=self.assignment(), day=self.day)
        return context

    def assignment(self):
        return selectors.own_assignment(self.volunteer, self.kwargs["pk"])

    def act(self, form):
        matching_services.visit_call_off(
            actor=self.actor,
            assignment=self.assignment(),
            date=self.day,
            reason=form.cleaned_data["reason"],
        )

    def get_success_url(self):
        return reverse("volunteer_area:assignment", args=[self.kwargs["pk"]])


class CallOffLinkView(FormView):
    """The "I can't come" link of a reminder: signed for one visit, it works
    without signing in (the volunteer may be on a phone, away from e-mail
    sign-in), until the visit's day ends."""

    template_name = "volunteer_center/area/call_off_public.html"
    form_class = CallOffForm

    def dispatch(self, request, *args, **kwargs):
        found = read_call_off_token(kwargs["token"])
        if found is None:
            raise Http404
        assignment_id, volunteer_id, self.day = found
        self.assignment = get_object_or_404(
            Assignment.objects.filter(
                volunteer__anonymised_at__isnull=True
            ).select_related("request", "volunteer"),
            pk=assignment_id,
            volunteer_id=volunteer_id,
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(assignment=self.assignment, day=self.day)
        return context

    def form_valid(self, form):
        try:
            matching_services.visit_call_off(
                actor=actor_for(self.assignment.volunteer),
                assignment=self.assignment,
                date=self.day,
                reason=form.cleaned_data["reason"],
            )
        except matching_services.MatchingError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        return self.render_to_response(self.get_context_data(form=form, done=True))
