"""Private storage of scans and generated documents: core's, under the name
the migrations of agreements know."""

from django.db import models

from volunteer_center.core.storage import PrivateStorage, private_storage


def _private_storage():
    return private_storage


def private_file_field(verbose_name, **options) -> models.FileField:
    """A file the agreements keep (a document for signing, a signed scan, an
    issued PDF, a ZIP of them): in private storage, served only by a view that
    checks who asks, and stored by the services, never through a model form."""
    return models.FileField(
        verbose_name, storage=_private_storage, blank=True, editable=False, **options
    )


__all__ = [
    "PrivateStorage",
    "_private_storage",
    "private_file_field",
    "private_storage",
]
