from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from volunteer_center.core.collation import register_on_sqlite


class CoreConfig(AppConfig):
    """The foundation every app builds on (docs/ARCHITECTURE.md): it imports
    no app of the project."""

    name = "volunteer_center.core"
    label = "core"
    verbose_name = _("Foundation")

    def ready(self) -> None:
        # In ready(): roles and checks read models, loaded only by now.
        from volunteer_center.core import (
            checks,  # noqa: F401 - registers the checks
            middleware,  # noqa: F401 - the sign-in stamp
        )

        # In ready() as well: the roles read the permission models.
        from volunteer_center.core.roles import sync_role_permissions

        # Permissions exist only after post_migrate of each app, so roles are
        # (re)synced then: a new model's permissions reach the right groups.
        post_migrate.connect(
            sync_role_permissions, dispatch_uid="sync_role_permissions"
        )
        connection_created.connect(
            register_on_sqlite, dispatch_uid="polish_collation_on_sqlite"
        )
        _speak_polish()


def _speak_polish() -> None:
    """Two texts every page shows come from Django in English: the blank choice
    of a select (Django 6.1's "- Select an option -", not yet in its Polish
    catalogue; Django asks apps to override it here) and a staff account
    shown as its username. Both are fixed once for every form, list, admin
    page and history."""
    from django.contrib.auth import get_user_model
    from django.db.models import fields

    fields.BLANK_CHOICE_LABEL = _("— choose —")
    get_user_model().__str__ = person_name


def person_name(user) -> str:
    """A staff member as people name them: "Anna Nowak", the username only
    when no name is known."""
    return user.get_full_name() or user.get_username()
