"""Counting is the same everywhere: one definition of an active volunteer for
the dashboard and the report, counts headed "Liczba", whole words in sheet
names and chart labels."""

import datetime as dt
import io
from types import SimpleNamespace

import pytest
import time_machine
from django.template.loader import get_template
from django.urls import reverse
from openpyxl import load_workbook

from matching import services
from matching.selectors import active_volunteers
from tests.fixtures.matching import TUESDAY
from volunteer_center import reports
from volunteer_center.templatetags.charts import TRACK, bar_chart

pytestmark = pytest.mark.django_db

LATER = dt.datetime(2027, 6, 1, 12)


@pytest.fixture
def worked_and_idle(make_request, active_volunteer, coordinator):
    """One volunteer with accepted work in 2027, one active in the register
    who never worked: only the first is an active volunteer of 2027."""
    worker = active_volunteer(first_name="Pracująca")
    active_volunteer(first_name="Bezczynna")
    assignment = services.assignment_propose(
        actor=coordinator, request=make_request(), volunteer=worker
    )
    services.assignment_accept(actor=coordinator, assignment=assignment)
    return worker


def test_dashboard_and_report_count_the_same_active_volunteers(
    worked_and_idle, client, coordinator
):
    with time_machine.travel(LATER):
        client.force_login(coordinator)
        shown = client.get(reverse("dashboard")).context["active_volunteers"]
        report = client.get(reverse("report")).context["report"]
    figures = dict(report.figures)
    assert shown == figures["Aktywni wolontariusze"] == 1
    year = (dt.date(2027, 1, 1), dt.date(2027, 6, 1))
    assert list(active_volunteers(*year)) == [worked_and_idle]


def test_the_monthly_chart_counts_with_the_same_definition(
    worked_and_idle, client, coordinator
):
    with time_machine.travel(LATER):
        client.force_login(coordinator)
        charts = client.get(reverse("dashboard")).context["charts"]
    monthly = dict(charts[0].rows)
    assert monthly[f"Mar {TUESDAY.year}"] == 1
    assert sum(monthly.values()) == 1


def test_every_column_of_counts_is_headed_liczba(coordinator_client):
    report = coordinator_client.get(reverse("report")).context["report"]
    headings = {table.title: table.header[1] for table in report.tables}
    assert headings.pop("Zatwierdzone godziny według programu") == "godziny"
    assert set(headings.values()) == {"Liczba"}


def test_xlsx_sheet_names_are_whole_words_and_distinct(coordinator_client):
    response = coordinator_client.get(reverse("report"), {"format": "xlsx"})
    names = load_workbook(io.BytesIO(response.content)).sheetnames
    report = reports.build(dt.date(2027, 1, 1), dt.date(2027, 12, 31))
    assert len(set(names)) == len(names) == len(report.tables) + 1
    for name in names:
        assert len(name) <= 31
        assert name.split()[-1] not in {"wg", "i", "według", "w"}
    assert "Wolontariusze wg wieku" in names


def test_a_long_sheet_title_is_cut_after_a_whole_word():
    title = reports._sheet_title("Aktywni wolontariusze według grupy wiekowej")
    assert title == "Aktywni wolontariusze według"


def test_chart_bars_are_as_long_as_their_values_and_labels_stay_text():
    series = SimpleNamespace(
        title="Zgłoszenia według kategorii",
        unit="",
        maximum=30,
        rows=[
            ("Towarzyszenie osobom starszym i niepełnosprawnym", 30),
            ("nowe", 1),
            ("puste", 0),
        ],
    )
    drawn = bar_chart(series, 1)
    assert [bar["length"] for bar in drawn["bars"]] == [TRACK, 3, 0]
    html = get_template("volunteer_center/_chart.html").render(drawn)
    # The whole label is page text, not cut into drawn lines.
    label = "Towarzyszenie osobom starszym i niepełnosprawnym"
    assert f'<span class="chart-label">{label}</span>' in html
    assert "<text" not in html
    assert 'width="3"' in html and 'width="0"' in html
