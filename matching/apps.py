from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = _("Matching")

    def ready(self) -> None:
        # In ready(): contributions import models, loaded only by now.
        from matching import contributions

        contributions.register()
