"""What every app's services share: setting fields, saving a validated
record with its author in the history, numbering a text's versions."""

from collections.abc import Mapping

from django.db import models

from volunteer_center.core.actors import SelfServiceActor, split_reason


def assign_fields(instance: models.Model, fields: Mapping) -> None:
    """Sets plain fields; many-to-many fields are the caller's to set after
    saving, so passing one here is a programming error."""
    m2m = {f.name for f in instance._meta.many_to_many}
    for name, value in fields.items():
        if name in m2m:
            raise TypeError(f"{name} is a many-to-many field; pass it separately")
        setattr(instance, name, value)


def save_validated(instance: models.Model, *, actor) -> bool:
    """``full_clean()`` then save, with ``actor`` as the history's author: a
    staff user, or a person in the self-service area (core.actors).

    A record with a change history that would be saved exactly as it is
    stored, with no change of its lists in words (the change reason), is not
    saved again: an entry saying "modified" and naming no change is no audit
    (docs/ARCHITECTURE.md, Personal data). Returns whether it was saved."""
    if isinstance(actor, SelfServiceActor):
        instance._history_user = None
        instance._change_reason = actor.change_reason(
            getattr(instance, "_change_reason", None)
        )
    else:
        instance._history_user = actor
    instance.full_clean()
    if _has_history(instance) and not _reason_note(instance) and _as_stored(instance):
        return False
    instance.save()
    return True


def _has_history(instance: models.Model) -> bool:
    return hasattr(instance._meta, "simple_history_manager_attribute")


def _reason_note(instance: models.Model) -> str:
    """The change reason's words beyond the actor's reference."""
    return split_reason(getattr(instance, "_change_reason", None))[1]


def _as_stored(instance: models.Model) -> bool:
    """Whether ``instance`` is a stored record whose every column (but those
    stamped on saving, ``updated_at``) holds the value stored: one query."""
    if instance._state.adding or instance.pk is None:
        return False
    deferred = instance.get_deferred_fields()
    fields = [
        f
        for f in instance._meta.concrete_fields
        if f.attname not in deferred
        and not getattr(f, "auto_now", False)
        and not getattr(f, "auto_now_add", False)
    ]
    stored = (
        type(instance)
        ._base_manager.using(instance._state.db)
        .filter(pk=instance.pk)
        .values_list(*(f.attname for f in fields))
        .first()
    )
    return stored is not None and all(
        getattr(instance, f.attname) == value
        for f, value in zip(fields, stored, strict=True)
    )


def next_version(versions: models.QuerySet) -> int:
    """The number of a new version of a text kept in versions (agreement
    texts, the child protection standards): one past the newest. The versions
    stay locked until the transaction ends; two people publishing at once are
    told apart by the model's unique version number."""
    numbers = versions.select_for_update().values_list("version", flat=True)
    return max(numbers, default=0) + 1
