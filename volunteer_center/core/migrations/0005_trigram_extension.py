from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    """pg_trgm for the search indexes (core.indexes.TrigramIndex); a trusted
    extension, so the database's owner may create it. Nothing on SQLite."""

    dependencies = [("core", "0004_self_service_actor_in_access_log")]

    operations = [TrigramExtension()]
