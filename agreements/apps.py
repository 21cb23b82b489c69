from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Agreements")

    def ready(self) -> None:
        # In ready(): contributions import models, loaded only by now.
        from agreements import contributions

        contributions.register()
