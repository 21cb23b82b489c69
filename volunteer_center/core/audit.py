"""The personal-data access log: one function every view and export calls."""

from collections.abc import Iterable, Mapping

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext

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
    """One row per record a page shows, written in one query."""
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


def compact_ids(ids: Iterable[int]) -> str:
    """Ids as sorted ranges: ``1-4000,4002,4005-4010``."""
    runs: list[list[int]] = []
    for pk in sorted(set(ids)):
        if runs and pk == runs[-1][1] + 1:
            runs[-1][1] = pk
        else:
            runs.append([pk, pk])
    return ",".join(f"{a}-{b}" if b > a else str(a) for a, b in runs)


def access_log_export_started(*, actor, detail: str) -> AccessLog:
    """The entry of an export about to go out, written before its first byte:
    a download cut short, or a worker stopped mid-file, still leaves who
    asked for what (``detail``: the file and the filter). ``access_log_export``
    adds the ids once the last row has gone."""
    return AccessLog.objects.create(
        **_actor_fields(actor),
        action=AccessLog.Action.EXPORT,
        object_repr=gettext("export started, not finished"),
        detail=detail[:300],
        subjects={},
    )


def access_log_export(
    *,
    actor,
    subjects: Mapping[type[models.Model], Iterable[int]],
    detail: str,
    entry: AccessLog | None = None,
) -> AccessLog | None:
    """One entry for a whole export (of any length): who, what (``detail``:
    the file and the filter used), and the ids of every person in it per
    model, as compact ranges; it completes ``entry`` when the export's start
    was logged. Nothing when it held nobody's personal data."""
    found = {model: ids for model, ids in subjects.items() if ids}
    if not found:
        if entry is not None:
            entry.delete()
        return None
    fields = {
        "object_repr": ", ".join(
            f"{model._meta.verbose_name_plural}: {len(ids)}"
            for model, ids in found.items()
        )[:200],
        "subjects": {
            model._meta.label_lower: compact_ids(ids) for model, ids in found.items()
        },
    }
    if entry is None:
        return AccessLog.objects.create(
            **_actor_fields(actor),
            action=AccessLog.Action.EXPORT,
            detail=detail[:300],
            **fields,
        )
    AccessLog.objects.filter(pk=entry.pk).update(**fields)
    return entry


def access_log_relabel(obj: models.Model) -> None:
    """After an anonymisation the log keeps who opened the record, under the
    record's new, anonymous name."""
    AccessLog.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).update(object_repr=str(obj)[:200])
