"""The personal-data access log: one function every view and export calls."""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models

from volunteer_center.core.actors import SelfServiceActor, user_or_none
from volunteer_center.core.models import AccessLog


def _actor_fields(actor) -> dict:
    ref = actor.ref if isinstance(actor, SelfServiceActor) else ""
    return {"actor": user_or_none(actor), "actor_ref": ref}


def access_log(
    *, actor, action: str, obj: models.Model | None = None, detail: str = ""
) -> AccessLog:
    entry = AccessLog(
        **_actor_fields(actor),
        action=action,
        detail=detail[:300],
    )
    if obj is not None:
        entry.content_type = ContentType.objects.get_for_model(obj)
        entry.object_id = str(obj.pk)
        entry.object_repr = str(obj)[:200]
    entry.save()
    return entry


def access_log_many(
    *, actor, action: str, objects: Iterable[models.Model], detail: str = ""
) -> int:
    """One row per person in a bulk export, written in one query."""
    rows = []
    for obj in objects:
        rows.append(
            AccessLog(
                **_actor_fields(actor),
                action=action,
                content_type=ContentType.objects.get_for_model(obj),
                object_id=str(obj.pk),
                object_repr=str(obj)[:200],
                detail=detail[:300],
            )
        )
    AccessLog.objects.bulk_create(rows, batch_size=1000)
    return len(rows)
