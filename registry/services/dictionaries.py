"""The dictionaries the administrator keeps (skills, categories, districts,
consultation topics)."""

from collections.abc import Mapping

from django.db import transaction

from volunteer_center.core.services import assign_fields, save_validated


@transaction.atomic
def dictionary_entry_save(*, actor, entry, fields: Mapping):
    """A skill, category, district or consultation topic, as the administrator
    keeps them."""
    assign_fields(entry, fields)
    save_validated(entry, actor=actor)
    return entry


@transaction.atomic
def dictionary_entries_mark(*, actor, entries, in_use: bool) -> int:
    """Entries in or out of use; those out of use are no longer offered."""
    count = 0
    for entry in entries.select_for_update():
        entry.is_active = in_use
        save_validated(entry, actor=actor)
        count += 1
    return count
