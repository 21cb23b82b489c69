"""Private storage of scans and generated documents: core's, under the name
the migrations of agreements know."""

from volunteer_center.core.storage import PrivateStorage, private_storage


def _private_storage():
    return private_storage


__all__ = ["PrivateStorage", "_private_storage", "private_storage"]
