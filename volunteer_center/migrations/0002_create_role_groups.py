"""Creates the groups for the roles (docs/ARCHITECTURE.md, Roles).

Their permissions are assigned by volunteer_center.roles.sync_role_permissions
after every migrate, because permissions of apps migrated later exist only then.
"""

from django.db import migrations

GROUPS = ["Koordynator", "Pracownik socjalny", "Administrator"]


def create(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in GROUPS:
        Group.objects.get_or_create(name=name)


def remove(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("volunteer_center", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create, remove)]
