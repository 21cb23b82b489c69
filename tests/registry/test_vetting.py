"""Checks before work with minors (ustawa z 13 maja 2016 r., art. 21 and
22b–22c): only facts, dates and who verified them; the verifier is the acting
user; expired or missing checks block matching with a Polish reason; a
request involves minors from what is known of it (issue 11, point 5)."""

import datetime as dt

import pytest
import time_machine
from django.db import models
from django.urls import reverse

from matching import eligibility
from matching import services as matching_services
from registry import rules, vetting
from registry.models import Category, Volunteer
from tests.conftest import make_user
from tests.fixtures.registry import vetted

TODAY = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, 0), tick=False)


def test_only_facts_are_kept_never_a_document():
    assert not [
        f for f in Volunteer._meta.get_fields() if isinstance(f, models.FileField)
    ]


def test_each_check_is_verified_by_whoever_records_it(make_volunteer, coordinator):
    volunteer = make_volunteer()
    vetting.volunteer_vetting_record(
        actor=coordinator,
        volunteer=volunteer,
        fields={
            "sex_offender_register_checked_on": TODAY,
            "register_printout_kept": True,
        },
    )
    colleague = make_user("koordynatorka2", "coordinator")
    volunteer = vetting.volunteer_vetting_record(
        actor=colleague,
        volunteer=volunteer,
        fields={
            "sex_offender_register_checked_on": TODAY,
            "criminal_record_issued_on": TODAY - dt.timedelta(days=5),
            "criminal_record_checked_on": TODAY,
            "criminal_record_scope_confirmed": True,
        },
    )
    assert volunteer.register_checked_by == coordinator  # date unchanged
    assert volunteer.criminal_record_seen_by == colleague
    assert volunteer.vetting_verified_by == colleague


def test_a_check_cannot_be_dated_in_the_future(make_volunteer, coordinator):
    with pytest.raises(vetting.RegistryError):
        vetting.volunteer_vetting_record(
            actor=coordinator,
            volunteer=make_volunteer(),
            fields={"criminal_record_checked_on": TODAY + dt.timedelta(days=1)},
        )


def test_someone_who_lived_abroad_needs_the_foreign_record_or_statement(
    make_volunteer, coordinator
):
    volunteer = make_volunteer(**vetted(TODAY))
    volunteer = vetting.volunteer_vetting_record(
        actor=coordinator, volunteer=volunteer, fields={"lived_abroad": True}
    )
    assert volunteer.vetting_problem(TODAY) == rules.VETTING_ABROAD
    with pytest.raises(vetting.RegistryError):
        vetting.volunteer_vetting_record(
            actor=coordinator,
            volunteer=volunteer,
            fields={"abroad_document": "foreign_record", "abroad_countries": ""},
        )
    for document in ("foreign_record", "substitute"):
        volunteer = vetting.volunteer_vetting_record(
            actor=coordinator,
            volunteer=volunteer,
            fields={
                "abroad_countries": "Niemcy, Irlandia",
                "abroad_document": document,
                "abroad_checked_on": TODAY,
            },
        )
        assert volunteer.vetting_valid(TODAY)
        assert volunteer.abroad_checked_by == coordinator


@pytest.mark.parametrize(
    "fields, problem",
    [
        ({}, rules.VETTING_MISSING),
        (vetted(TODAY - dt.timedelta(days=400)), rules.VETTING_EXPIRED),
        (
            {**vetted(TODAY), "criminal_record_scope_confirmed": False},
            rules.VETTING_SCOPE,
        ),
        (
            {**vetted(TODAY), "standards_acknowledged_on": None},
            rules.VETTING_STANDARDS,
        ),
        (vetted(TODAY), None),
    ],
    ids=["missing", "expired", "scope", "standards", "valid"],
)
def test_the_rule_in_python_and_in_sql_agree(make_volunteer, fields, problem):
    volunteer = make_volunteer(**fields)
    assert rules.vetting_problem(volunteer, TODAY) == problem
    in_sql = Volunteer.objects.filter(rules.vetting_valid_q(TODAY)).filter(
        pk=volunteer.pk
    )
    assert in_sql.exists() is (problem is None)


def test_expired_checks_block_matching_with_a_polish_reason(
    make_request, active_volunteer
):
    volunteer = active_volunteer(**vetted(TODAY - dt.timedelta(days=400)))
    request = make_request(involves_minors=True)
    assert volunteer not in eligibility.eligible_volunteers(request)
    reasons = eligibility.exclusion_reasons(request, volunteer)
    assert any("nieaktualne" in str(reason) for reason in reasons)


def test_a_new_engagement_with_minors_needs_a_new_register_check(
    make_request, active_volunteer, coordinator
):
    volunteer = active_volunteer(**vetted(TODAY - dt.timedelta(days=30)))
    tuesday = dt.date(2026, 3, 3)
    first = make_request(involves_minors=True, date_from=tuesday, date_to=tuesday)
    assignment = matching_services.assignment_propose(
        actor=coordinator, request=first, volunteer=volunteer
    )
    matching_services.assignment_accept(actor=coordinator, assignment=assignment)
    matching_services.assignment_activate(actor=coordinator, assignment=assignment)
    matching_services.assignment_complete(actor=coordinator, assignment=assignment)
    volunteer.refresh_from_db()
    assert volunteer.vetting_problem(TODAY) == rules.VETTING_NEW_ENGAGEMENT
    with time_machine.travel(dt.datetime(2026, 3, 3, 9, 0)):
        vetting.volunteer_vetting_record(
            actor=coordinator,
            volunteer=volunteer,
            fields={"sex_offender_register_checked_on": dt.date(2026, 3, 3)},
        )
        volunteer.refresh_from_db()
        assert volunteer.vetting_valid(dt.date(2026, 3, 3))


def test_the_acknowledgement_of_the_standards_is_recorded_from_the_page(
    make_volunteer, coordinator_client
):
    volunteer = make_volunteer()
    coordinator_client.post(
        reverse("registry:volunteer-vetting", args=[volunteer.pk]),
        {"action": "acknowledge"},
    )
    volunteer.refresh_from_db()
    assert (
        volunteer.standards_acknowledged_on,
        volunteer.standards_acknowledged_version,
    ) == (
        TODAY,
        1,
    )


def test_the_checks_are_recorded_from_the_page_by_the_acting_user(
    make_volunteer, coordinator, coordinator_client
):
    volunteer = make_volunteer()
    response = coordinator_client.post(
        reverse("registry:volunteer-vetting", args=[volunteer.pk]),
        {
            "sex_offender_register_checked_on": "2026-03-02",
            "register_printout_kept": "on",
            "criminal_record_issued_on": "2026-02-20",
            "criminal_record_checked_on": "2026-03-02",
            "criminal_record_scope_confirmed": "on",
        },
    )
    assert response.status_code == 302
    volunteer.refresh_from_db()
    assert volunteer.register_checked_by == coordinator
    assert volunteer.criminal_record_issued_on == dt.date(2026, 2, 20)


def test_a_request_involves_minors_from_its_category_beneficiary_or_institution(
    make_request, make_beneficiary, make_institution, social_worker
):
    tutoring = Category.objects.get(name="Pomoc w nauce")
    assert tutoring.involves_minors
    assert make_request(category=tutoring).involves_minors
    child = make_beneficiary(
        birth_date=dt.date(2015, 5, 1), social_worker=social_worker
    )
    assert make_request(beneficiary=child).involves_minors
    school = make_institution(name="Szkoła Podstawowa nr 3", kind="school")
    assert make_request(beneficiary=None, institution=school).involves_minors
    adult = make_request()
    assert not adult.involves_minors
