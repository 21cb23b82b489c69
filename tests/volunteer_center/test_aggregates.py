"""The dashboard's and the report's one-pass aggregates (issue 13): each gives
the figures counted by hand on PostgreSQL and on the quick start's SQLite;
the register's count is read off its small index."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from matching.models import Assignment, HelpRequest
from registry.models import Category, District, Institution, Volunteer
from tests.conftest import BOTH_DATABASES
from volunteer_center import dashboard, reports
from volunteer_center.core.dates import local_days

WARSAW = ZoneInfo("Europe/Warsaw")
OCTOBER, NOVEMBER, DECEMBER = (dt.date(2026, month, 1) for month in (10, 11, 12))


def make_request(database: str, starts: dt.date, needed: int, **fields):
    return HelpRequest.objects.db_manager(database).create(
        institution=Institution.objects.db_manager(database).create(
            name="Szkoła", kind=Institution.Kind.SCHOOL
        ),
        title="Korepetycje",
        category=Category.objects.db_manager(database).get_or_create(name="Nauka")[0],
        date_from=starts,
        date_to=starts,
        needed=needed,
        **fields,
    )


def assign(database: str, request, *statuses: str, born=dt.date(1990, 1, 1)):
    for place, status in enumerate(statuses, start=1):
        holding = status in Assignment.HOLDING_PLACE
        Assignment.objects.db_manager(database).create(
            request=request,
            volunteer=Volunteer.objects.db_manager(database).create(
                first_name="Anna", last_name=f"Nowak{place}", birth_date=born
            ),
            status=status,
            place=place if holding else None,
            date_from=request.date_from,
            date_to=request.date_to,
        )


@pytest.mark.django_db(databases=BOTH_DATABASES)
def test_the_fill_rate_counts_working_places_up_to_those_needed(database):
    # October: 3 places, one accepted and one completed, a proposal not yet.
    october = make_request(database, OCTOBER + dt.timedelta(days=4), 3)
    assign(database, october, "accepted", "completed", "proposed")
    # November: two places, filled three times over (a volunteer who left and
    # two who followed) counts two; a second request with no one: 2 of 4.
    november = make_request(database, NOVEMBER + dt.timedelta(days=9), 2)
    assign(database, november, "completed", "active", "accepted")
    make_request(database, NOVEMBER + dt.timedelta(days=20), 2)
    # Neither a cancelled request nor one starting after the period counts.
    cancelled = make_request(database, NOVEMBER, 1, status=HelpRequest.Status.CANCELLED)
    assign(database, cancelled, "completed")
    make_request(database, DECEMBER, 5)

    rates = dashboard.fill_rate([OCTOBER, NOVEMBER], using=database)

    assert [rate for _label, rate in rates] == [67, 50]


@pytest.mark.django_db(databases=BOTH_DATABASES)
def test_active_volunteers_are_grouped_by_age_on_the_last_day(database):
    request = make_request(database, NOVEMBER, 4)
    last_day = dt.date(2026, 11, 30)
    # 18 on the period's last day, 17 until the day after it, 61, and a
    # birth date after the period (no age).
    for born in (
        dt.date(2008, 11, 30),
        dt.date(2008, 12, 1),
        dt.date(1965, 11, 30),
        dt.date(2026, 12, 1),
    ):
        assign(database, request, "completed", born=born)
    assign(database, make_request(database, DECEMBER, 1), "completed")

    counts = reports.active_volunteer_counts(NOVEMBER, last_day, using=database)

    assert sorted(counts) == [
        ("18–25", None, 1),
        ("61 i więcej", None, 1),
        ("poniżej 18 lat", None, 1),
        ("—", None, 1),
    ]


@pytest.mark.django_db(databases=BOTH_DATABASES)
def test_new_volunteers_are_those_signed_up_on_the_local_days(database):
    start, end = local_days(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert (start, end) == (
        dt.datetime(2026, 1, 1, tzinfo=WARSAW),
        dt.datetime(2027, 1, 1, tzinfo=WARSAW),
    )
    moments = [
        dt.datetime(2025, 12, 31, 23, 59, tzinfo=WARSAW),
        dt.datetime(2026, 1, 1, 0, 0, tzinfo=WARSAW),  # 31.12.2025 23:00 UTC
        dt.datetime(2026, 12, 31, 23, 59, tzinfo=WARSAW),  # 22:59 UTC
        dt.datetime(2027, 1, 1, 0, 30, tzinfo=WARSAW),  # 31.12.2026 23:30 UTC
    ]
    people = Volunteer.objects.db_manager(database)
    for i, moment in enumerate(moments):
        volunteer = people.create(
            first_name="Anna", last_name=f"Nowak{i}", birth_date=dt.date(1990, 1, 1)
        )
        people.filter(pk=volunteer.pk).update(created_at=moment)
    signed_up = people.filter(created_at__gte=start, created_at__lt=end)
    by_local_date = people.filter(
        created_at__date__gte=dt.date(2026, 1, 1),
        created_at__date__lte=dt.date(2026, 12, 31),
    )
    assert signed_up.count() == by_local_date.count() == 2


def count_plan(queryset) -> str:
    with CaptureQueriesContext(connection) as captured:
        queryset.count()
    with connection.cursor() as cursor:
        # The register as a fresh database has it: earlier tests' rolled-back
        # rows leave the table and its indexes grown on disk and the demo
        # data's ANALYZE leaves its row count in pg_class, and the planner
        # would weigh the indexes by a table that is not there. TRUNCATE is
        # undone with the test's transaction like the rest.
        table = queryset.model._meta.db_table
        cursor.execute(f"TRUNCATE {table} CASCADE")
        cursor.execute(f"ANALYZE {table}")
        # Few rows in a test: without this the planner rightly reads the
        # table; the question is which index a count can be answered from.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + captured[0]["sql"])
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_register_count_is_read_off_the_index_alone(db):
    """The volunteer list's count, whole or by status and district (the
    paginator's COUNT(*)), never visits the table."""
    district = District.objects.order_by("pk").first()
    register = Volunteer.objects.not_anonymised()
    assert "Index Only Scan" in count_plan(register)
    narrowed = register.filter(status=Volunteer.Status.ACTIVE, district=district)
    assert "Index Only Scan using volunteer_count_idx" in count_plan(narrowed)


