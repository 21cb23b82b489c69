"""Django's model backend, with a user's permissions read in one query.

Every staff page asks for the permissions (the menus, the view's own check).
Django's ``ModelBackend`` reads them in two ORM queries, the account's own and
its groups', which cost 2.5 ms of the page frame's 7.5 ms of CPU at 100,000
volunteers (benchmarks/RESULTS.md, "Tenth round"); this reads both in one
plain statement. What it answers is Django's answer (tested against it), and
only for the question Django caches (``_perm_cache``: an active, non-superuser
account, no object); everything else is Django's own code.
"""

from functools import cache

from django.contrib.auth import backends, get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection


@cache
def _held_sql() -> str:
    """The ``app_label.codename`` of every permission given to the account
    or to one of its groups, from the tables' names in the models."""
    user = get_user_model()
    own = user._meta.get_field("user_permissions")
    groups = user._meta.get_field("groups")
    granted = Group._meta.get_field("permissions")
    quote = connection.ops.quote_name

    def through(field):
        table = field.remote_field.through._meta.db_table
        return (
            quote(table),
            quote(field.m2m_column_name()),
            quote(field.m2m_reverse_name()),
        )

    own_table, own_user, own_permission = through(own)
    member_table, member_user, member_group = through(groups)
    granted_table, granted_group, granted_permission = through(granted)
    return (
        f"SELECT ct.{quote('app_label')}, p.{quote('codename')}"
        f" FROM {quote(Permission._meta.db_table)} p"
        f" JOIN {quote(ContentType._meta.db_table)} ct"
        f" ON ct.{quote('id')} = p.{quote('content_type_id')}"
        f" WHERE p.{quote('id')} IN ("
        f"SELECT {own_permission} FROM {own_table} WHERE {own_user} = %s"
        f" UNION SELECT g.{granted_permission} FROM {granted_table} g"
        f" JOIN {member_table} m ON m.{member_group} = g.{granted_group}"
        f" WHERE m.{member_user} = %s)"
    )


def held_permissions(user) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(_held_sql(), [user.pk, user.pk])
        return {f"{app_label}.{codename}" for app_label, codename in cursor}


class ModelBackend(backends.ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        if (
            obj is None
            and user_obj.is_active
            and not user_obj.is_anonymous
            and not user_obj.is_superuser
            and not hasattr(user_obj, "_perm_cache")
        ):
            user_obj._perm_cache = held_permissions(user_obj)
        return super().get_all_permissions(user_obj, obj=obj)
