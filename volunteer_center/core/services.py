"""What every app's services share: setting fields, saving a validated
record with its author in the history, numbering a text's versions."""

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


def next_version(versions: models.QuerySet) -> int:
    """The number of a new version of a text kept in versions (agreement
    texts, the child protection standards): one past the newest. The versions
    stay locked until the transaction ends; two people publishing at once are
    told apart by the model's unique version number."""
    numbers = versions.select_for_update().values_list("version", flat=True)
    return max(numbers, default=0) + 1
