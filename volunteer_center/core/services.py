"""What every app's services share: setting fields and saving a validated
record with its author in the history."""

from collections.abc import Mapping

from django.db import models

from volunteer_center.core.actors import SelfServiceActor


def assign_fields(instance: models.Model, fields: Mapping) -> None:
    """Sets plain fields; many-to-many fields are the caller's to set after
    saving, so passing one here is a programming error."""
    m2m = {f.name for f in instance._meta.many_to_many}
    for name, value in fields.items():
        if name in m2m:
            raise TypeError(f"{name} is a many-to-many field; pass it separately")
        setattr(instance, name, value)


def save_validated(instance: models.Model, *, actor) -> None:
    """``full_clean()`` then save, with ``actor`` as the history's author: a
    staff user, or a person in the self-service area (core.actors)."""
    if isinstance(actor, SelfServiceActor):
        instance._history_user = None
        instance._change_reason = actor.change_reason(
            getattr(instance, "_change_reason", None)
        )
    else:
        instance._history_user = actor
    instance.full_clean()
    instance.save()
