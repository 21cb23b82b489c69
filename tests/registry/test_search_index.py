"""The register's folded search is served by a trigram index on PostgreSQL
and finds the same records on the quick start's SQLite."""

import datetime as dt

import pytest
from django.db import connection

from registry.models import Volunteer
from tests.conftest import BOTH_DATABASES


def plan(queryset) -> str:
    with connection.cursor() as cursor:
        # Statistics of this test's rows, not the row count an earlier test's
        # ANALYZE (the demo data's) left in pg_class after its rollback.
        cursor.execute(f"ANALYZE {queryset.model._meta.db_table}")
        # Few rows in a test: without this the planner rightly prefers to
        # read the table, and the plan would show nothing about the index.
        cursor.execute("SET LOCAL enable_seqscan = off")
        return queryset.explain()


def test_the_volunteer_search_reads_the_trigram_index(db):
    # Neither ordered nor limited to the list's rows: on an empty table the
    # planner would rather walk the list's order index; at 100,000 rows it
    # does not (benchmarks/RESULTS.md shows the list's plan).
    found = Volunteer.objects.search("Wójc").order_by()
    assert "volunteer_search_trgm_idx" in plan(found)


def test_beneficiary_and_institution_searches_read_their_indexes(db):
    from registry.models import Beneficiary, Institution

    assert "beneficiary_search_trgm_idx" in plan(
        Beneficiary.objects.search("Wójc").order_by()
    )
    assert "institution_search_trgm_idx" in plan(
        Institution.objects.search("szkoł").order_by()
    )


@pytest.mark.django_db(databases=BOTH_DATABASES)
def test_search_ignores_case_and_polish_letters_on_both_databases(database):
    people = Volunteer.objects.db_manager(database)
    for first, last in [("Zofia", "Żółć"), ("Jan", "Wójcik"), ("Anna", "Nowak")]:
        people.create(first_name=first, last_name=last, birth_date=dt.date(1990, 1, 1))
    volunteers = Volunteer.objects.using(database)
    assert [v.last_name for v in volunteers.search("zolc")] == ["Żółć"]
    assert [v.last_name for v in volunteers.search("WÓJC jan")] == ["Wójcik"]
    assert [v.last_name for v in volunteers.search("an")] == ["Nowak", "Wójcik"]
