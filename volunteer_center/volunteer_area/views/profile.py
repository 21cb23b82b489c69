"""The volunteer's availability, skills, interests and districts."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from registry import services as registry_services
from volunteer_center.volunteer_area.forms import ProfileForm
from volunteer_center.volunteer_area.views.base import VolunteerAreaMixin


class ProfileView(VolunteerAreaMixin, FormView):
    template_name = "volunteer_center/area/profile.html"
    form_class = ProfileForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.volunteer}

    def form_valid(self, form):
        try:
            registry_services.volunteer_update(
                actor=self.actor, volunteer=self.volunteer, **form.service_kwargs()
            )
        except registry_services.RegistryError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("Your changes are saved."))
        return HttpResponseRedirect(reverse("volunteer_area:profile"))
