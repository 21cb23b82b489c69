"""A staff list reads the columns its rows show (FilteredListMixin.list_fields):
neither a volunteer's PESEL nor notes leave the database for the list page,
and the page still shows every column it did."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db


def row_queries(client, url, table) -> tuple[list[str], str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].startswith("SELECT")
        and f'FROM "{table}"' in q["sql"]
        and "LIMIT" in q["sql"]
    ], response.content.decode()


def test_the_volunteer_list_reads_what_it_shows(coordinator_client, make_volunteer):
    make_volunteer(first_name="Zofia", email="zofia@example.pl")
    queries, html = row_queries(
        coordinator_client, reverse("registry:volunteer-list"), "registry_volunteer"
    )
    (page,) = queries
    assert '"registry_volunteer"."pesel"' not in page
    assert '"registry_volunteer"."notes"' not in page
    assert "Zofia" in html
    assert "zofia@example.pl" in html


def test_the_request_list_reads_what_it_shows(coordinator_client, make_request):
    make_request(title="Zakupy dla pani Marii")
    queries, html = row_queries(
        coordinator_client, reverse("matching:request-list"), "matching_helprequest"
    )
    (page,) = queries
    assert '"matching_helprequest"."description"' not in page
    assert "Zakupy dla pani Marii" in html
