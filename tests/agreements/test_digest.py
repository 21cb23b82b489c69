import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command

from agreements.models import Agreement
from tests.conftest import make_user
from volunteer_center.core.roles import ADMINISTRATOR, COORDINATOR, SOCIAL_WORKER

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_today(time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 6, 0), tick=False)


@pytest.fixture
def staff(coordinator):
    make_user("koordynator2", COORDINATOR)
    make_user("socjalna", SOCIAL_WORKER)
    make_user("admin2", ADMINISTRATOR)


def test_nothing_is_sent_when_both_lists_are_empty(staff, make_agreement):
    make_agreement(sign=True, date_to=dt.date(2026, 12, 31))
    out = io.StringIO()
    call_command("agreements_digest", stdout=out)
    assert mail.outbox == []
    assert "ending soon: 0, lacking an agreement: 0" in out.getvalue()


def test_coordinators_get_both_lists(
    staff, make_agreement, make_volunteer, make_assignment
):
    ending = make_agreement(
        party=make_volunteer(last_name="Kończąca"),
        sign=True,
        date_to=dt.date(2026, 3, 20),
    )
    expired = make_agreement(
        party=make_volunteer(last_name="Dawna"),
        sign=True,
        date_from=dt.date(2026, 1, 1),
        date_to=dt.date(2026, 3, 1),
    )
    make_assignment(
        make_volunteer(last_name="Bezumowny"),
        title="Odrabianie lekcji z dziećmi",
        date_from=dt.date(2026, 2, 1),
        date_to=dt.date(2026, 5, 31),
    )
    call_command("agreements_digest", stdout=io.StringIO())
    assert sorted(m.to[0] for m in mail.outbox) == [
        "koordynator2@ops.example.pl",
        "koordynator@ops.example.pl",
    ]
    body = mail.outbox[0].body
    assert ending.number in body
    assert "20.03.2026" in body
    assert "Anna Bezumowny: Odrabianie lekcji z dziećmi" in body
    assert expired.number not in body
    assert Agreement.objects.get(pk=expired.pk).status == "expired"
