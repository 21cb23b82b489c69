"""The personal-data access log moves from the top app to the foundation app
(docs/ARCHITECTURE.md): the table and its rows stay, renamed to core_accesslog.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor, source="volunteer_center", target="core"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label=source, model="accesslog").update(
        app_label=target
    )


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, source="core", target="volunteer_center")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("volunteer_center", "0002_create_role_groups"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AccessLog",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("at", models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="when")),
                        ("action", models.CharField(choices=[("view", "viewed"), ("export", "exported"), ("change", "changed"), ("anonymise", "anonymised")], max_length=16, verbose_name="action")),
                        ("object_id", models.CharField(blank=True, max_length=64)),
                        ("object_repr", models.CharField(blank=True, max_length=200, verbose_name="whose data")),
                        ("detail", models.CharField(blank=True, max_length=300, verbose_name="detail")),
                        ("actor", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="who")),
                        ("content_type", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="contenttypes.contenttype")),
                    ],
                    options={
                        "verbose_name": "personal data access",
                        "verbose_name_plural": "personal data access log",
                        "ordering": ["-at"],
                        "db_table": "volunteer_center_accesslog",
                        "indexes": [models.Index(fields=["content_type", "object_id"], name="volunteer_c_content_87b3de_idx")],
                    },
                ),
            ],
        ),
        migrations.AlterModelTable(name="accesslog", table=None),
        migrations.RenameIndex(
            model_name="accesslog",
            new_name="accesslog_subject_idx",
            old_name="volunteer_c_content_87b3de_idx",
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
