"""The access log now belongs to the foundation app (core 0001); the top app
keeps the dashboard's permission on a model without a table."""

from django.db import migrations, models


def move_permission(apps, schema_editor, to_dashboard=True):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    dashboard, _ = ContentType.objects.get_or_create(
        app_label="volunteer_center", model="dashboard"
    )
    access_log, _ = ContentType.objects.get_or_create(
        app_label="core", model="accesslog"
    )
    source, target = (access_log, dashboard) if to_dashboard else (dashboard, access_log)
    Permission.objects.filter(content_type=source, codename="view_dashboard").update(
        content_type=target
    )


def move_permission_back(apps, schema_editor):
    move_permission(apps, schema_editor, to_dashboard=False)


class Migration(migrations.Migration):
    dependencies = [
        ("volunteer_center", "0002_create_role_groups"),
        ("core", "0001_access_log_moves_to_core"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="AccessLog")],
        ),
        migrations.CreateModel(
            name="Dashboard",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
            ],
            options={
                "verbose_name": "dashboard",
                "permissions": [("view_dashboard", "Can see the coordinator's dashboard")],
                "managed": False,
                "default_permissions": (),
            },
        ),
        migrations.RunPython(move_permission, move_permission_back),
    ]
