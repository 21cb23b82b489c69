"""The report's form shows the period its figures are for, and a line says it
in words: the default period when the page opens, a date left blank filled in
with its default; a date that cannot be used is explained next to its field."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2026, 12, 3, 12)


def report(client, query=None):
    with time_machine.travel(TODAY):
        response = client.get(reverse("report"), query or {})
    assert response.status_code == 200
    return response


def test_the_page_opens_with_the_default_period_in_the_form_and_in_words(
    coordinator_client,
):
    page = report(coordinator_client)
    html = page.content.decode()
    assert 'name="date_from" value="2026-01-01"' in html
    assert 'name="date_to" value="2026-12-03"' in html
    assert "Dane za okres od 01.01.2026 do 03.12.2026." in html
    assert page.context["report"].date_from == dt.date(2026, 1, 1)
    assert page.context["report"].date_to == dt.date(2026, 12, 3)
    # The shortcut of the period shown is the one marked as current.
    assert 'active" aria-current="page" href="?date_from=2026-01-01' in html


def test_a_date_left_blank_shows_the_default_it_stands_for(coordinator_client):
    html = report(coordinator_client, {"date_from": "2026-06-01"}).content.decode()
    assert 'name="date_from" value="2026-06-01"' in html
    assert 'name="date_to" value="2026-12-03"' in html
    assert "Dane za okres od 01.06.2026 do 03.12.2026." in html

    html = report(coordinator_client, {"date_to": "2026-03-31"}).content.decode()
    assert 'name="date_from" value="2026-01-01"' in html
    assert "Dane za okres od 01.01.2026 do 31.03.2026." in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"date_from": "nie data"}, "Wpisz poprawną datę."),
        (
            {"date_from": "2026-05-01", "date_to": "2026-04-01"},
            "Koniec nie może być wcześniej niż początek.",
        ),
    ],
)
def test_dates_that_cannot_be_used_are_explained_and_the_default_shown(
    coordinator_client, query, message
):
    page = report(coordinator_client, query)
    html = page.content.decode()
    assert message in html
    assert page.context["form"].errors
    # The input stays as typed; the line says which figures are shown.
    assert "Dane za okres od 01.01.2026 do 03.12.2026." in html
    assert "Podanych dat nie dało się użyć" in html


def test_a_start_after_today_with_no_end_is_refused_not_turned_around(
    coordinator_client,
):
    page = report(coordinator_client, {"date_from": "2026-12-20"})
    assert "Koniec nie może być wcześniej niż początek." in page.content.decode()
    assert page.context["report"].date_from <= page.context["report"].date_to