@pytest.mark.django_db(databases=BOTH_DATABASES)
def test_where_the_tables_stand_moves_with_every_change(database):
    """The key of the kept figures (volunteer_center/core/figures.py): an
    audited table by its newest history row, a dictionary by its count and
    latest change, one query on either database. (Outside the quick start,
    which has one database, history rows go to the default one: the audited
    part is checked there.)"""
    from volunteer_center.core.figures import Tables

    def where():
        dictionary = Tables([Category], using=database).state([Category])
        return dictionary + Tables([HelpRequest]).state([HelpRequest])

    before = where()
    request = make_request(database, NOVEMBER, 1)
    added = where()
    request.needed = 2
    request.save()
    changed = where()
    Category.objects.db_manager(database).create(name="Nowa kategoria")
    assert len({before, added, changed, where()}) == 4


def plan(queryset) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {queryset.model._meta.db_table}")  # as count_plan
        cursor.execute("SET LOCAL enable_seqscan = off")
        return queryset.explain()


def test_the_dashboards_to_do_reads_its_two_small_indexes(db, coordinator):
    """The requests with free places by urgency, off the partial index alone;
    the work without an agreement, off the index of work under way."""
    from django.db.models import Count

    from agreements.selectors import assignments_lacking_agreement

    free = HelpRequest.objects.with_free_places().order_by().values("urgency")
    by_urgency = free.annotate(n=Count("*"))
    assert "Index Only Scan using helprequest_free_places_idx" in plan(by_urgency)
    lacking = assignments_lacking_agreement()[:8]
    assert "assignment_active_by_start_idx" in plan(lacking)
