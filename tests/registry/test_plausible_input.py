"""Values no real person has: an age past the plausible range, an age that
would overflow a date, a login name longer than any account's."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from registry import rules
from registry.models import Volunteer

TODAY = dt.date(2026, 11, 25)


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    ("birth_date", "refused"),
    [(dt.date(1900, 5, 1), True), (dt.date(1916, 11, 25), False)],
)
def test_a_volunteer_older_than_the_setting_is_refused(birth_date, refused):
    volunteer = Volunteer(first_name="Zofia", last_name="Żółć", birth_date=birth_date)
    if not refused:
        volunteer.full_clean()
        return
    with pytest.raises(ValidationError) as caught:
        volunteer.full_clean()
    assert "najwyżej 110 lat" in caught.value.message_dict["birth_date"][0]


def test_the_oldest_age_is_a_setting(settings):
    settings.MAX_VOLUNTEER_AGE = 90
    assert rules.max_volunteer_age() == 90


@pytest.mark.parametrize("years", [10**6, -(10**6), 9999, -9999])
def test_years_ago_never_overflows(years):
    result = rules.years_ago(dt.date(2024, 2, 29), years)
    assert dt.MINYEAR <= result.year <= dt.MAXYEAR


@pytest.mark.django_db
@pytest.mark.parametrize("length", [151, 256, 300, 5000])
def test_a_very_long_login_name_is_refused_in_polish(client, length):
    response = client.post(
        reverse("login"), {"username": "a" * length, "password": "x"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    admin_login = client.post(
        reverse("admin:login"), {"username": "a" * length, "password": "x"}
    )
    assert admin_login.status_code == 200
