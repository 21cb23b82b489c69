"""The volunteer's consents and data: which clause they accepted and when,
text messages on or off, their data to download, a request for removal, and
their private calendar address."""

import json

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View

from matching import ical
from registry import services as registry_services
from volunteer_center.core.audit import access_log
from volunteer_center.core.exports import attachment
from volunteer_center.core.models import AccessLog
from volunteer_center.core.registries import person_data_sections
from volunteer_center.volunteer_area import selectors, services
from volunteer_center.volunteer_area.forms import RemovalForm
from volunteer_center.volunteer_area.views.base import (
    AreaActionView,
    AreaFormView,
    VolunteerAreaMixin,
)


class MyDataView(AreaFormView):
    template_name = "volunteer_center/area/my_data.html"
    form_class = RemovalForm
    success_message = _(
        "Your request has been sent. The centre will confirm the removal."
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        calendar_path = reverse(
            "matching:volunteer-ical", args=[ical.volunteer_token(self.volunteer)]
        )
        context.update(
            removal=selectors.open_removal(self.volunteer),
            calendar_url=settings.SITE_URL + calendar_path,
            voluntary_basis=self.volunteer.legal_basis == "consent",
        )
        return context

    def act(self, form):
        services.area_request_removal(
            volunteer=self.volunteer, note=form.cleaned_data["note"]
        )


class SmsConsentView(AreaActionView):
    """Text messages are voluntary: given or withdrawn here at any time."""

    def act(self):
        given = self.request.POST.get("sms") == "on"
        registry_services.volunteer_sms_consent_set(
            actor=self.actor, volunteer=self.volunteer, given=given
        )
        self.success_message = (
            _("You will get reminders by text message too.")
            if given
            else _("You will no longer get text messages.")
        )

    def get_success_url(self):
        return reverse("volunteer_area:my-data")


class CalendarRenewView(AreaActionView):
    success_message = _("Your calendar has a new address; the old one no longer works.")

    def act(self):
        registry_services.volunteer_calendar_renew(
            actor=self.actor, volunteer=self.volunteer
        )

    def get_success_url(self):
        return reverse("volunteer_area:my-data")


class DataDownloadView(VolunteerAreaMixin, View):
    """Everything the apps hold about the volunteer (RODO art. 15 and 20),
    from the same registry as the staff export."""

    def get(self, request):
        sections = person_data_sections(self.volunteer)
        access_log(actor=self.actor, action=AccessLog.Action.EXPORT, obj=self.volunteer)
        data = {section.key: section.data for section in sections}
        body = json.dumps(data, ensure_ascii=False, indent=2, default=str)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        return attachment(response, "moje-dane.json")
