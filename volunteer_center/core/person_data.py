"""Parts of a person's data export (RODO art. 15 and 20) that every app
builds the same way: labels from a model's fields, and who viewed or changed
the person's data (the access log and the change history)."""

from django.contrib.contenttypes.models import ContentType
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from volunteer_center.core.models import AccessLog
from volunteer_center.core.registries import DataSection


def field_labels(model, names=None) -> dict:
    """The verbose names of ``model``'s fields, as the readable export heads
    them."""
    fields = model._meta.concrete_fields
    return {
        f.name: str(f.verbose_name) for f in fields if names is None or f.name in names
    }


def when(moment) -> str:
    return date_format(localtime(moment), "SHORT_DATETIME_FORMAT")


def _who(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def access_section(person) -> DataSection:
    """Who opened, exported or changed the person's data, and when."""
    log = AccessLog.objects.filter(
        content_type=ContentType.objects.get_for_model(person),
        object_id=str(person.pk),
    ).select_related("actor")
    rows = [
        {
            "when": when(entry.at),
            "who": _who(entry.actor) or entry.actor_ref,
            "what": str(entry.get_action_display()),
            "detail": entry.detail,
        }
        for entry in log.order_by("at", "pk")
    ]
    rows += [
        {
            "when": when(record.history_date),
            "who": _who(record.history_user),
            "what": str(_("changed")),
            "detail": ", ".join(changed_fields(record)),
        }
        for record in person.history.select_related("history_user").order_by(
            "history_date", "history_id"
        )
    ]
    return DataSection(
        key="access",
        title=str(_("Who viewed or changed the data")),
        data=rows,
        labels={
            "when": str(_("when")),
            "who": str(_("who")),
            "what": str(_("what")),
            "detail": str(_("details")),
        },
    )


def changed_fields(record) -> list[str]:
    previous = record.prev_record
    if previous is None:
        return [str(_("created"))]
    delta = record.diff_against(previous)
    model = record.instance_type
    return [
        str(model._meta.get_field(change.field).verbose_name)
        for change in delta.changes
    ]
