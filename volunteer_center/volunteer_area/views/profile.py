"""The volunteer's availability, skills, interests and districts."""

from django.utils.translation import gettext_lazy as _

from registry import services as registry_services
from volunteer_center.volunteer_area.forms import ProfileForm
from volunteer_center.volunteer_area.views.base import AreaFormView


class ProfileView(AreaFormView):
    template_name = "volunteer_center/area/profile.html"
    form_class = ProfileForm
    success_message = _("Your changes are saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.volunteer}

    def act(self, form):
        registry_services.volunteer_update(
            actor=self.actor, volunteer=self.volunteer, **form.service_kwargs()
        )
