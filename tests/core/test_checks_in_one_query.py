"""``full_clean()`` asks all of a model's check constraints in one query
(``core.constraints.ChecksInOneQuery``) and answers as Django's own
``Model.validate_constraints`` does: the same messages in the same order, the
same checks left out with an excluded field; only a refusal that concerns one
field is filed under that field (``core.constraints.concerned_field``), where
Django files it above the form."""

import datetime as dt
import logging

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection, connections, models
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext

from matching.models import HelpRequest
from tests.conftest import BOTH_DATABASES
from volunteer_center.core.constraints import ChecksInOneQuery, concerned_field

pytestmark = pytest.mark.django_db


def _errors(validate, obj, **kwargs) -> dict | None:
    try:
        validate(obj, **kwargs)
    except ValidationError as error:
        return error.message_dict
    return None


def _as_django(obj, **kwargs):
    return models.Model.validate_constraints(obj, **kwargs)


def _same_messages(ours: dict | None, djangos: dict | None) -> bool:
    """The same messages in the same order, wherever each is filed."""

    def flat(errors):
        return sorted(m for messages in (errors or {}).values() for m in messages)

    return flat(ours) == flat(djangos)


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
    assert _same_messages(ours, _errors(_as_django, request))
    assert ours == {
        "date_to": [gettext("The end cannot precede the start.")],
        "needed": [gettext("A request needs between 1 and 50 volunteers.")],
        "__all__": [gettext("A one-off request lasts one day.")],
    }


def test_a_check_naming_an_excluded_field_is_left_out_as_django_leaves_it(
    make_request,
):
    request = make_request()
    request.needed = 0
    request.date_to = request.date_from - dt.timedelta(days=3)
    for exclude in ({"needed"}, {"date_to"}, {"needed", "date_to", "date_from"}):
        ours = _errors(_ours, request, exclude=exclude)
        djangos = _errors(_as_django, request, exclude=exclude)
        assert _same_messages(ours, djangos), exclude


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
    assert _same_messages(ours, _errors(_as_django, request))
    assert ours == {
        "__all__": [
            gettext("Choose either a beneficiary or an institution."),
            gettext("A one-off request lasts one day."),
        ],
        "date_to": [gettext("The end cannot precede the start.")],
        "needed": [gettext("A request needs between 1 and 50 volunteers.")],
    }
    selects = [q["sql"] for q in asked.captured_queries if "SAVEPOINT" not in q["sql"]]
    assert len(selects) == 1


def test_every_check_of_one_field_is_filed_under_it():
    """The refusals a form shows next to a field: a range or a format of one
    field, a period's end, the guardian's name; checks of several fields
    stay above the form."""
    by_name = {
        constraint.name: (model, constraint)
        for model in apps.get_models()
        for constraint in model._meta.constraints
    }
    assert concerned_field(by_name["volunteer_max_hours_range"][1]) == (
        "max_hours_per_week"
    )
    assert concerned_field(by_name["volunteer_postal_code_format"][1]) == (
        "postal_code"
    )
    assert concerned_field(by_name["volunteer_pesel_unique"][1]) == "pesel"
    assert concerned_field(by_name["officehours_slot_minutes_range"][1]) == (
        "slot_minutes"
    )
    assert concerned_field(by_name["helprequest_dates_in_order"][1]) == "date_to"
    assert concerned_field(by_name["requestslot_end_after_start"][1]) == "end"
    assert concerned_field(by_name["agreement_guardian_consent_names_guardian"][1]) == (
        "guardian_name"
    )
    assert concerned_field(by_name["helprequest_one_party"][1]) is None
    # Django would file them above the form: the records the staff and
    # public forms edit ask their checks the way that files them next to
    # the field.
    edited = {"volunteer", "beneficiary", "institution", "helprequest"}
    edited |= {"officehours", "consultation", "agreement", "hoursentry", "programme"}
    for name in edited:
        assert issubclass(apps.get_model(_app_of(name), name), ChecksInOneQuery)


def _app_of(model_name: str) -> str:
    (model,) = [m for m in apps.get_models() if m._meta.model_name == model_name]
    return model._meta.app_label
