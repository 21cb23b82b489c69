"""The demo data's bulk writer (registry/demo/rows.py): the history rows the
database copies are those simple-history would have written, on both
databases; the rows COPY writes on PostgreSQL are those bulk_create writes."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import connection
from django.forms.models import model_to_dict
from django.utils import timezone
from psycopg.errors import StringDataRightTruncation

from matching.models import Assignment
from registry.demo import rows as demo_rows
from registry.demo.rows import bulk_create, copy_history, create_records
from registry.demo.writer import BackgroundWriter, writer
from registry.models import Availability, Volunteer
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


def _written(model, pk: int) -> dict:
    row = model.objects.values().get(pk=pk)
    assert row.pop("created_at") is not None
    for name in ("id", "updated_at"):
        row.pop(name, None)
    return row


@pytest.mark.django_db
def test_a_record_copied_is_the_row_bulk_create_writes(coordinator, town):
    """On PostgreSQL the demo's volunteers go in by COPY from plain values:
    the row holds what bulk_create of the same values writes, defaults and
    search text included, with its "created" history row."""
    record = {
        "first_name": "Łucja",
        "last_name": "Wójcik",
        "birth_date": dt.date(2009, 3, 4),
        "email": "lucja.wojcik7@example.pl",
        "phone": "+48501234567",
        "district_id": town.pk,
        "status": "active",
        "guardian_name": "Anna Wójcik",
        "guardian_consent": True,
        "guardian_consent_method": "paper",
        "guardian_consent_on": dt.date(2026, 1, 5),
        "guardian_consent_recorded_by_id": coordinator.pk,
        "consent_given_at": dt.datetime(2026, 1, 5, 9, 30, tzinfo=dt.UTC),
        "max_hours_per_week": 6,
    }
    [copied] = create_records(Volunteer, [dict(record)], actor=coordinator)
    [written] = Volunteer.objects.bulk_create([Volunteer(**record)])
    Volunteer.objects.filter(pk=written.pk).update(
        search_text=written.build_search_text()
    )

    assert _written(Volunteer, copied) == _written(Volunteer, written.pk)
    assert "lucja wojcik" in Volunteer.objects.get(pk=copied).search_text
    assert Volunteer.history.filter(id=copied, history_type="+").count() == 1
    with pytest.raises(TypeError, match="no field"):
        create_records(Volunteer, [{**record, "district": town}])


@pytest.mark.django_db
def test_an_instance_copied_is_the_row_bulk_create_writes(
    coordinator, active_volunteer, make_request
):
    """Instances (the demo's requests, assignments, hours) go in by COPY too:
    JSON, decimals and stamps as bulk_create writes them, ids set."""
    request = make_request(needed=2)
    first, second = active_volunteer(), active_volunteer(first_name="Jan")
    values = {
        "request": request,
        "status": "proposed",
        "date_from": request.date_from,
        "date_to": request.date_to,
        "weekly_hours": Decimal("2.50"),
        "score": 0.75,
        "reasons": [{"code": "near", "args": {"km": 1.5}}],
        "proposed_by": coordinator,
    }
    [copied] = bulk_create(Assignment, [Assignment(volunteer=first, **values)])
    [written] = Assignment.objects.bulk_create([Assignment(volunteer=second, **values)])

    assert copied.pk and not copied._state.adding
    rows = [_written(Assignment, a.pk) for a in (copied, written)]
    assert [row.pop("volunteer_id") for row in rows] == [first.pk, second.pk]
    assert rows[0] == rows[1]
    assert rows[0]["reasons"] == [{"code": "near", "args": {"km": 1.5}}]


def _volunteer(district, n: int) -> dict:
    return {
        "first_name": "Jan",
        "last_name": f"Kowalski{n}",
        "birth_date": dt.date(1980, 1, n),
        "district_id": district.pk,
    }


@pytest.mark.django_db
def test_the_background_writer_writes_each_batch_and_raises_its_failure(
    coordinator, town
):
    """On PostgreSQL the volunteers' batches are written by a second thread on
    the same transaction while the next is generated; what it wrote is there
    when the block ends, and a write that failed in the writer's thread is
    raised in the block's."""
    with writer(actor=coordinator) as write:
        assert isinstance(write, BackgroundWriter)
        write.reserve(Volunteer, 2)
        pks = write.records(Volunteer, [_volunteer(town, 1), _volunteer(town, 2)])
        write.rows(
            Availability, ("volunteer_id", "weekday", "part"), [(pks[0], 1, "morning")]
        )
        more = write.records(Volunteer, [_volunteer(town, 3)])

    names = Volunteer.objects.filter(pk__in=[*pks, *more]).order_by("pk")
    assert list(names.values_list("last_name", flat=True)) == [
        "Kowalski1",
        "Kowalski2",
        "Kowalski3",
    ]
    expected = Volunteer(**_volunteer(town, 1)).build_search_text()
    assert names.first().search_text == expected
    assert Volunteer.history.filter(id__in=[*pks, *more]).count() == 3
    assert Availability.objects.get().volunteer_id == pks[0]

    too_long = "x" * (Availability._meta.get_field("part").max_length + 1)
    with pytest.raises(StringDataRightTruncation), writer(actor=coordinator) as write:
        write.rows(
            Availability, ("volunteer_id", "weekday", "part"), [(pks[0], 2, too_long)]
        )


@pytest.mark.django_db
@pytest.mark.parametrize("vendor", ["postgresql", "sqlite"])
def test_a_given_creation_stamp_is_kept_and_dates_the_history_row(
    vendor, monkeypatch, coordinator, town, active_volunteer, make_request
):
    """The demo dates its records in the past: a ``created_at`` given in a
    record or on an instance is written as given, by COPY (PostgreSQL) and by
    bulk_create (the quick start's SQLite, whose stamps the writer puts back),
    and the "created" history row carries it; a record without one is
    stamped now."""
    if vendor != "postgresql":
        # The bulk_create branch, on this database.
        monkeypatch.setattr(
            demo_rows,
            "connection",
            SimpleNamespace(
                vendor=vendor, ops=connection.ops, cursor=connection.cursor
            ),
        )
    signed_up = dt.datetime(2025, 3, 4, 15, 20, tzinfo=dt.UTC)
    later = dt.datetime(2025, 6, 1, 9, 0, tzinfo=dt.UTC)
    stamped = {"created_at": signed_up, "updated_at": later}
    given, plain = create_records(
        Volunteer,
        [{**_volunteer(town, 1), **stamped}, _volunteer(town, 2)],
        actor=coordinator,
    )
    request = make_request()
    [proposed] = bulk_create(
        Assignment,
        [
            Assignment(
                request=request,
                volunteer=active_volunteer(),
                status="proposed",
                date_from=request.date_from,
                date_to=request.date_to,
                weekly_hours=Decimal("2"),
                created_at=later,
            )
        ],
        actor=coordinator,
    )

    before = timezone.now() - dt.timedelta(minutes=5)
    volunteers = Volunteer.objects.in_bulk([given, plain])
    assert (volunteers[given].created_at, volunteers[given].updated_at) == (
        signed_up,
        later,
    )
    assert volunteers[plain].created_at > before
    assert volunteers[plain].updated_at >= volunteers[plain].created_at
    written = Assignment.objects.get(pk=proposed.pk)
    assert proposed.created_at == written.created_at == later
    assert written.updated_at > before  # none given: stamped now
    history = Volunteer.history.filter(history_type="+")
    assert history.get(id=given).history_date == signed_up
    assert history.get(id=plain).history_date == volunteers[plain].created_at
    assert written.history.get().history_date == later
