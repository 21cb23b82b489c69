"""Index types the models share."""

from django.contrib.postgres.indexes import GinIndex
from django.db.models import Index


class TrigramIndex(GinIndex):
    """A GIN index of the column's trigrams (pg_trgm, installed by core's
    migration 0005): it serves ``LIKE '%…%'``, the register's folded search.
    SQLite has neither GIN nor trigrams; there it is a plain index, so the
    quick start migrates, and its search reads the table as before."""

    def __init__(self, *, fields, name):
        super().__init__(
            fields=fields, name=name, opclasses=["gin_trgm_ops"] * len(fields)
        )

    def deconstruct(self):
        path, args, kwargs = super().deconstruct()
        kwargs.pop("opclasses")
        return path, args, kwargs

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor == "postgresql":
            return super().create_sql(model, schema_editor, using=using, **kwargs)
        plain = Index(fields=self.fields, name=self.name)
        return plain.create_sql(model, schema_editor, **kwargs)
