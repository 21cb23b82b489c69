"""A record's change history (django-simple-history) in words: who, when,
each field's old and new value; and the words a service writes as the change
reason when a record's related lists change (``list_change``)."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext

from volunteer_center.core.actors import label_of, split_reason
from volunteer_center.core.collation import sort_key


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    when: object
    who: object
    kind: str
    changes: tuple[FieldChange, ...]
    # Changes of related lists (skills, availability…), already in words.
    note: str = ""


def list_change(label, old: Iterable[str], new: Iterable[str]) -> str:
    """ "skills: A, B → A, C (added: C; removed: B)": a related list of a
    record (its skills, time slots, contact persons…) before and after a save,
    in the order given; "" when it stays the same. What was added and removed
    is said apart when the list keeps some of its entries, so a change in a
    long list is read without comparing the two."""
    old, new = list(old), list(new)
    if old == new:
        return ""
    text = f"{label}: {_names(old)} → {_names(new)}"
    kept = [name for name in new if name in old]
    if not kept:
        return text
    added = [name for name in new if name not in old]
    removed = [name for name in old if name not in new]
    parts = []
    if added:
        parts.append(gettext("added: %(names)s") % {"names": _names(added)})
    if removed:
        parts.append(gettext("removed: %(names)s") % {"names": _names(removed)})
    return f"{text} ({'; '.join(parts)})"


def many_to_many_change(instance, name: str, new: Iterable | None) -> str:
    """``list_change`` of the many-to-many field ``name`` of a stored
    ``instance`` about to be set to ``new`` (records or ids; None: left as it
    is), the names in the Polish order."""
    if new is None:
        return ""
    field = instance._meta.get_field(name)
    ids = [getattr(item, "pk", item) for item in new]
    old = sorted((str(o) for o in getattr(instance, name).all()), key=sort_key)
    wanted = sorted(
        (str(o) for o in field.related_model._default_manager.filter(pk__in=ids)),
        key=sort_key,
    )
    return list_change(field.verbose_name, old, wanted)


def changes_note(*parts: str) -> str | None:
    """The change reason of a save: the list changes that are not empty,
    or None when there are none."""
    return "; ".join(part for part in parts if part) or None


def _names(values: list[str]) -> str:
    return ", ".join(values) or "—"


def change_history(obj, *, limit: int = 50) -> list[HistoryEntry]:
    """Who changed the record, when, and each field's old and new value.

    Related records (a district, a social worker…) are looked up once per
    model for the whole history, so the page's queries don't grow with it.
    """
    records = list(
        obj.history.select_related("history_user").order_by("-history_id")[: limit + 1]
    )
    deltas = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = record.diff_against(previous).changes if previous else []
        deltas.append((record, changes))
    related = _related_objects(obj, [c for _, changes in deltas for c in changes])
    return [_entry(obj, record, changes, related) for record, changes in deltas]


def _entry(obj, record, changes, related) -> HistoryEntry:
    # A self-service actor (core.actors) has no user: its reference heads the
    # change reason instead.
    ref, note = split_reason(record.history_change_reason)
    return HistoryEntry(
        when=record.history_date,
        who=record.history_user or (label_of(ref) if ref else None),
        kind=record.get_history_type_display(),
        changes=tuple(
            FieldChange(
                field=str(obj._meta.get_field(change.field).verbose_name),
                old=_display(obj, change.field, change.old, related),
                new=_display(obj, change.field, change.new, related),
            )
            for change in changes
        ),
        note=note,
    )


def _related_objects(obj, changes) -> dict:
    wanted: dict = {}
    for change in changes:
        field = obj._meta.get_field(change.field)
        if field.is_relation:
            ids = wanted.setdefault(field.related_model, set())
            ids.update(v for v in (change.old, change.new) if v is not None)
    return {model: model._default_manager.in_bulk(ids) for model, ids in wanted.items()}


def _display(obj, field_name: str, value, related: dict) -> str:
    field = obj._meta.get_field(field_name)
    if value in (None, ""):
        return "—"
    if field.is_relation:
        return str(related.get(field.related_model, {}).get(value, value))
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    return str(value)
