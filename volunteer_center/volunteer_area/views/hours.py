"""The volunteer's hours: log them for an active assignment, see totals."""

from django.utils.translation import gettext_lazy as _

from matching import selectors as matching_selectors
from matching import services as matching_services
from volunteer_center.volunteer_area import selectors
from volunteer_center.volunteer_area.forms import AreaHoursForm
from volunteer_center.volunteer_area.views.base import AreaFormView

ENTRIES_SHOWN = 50


class HoursView(AreaFormView):
    template_name = "volunteer_center/area/hours.html"
    form_class = AreaHoursForm
    success_message = _("Hours logged. The coordinator will approve them.")

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

    def act(self, form):
        matching_services.hours_log(actor=self.actor, **form.cleaned_data)
