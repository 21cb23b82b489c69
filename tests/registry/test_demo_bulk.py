"""The demo's foreign keys checked once each when the load ends
(registry.demo.bulk.py): gone while the rows go in, back afterwards as they
were, and a row that breaks one still fails the load."""

import datetime as dt
from contextlib import contextmanager

import pytest
from django.db import (
    IntegrityError,
    connection,
    connections,
    transaction,
)
from django.db.transaction import TransactionManagementError
from psycopg.errors import UndefinedTable

from registry.demo import bulk
from registry.demo.bulk import (
    foreign_keys_checked_at_end,
    indexes_built_alongside,
    indexes_left_to_build,
    leave_indexes,
)
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


def test_indexes_left_are_built_alongside_a_block_as_they_were(town):
    """Dropped by a part, built again by a second thread while a later part
    works without the database, as they were; the rows written meanwhile are
    in them."""
    before, others = _indexes(Availability), _indexes(Volunteer)
    assert "registry_av_weekday_06c791_idx" in before
    with indexes_left_to_build():
        leave_indexes(Availability)
        during = _indexes(Availability)
        assert _indexes(Volunteer) == others  # a table not named keeps its own
        volunteer = _volunteer(town)
        Availability.objects.create(volunteer=volunteer, weekday=0, part="evening")
        with indexes_built_alongside():
            folded = sum(range(100_000))  # the work that needs no database
        assert _indexes(Availability) == before
        with indexes_built_alongside():  # nothing left: nothing to do
            pass
    # The primary key and the unique slot stay: they are constraints.
    assert sorted(during) == [
        "availability_unique_slot",
        "registry_availability_pkey",
    ]
    assert folded == 4_999_950_000
    assert _indexes(Availability) == before
    assert Availability.objects.filter(weekday=0).count() == 1


def test_indexes_still_left_are_built_when_the_load_ends(town):
    before = _indexes(Availability)
    with indexes_left_to_build():
        leave_indexes(Availability)
        assert "registry_av_weekday_06c791_idx" not in _indexes(Availability)
    assert _indexes(Availability) == before


def test_a_failed_build_is_raised_in_the_blocks_thread():
    with indexes_left_to_build():
        leave_indexes(Availability)
        # A definition the database refuses, as a broken build would be.
        [(_tables, definitions)] = bulk._load.left
        definitions.append("CREATE INDEX broken ON no_such_table (id)")
        broken = pytest.raises(UndefinedTable, match="no_such_table")
        with broken, transaction.atomic(), indexes_built_alongside():
            pass


def test_indexes_are_left_only_inside_a_load():
    with pytest.raises(TransactionManagementError):
        leave_indexes(Availability)
    assert "registry_av_weekday_06c791_idx" in _indexes(Availability)


def _load_with_indexes_left():
    with indexes_left_to_build():
        leave_indexes(Availability)
        yield


@pytest.mark.parametrize(
    "block", [foreign_keys_checked_at_end, contextmanager(_load_with_indexes_left)]
)
def test_the_blocks_refuse_to_run_outside_a_transaction(monkeypatch, block):
    # The wrapper itself: the proxy ``connection`` would lose the attribute.
    monkeypatch.setattr(connections["default"], "in_atomic_block", False)
    with pytest.raises(TransactionManagementError), block():
        pytest.fail("the keys or indexes were dropped outside a transaction")
    monkeypatch.undo()
    assert _availability_keys()
    assert "registry_av_weekday_06c791_idx" in _indexes(Availability)
