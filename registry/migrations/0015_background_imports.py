import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0014_constraint_messages_in_words"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ImportJob",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(auto_now_add=True, verbose_name="created at"),
                ),
                (
                    "updated_at",
                    models.DateTimeField(auto_now=True, verbose_name="updated at"),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "waiting"),
                            ("running", "in progress"),
                            ("done", "done"),
                            ("failed", "failed"),
                        ],
                        default="pending",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "error",
                    models.CharField(blank=True, max_length=300, verbose_name="error"),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("volunteer", "volunteers"),
                            ("institution", "institutions"),
                        ],
                        max_length=12,
                        verbose_name="what",
                    ),
                ),
                ("file_name", models.CharField(max_length=200, verbose_name="file")),
                (
                    "file_format",
                    models.PositiveSmallIntegerField(verbose_name="format"),
                ),
                ("data", models.BinaryField(blank=True, verbose_name="file contents")),
                ("total", models.PositiveIntegerField(default=0, verbose_name="rows")),
                (
                    "done",
                    models.PositiveIntegerField(default=0, verbose_name="rows read"),
                ),
                (
                    "result",
                    models.JSONField(blank=True, default=dict, verbose_name="result"),
                ),
            ],
            options={
                "verbose_name": "import",
                "verbose_name_plural": "imports",
                "ordering": ["-created_at"],
                "abstract": False,
            },
        ),
        migrations.AddField(
            model_name="importjob",
            name="requested_by",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="requested by",
            ),
        ),
        migrations.AddConstraint(
            model_name="importjob",
            constraint=models.CheckConstraint(
                condition=models.Q(("done__lte", models.F("total"))),
                name="importjob_done_le_total",
                violation_error_message="More rows are read than the file has.",
            ),
        ),
    ]
