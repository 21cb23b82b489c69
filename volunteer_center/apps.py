from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class VolunteerCenterConfig(AppConfig):
    name = "volunteer_center"
    verbose_name = _("Volunteer Centre")

    def ready(self) -> None:
        from volunteer_center import checks  # noqa: F401 - registers the checks
        from volunteer_center.roles import sync_role_permissions

        # Permissions exist only after post_migrate of each app, so roles are
        # (re)synced then: a new model's permissions reach the right groups.
        post_migrate.connect(
            sync_role_permissions, dispatch_uid="sync_role_permissions"
        )
