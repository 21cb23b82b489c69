from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = _("Register")

    def ready(self) -> None:
        # In ready(): contributions import models, loaded only by now.
        from registry import contributions

        contributions.register()
