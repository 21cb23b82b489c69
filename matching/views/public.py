"""What volunteers open without logging in: the answer link and their private
calendar feed."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views import View

from matching import ical, services
from matching.forms import HostHoursForm
from matching.models import (
    Assignment,
)
from volunteer_center.core.audit import access_log
from volunteer_center.core.models import AccessLog


class TokenPageView(View):
    """A page opened from a signed link, without logging in: a link that is
    broken, expired or already used shows why, with status 400."""

    template_name = ""

    def refused(self, request, error: services.MatchingError):
        context = {"error": error.message}
        return render(request, self.template_name, context, status=400)


class RespondView(TokenPageView):
    """The link in the invitation e-mail. GET only shows the question (mail
    scanners open links); the answer is a POST from the page."""

    template_name = "matching/respond.html"

    def get(self, request, token):
        try:
            assignment = services.assignment_from_token(token)
        except services.MatchingError as error:
            return self.refused(request, error)
        return render(request, self.template_name, self._context(assignment))

    def post(self, request, token):
        accept = request.POST.get("answer") == "accept"
        try:
            assignment = services.assignment_respond(token=token, accept=accept)
        except services.MatchingError as error:
            return self.refused(request, error)
        return render(
            request, self.template_name, {**self._context(assignment), "done": True}
        )

    def _context(self, assignment):
        return {
            "assignment": assignment,
            "request_obj": assignment.request,
            "open": assignment.status
            in (Assignment.Status.PROPOSED, Assignment.Status.CONTACTED),
        }


class VolunteerCalendarView(View):
    """The volunteer's private calendar feed (no login: the signed address is
    the key, so a calendar app can subscribe to it)."""

    def get(self, request, token):
        volunteer = ical.volunteer_from_token(token)
        if volunteer is None:
            raise Http404
        # Whoever holds the private address reads the volunteer's schedule.
        access_log(
            actor=None, action=AccessLog.Action.VIEW, obj=volunteer, detail="iCal"
        )
        response = HttpResponse(
            ical.volunteer_calendar(volunteer),
            content_type="text/calendar; charset=utf-8",
        )
        response["Content-Disposition"] = 'inline; filename="wolontariat.ics"'
        response["X-Robots-Tag"] = "noindex"
        return response


class HostHoursView(TokenPageView):
    """The link the host institution's contact person gets: the hours logged
    on their request, to confirm as they are or correct (no login)."""

    template_name = "matching/host_hours.html"

    def dispatch(self, request, token):
        try:
            self.help_request = services.request_from_host_token(token)
        except services.MatchingError as error:
            return self.refused(request, error)
        return super().dispatch(request, token)

    def get(self, request, token):
        return self._render(request, HostHoursForm(self.help_request))

    def post(self, request, token):
        form = HostHoursForm(self.help_request, request.POST)
        if form.is_valid():
            try:
                services.hours_host_confirm(
                    token=token,
                    confirmed_by=form.cleaned_data["confirmed_by"],
                    corrections=form.corrections(),
                )
            except services.MatchingError as error:
                form.add_error(None, error.message)
            else:
                return self._render(request, form, done=True)
        return self._render(request, form)

    def _render(self, request, form, done=False):
        context = {"request_obj": self.help_request, "form": form, "done": done}
        return render(request, self.template_name, context)
