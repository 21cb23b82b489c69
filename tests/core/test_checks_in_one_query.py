"""``full_clean()`` asks all of a model's check constraints in one query
(``core.constraints.ChecksInOneQuery``) and answers as Django's own
``Model.validate_constraints`` does: the same messages, in the same places
and order, the same checks left out with an excluded field."""

import datetime as dt
import logging

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, models
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext

from matching.models import HelpRequest
from tests.conftest import BOTH_DATABASES

pytestmark = pytest.mark.django_db


def _errors(validate, obj, **kwargs) -> dict | None:
    try:
        validate(obj, **kwargs)
    except ValidationError as error:
        return error.message_dict
    return None


def _as_django(obj, **kwargs):
    return models.Model.validate_constraints(obj, **kwargs)


def _ours(obj, **kwargs):
    return obj.validate_constraints(**kwargs)


def test_a_valid_record_passes_in_one_query_for_all_its_checks(make_request):
    request = make_request()
    with CaptureQueriesContext(connection) as asked:
        request.validate_constraints()
    # One SELECT for the four checks (in a savepoint inside the test's
    # transaction), where Django asks four, each in a savepoint of its own.
    selects = [q["sql"] for q in asked.captured_queries if "SAVEPOINT" not in q["sql"]]
    assert len(selects) == 1
    assert _errors(_ours, request) is None
    assert _errors(_as_django, request) is None


def test_broken_checks_give_djangos_messages_in_djangos_order(make_request):
    request = make_request()
    request.needed = 0
    request.date_to = request.date_from - dt.timedelta(days=3)
    ours = _errors(_ours, request)
    assert ours == _errors(_as_django, request)
    assert ours["__all__"] == [
        gettext("The end cannot precede the start."),
        gettext("A request needs between 1 and 50 volunteers."),
        gettext("A one-off request lasts one day."),
    ]


def test_a_check_naming_an_excluded_field_is_left_out_as_django_leaves_it(
    make_request,
):
    request = make_request()
    request.needed = 0
    request.date_to = request.date_from - dt.timedelta(days=3)
    for exclude in ({"needed"}, {"date_to"}, {"needed", "date_to", "date_from"}):
        ours = _errors(_ours, request, exclude=exclude)
        assert ours == _errors(_as_django, request, exclude=exclude), exclude


def test_a_value_the_database_cannot_compare_is_asked_check_by_check(
    make_request, caplog
):
    request = make_request()
    # PostgreSQL refuses a NUL in a text; ``clean_fields`` would have too.
    request.kind = "once\x00"
    with caplog.at_level(logging.WARNING, logger="volunteer_center.core.constraints"):
        ours = _errors(_ours, request)
    assert ours == _errors(_as_django, request)
    assert "asked one by one" in caplog.text


@pytest.mark.django_db(databases=BOTH_DATABASES)
def test_the_one_query_answers_alike_on_both_databases(database):
    day = dt.date(2027, 3, 2)
    request = HelpRequest(
        title="Zakupy", needed=0, date_from=day, date_to=day - dt.timedelta(days=1)
    )
    request._state.db = database
    with CaptureQueriesContext(connections[database]) as asked:
        ours = _errors(_ours, request)
    assert ours == _errors(_as_django, request)
    assert ours["__all__"] == [
        gettext("Choose either a beneficiary or an institution."),
        gettext("The end cannot precede the start."),
        gettext("A request needs between 1 and 50 volunteers."),
        gettext("A one-off request lasts one day."),
    ]
    selects = [q["sql"] for q in asked.captured_queries if "SAVEPOINT" not in q["sql"]]
    assert len(selects) == 1
