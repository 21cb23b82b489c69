"""The demo data's bulk writer (registry/demo/rows.py): the history rows the
database copies are those simple-history would have written, on both
databases."""

import datetime as dt

import pytest
from django.forms.models import model_to_dict

from registry.demo.rows import copy_history
from registry.models import Volunteer
from tests.conftest import BOTH_DATABASES


@pytest.mark.django_db(databases=BOTH_DATABASES)
def test_copied_history_is_one_created_row_per_record_with_its_values(database):
    actor = Volunteer.history.model._meta.get_field("history_user").related_model
    coordinator = actor.objects.db_manager(database).create(username="koordynator")
    people = Volunteer.objects.db_manager(database)
    created = people.bulk_create(
        Volunteer(
            first_name=first,
            last_name="Wójcik",
            birth_date=dt.date(1990, 1, day),
            pesel="",
            max_hours_per_week=day,
        )
        for day, first in enumerate(["Zofia", "Jan", "Łucja"], start=1)
    )
    left_out = people.create(
        first_name="Anna", last_name="Nowak", birth_date=dt.date(1991, 1, 1)
    )
    left_out.history.using(database).delete()

    copy_history(Volunteer, [v.pk for v in created], actor=coordinator, using=database)

    rows = Volunteer.history.using(database).order_by("id")
    assert [row.id for row in rows] == [v.pk for v in created]
    for row, volunteer in zip(rows, created, strict=True):
        assert (row.history_type, row.history_change_reason) == (
            "+",
            "dane demonstracyjne",
        )
        assert row.history_user_id == coordinator.pk
        assert model_to_dict(row.instance, KEPT) == model_to_dict(volunteer, KEPT)


# The record's own fields that its history keeps (not the search text, not
# the modification stamp).
KEPT = [
    f.name
    for f in Volunteer._meta.concrete_fields
    if f.name not in ("search_text", "updated_at")
]
