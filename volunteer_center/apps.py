from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteerCenterConfig(AppConfig):
    """The top of the stack: settings, URLs, the dashboard, reports and demo
    data; it may import every app, and no app imports it."""

    name = "volunteer_center"
    verbose_name = _("Volunteer Centre")

    def ready(self) -> None:
        # In ready(), like every app's contributions (docs/ARCHITECTURE.md).
        from volunteer_center.core import registries

        registries.nav_menus.register("volunteer_center/_nav.html", order=10)
        # The report comes last, after the apps' menus.
        registries.nav_menus.register("volunteer_center/_nav_report.html", order=90)
