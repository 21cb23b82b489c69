from django.contrib.postgres.operations import CreateCollation
from django.db import migrations


class Migration(migrations.Migration):
    """ICU's Polish collation under a name SQLite accepts too (it registers
    its own of that name: volunteer_center/core/collation.py). Nothing to do
    on SQLite."""

    dependencies = [("core", "0001_access_log_moves_to_core")]

    operations = [CreateCollation("polish", provider="icu", locale="pl")]
