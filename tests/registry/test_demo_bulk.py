"""The demo's foreign keys checked once each when the load ends
(registry.demo.bulk.py): gone while the rows go in, back afterwards as they
were, and a row that breaks one still fails the load."""

import datetime as dt

import pytest
from django.db import IntegrityError, connection, connections, transaction
from django.db.transaction import TransactionManagementError

from registry.demo.bulk import foreign_keys_checked_at_end, indexes_built_at_end
from registry.models import Availability, Volunteer

pytestmark = pytest.mark.django_db


def _keys() -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
            "FROM pg_constraint WHERE contype = 'f' ORDER BY 1, 2"
        )
        return cursor.fetchall()


def _availability_keys() -> list[tuple]:
    return [key for key in _keys() if key[0] == Availability._meta.db_table]


def _volunteer(town) -> Volunteer:
    return Volunteer.objects.create(
        first_name="Jan",
        last_name="Kowalski",
        birth_date=dt.date(1980, 1, 1),
        district=town,
    )


def test_the_keys_are_gone_during_the_block_and_back_as_they_were(town):
    before = _keys()
    assert _availability_keys()
    # A row written before the block waits for its check: the block fires it.
    volunteer = _volunteer(town)
    with foreign_keys_checked_at_end():
        assert not _availability_keys()
        Availability.objects.create(volunteer=volunteer, weekday=0, part="morning")
    assert _keys() == before
    assert Availability.objects.get().volunteer == volunteer


def test_a_row_that_breaks_a_key_fails_at_the_end_of_the_block(town):
    volunteer = _volunteer(town)
    broken = pytest.raises(IntegrityError, match="registry_availability")
    with broken, transaction.atomic(), foreign_keys_checked_at_end():
        Availability.objects.create(volunteer=volunteer, weekday=0, part="morning")
        Availability.objects.create(volunteer_id=-1, weekday=1, part="morning")
    # The rollback gave the keys back.
    assert _availability_keys()
    assert not Availability.objects.exists()


def _indexes(model) -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s",
            [model._meta.db_table],
        )
        return dict(cursor.fetchall())


def test_the_plain_indexes_are_built_again_as_they_were_when_the_block_ends(town):
    before, others = _indexes(Availability), _indexes(Volunteer)
    assert "registry_av_weekday_06c791_idx" in before
    with indexes_built_at_end(Availability):
        during = _indexes(Availability)
        assert _indexes(Volunteer) == others  # a table not named keeps its own
        volunteer = _volunteer(town)
        Availability.objects.create(volunteer=volunteer, weekday=0, part="evening")
    # The primary key and the unique slot stay: they are constraints.
    assert sorted(during) == [
        "availability_unique_slot",
        "registry_availability_pkey",
    ]
    assert _indexes(Availability) == before
    assert Availability.objects.filter(weekday=0).count() == 1


@pytest.mark.parametrize("block", [foreign_keys_checked_at_end, indexes_built_at_end])
def test_the_blocks_refuse_to_run_outside_a_transaction(monkeypatch, block):
    # The wrapper itself: the proxy ``connection`` would lose the attribute.
    monkeypatch.setattr(connections["default"], "in_atomic_block", False)
    with pytest.raises(TransactionManagementError), block():
        pytest.fail("the keys or indexes were dropped outside a transaction")
    monkeypatch.undo()
    assert _availability_keys()
    assert "registry_av_weekday_06c791_idx" in _indexes(Availability)
