"""Programmes and their partners."""

from collections.abc import Iterable, Mapping

from django.db import transaction

from matching.models import Programme
from volunteer_center.core.services import save_validated


@transaction.atomic
def programme_save(
    *,
    actor,
    fields: Mapping,
    programme: Programme | None = None,
    partners: Iterable[tuple] | None = (),
    volunteers: Iterable | None = None,
) -> Programme:
    programme = programme or Programme()
    for name, value in fields.items():
        setattr(programme, name, value)
    save_validated(programme, actor=actor)
    if partners is not None:
        programme.programmepartner_set.all().delete()
        for institution, role in partners:
            programme.programmepartner_set.create(institution=institution, role=role)
    if volunteers is not None:
        programme.volunteers.set(volunteers)
    return programme
