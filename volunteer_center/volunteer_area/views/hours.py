"""The volunteer's hours: log them for an active assignment, see totals."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from matching import selectors as matching_selectors
from matching import services as matching_services
from volunteer_center.volunteer_area import selectors
from volunteer_center.volunteer_area.forms import AreaHoursForm
from volunteer_center.volunteer_area.views.base import VolunteerAreaMixin

ENTRIES_SHOWN = 50


class HoursView(VolunteerAreaMixin, FormView):
    template_name = "volunteer_center/area/hours.html"
    form_class = AreaHoursForm

    def get_form_kwargs(self):
        assignments = selectors.loggable_assignments(self.volunteer)
        return {**super().get_form_kwargs(), "assignments": assignments}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["entries"] = selectors.own_hours(self.volunteer)[:ENTRIES_SHOWN]
        context["totals"] = matching_selectors.hours_totals(
            volunteer_id=self.volunteer.pk
        )
        return context

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        try:
            matching_services.hours_log(actor=self.actor, **data)
        except matching_services.MatchingError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Hours logged. The coordinator will approve them.")
        )
        return HttpResponseRedirect(reverse("volunteer_area:hours"))
