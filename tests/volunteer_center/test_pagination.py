"""Deep pages of the staff lists pick their rows by id from the order index
(core.pagination.IndexPaginator): the same rows as a plain slice, on both
databases, one query per page, and page links that still work."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.models import Volunteer
from tests.conftest import BOTH_DATABASES
from volunteer_center.core.pagination import IndexPaginator

NAMES = ["Łukasik", "Dudek", "Żak", "Lis", "Dąbrowska", "Nowak", "Zając"]


def fill(database: str, count: int) -> None:
    Volunteer.objects.db_manager(database).bulk_create(
        Volunteer(
            first_name=f"Anna{i:02d}",
            last_name=NAMES[i % len(NAMES)],
            birth_date=dt.date(1990, 1, 1),
        )
        for i in range(count)
    )


@pytest.mark.django_db(databases=BOTH_DATABASES)
def test_every_page_holds_the_rows_of_a_plain_slice(database):
    fill(database, 20)
    volunteers = Volunteer.objects.using(database).select_related("district")
    everyone = list(volunteers)
    paginator = IndexPaginator(volunteers, 3, orphans=1)
    pages = [list(paginator.page(n)) for n in paginator.page_range]
    assert pages[1] == everyone[3:6]
    assert pages[-1] == everyone[len(pages) * 3 - 3 :]
    assert [v for page in pages for v in page] == everyone


def test_a_deep_page_is_one_query_choosing_ids_from_the_order(db):
    fill("default", 10)
    page = IndexPaginator(Volunteer.objects.not_anonymised(), 4).page(2)
    with CaptureQueriesContext(connection) as captured:
        shown = list(page)
    assert len(captured) == 1
    assert '"id" IN (SELECT' in captured[0]["sql"]
    assert [v.pk for v in shown] == [v.pk for v in Volunteer.objects.all()[4:8]]


def test_the_volunteer_list_links_to_its_next_page(coordinator_client):
    fill("default", 30)
    first = coordinator_client.get("/wolontariusze/")
    assert 'href="?page=2"' in first.content.decode()
    second = coordinator_client.get("/wolontariusze/?page=2")
    shown = [v.pk for v in second.context["object_list"]]
    assert shown == [v.pk for v in Volunteer.objects.all()[25:30]]
    assert second.context["page_obj"].number == 2
