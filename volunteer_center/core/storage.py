"""Private storage of scans and generated files: never under a public URL."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import LazyObject


class PrivateStorage(LazyObject):
    """Files outside MEDIA_URL, under settings.PRIVATE_MEDIA_ROOT. Resolved
    lazily so tests can override the root."""

    def _setup(self):
        self._wrapped = FileSystemStorage(
            location=settings.PRIVATE_MEDIA_ROOT, base_url=None
        )


private_storage = PrivateStorage()


def private_storage_callable():
    """For ``FileField(storage=…)``: migrations keep the callable, not the
    storage object."""
    return private_storage
