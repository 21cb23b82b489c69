from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteerAreaConfig(AppConfig):
    name = "volunteer_center.volunteer_area"
    label = "volunteer_area"
    verbose_name = _("Volunteer area")
