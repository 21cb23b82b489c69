"""The demo data's history reads as a person expects (registry/demo/timeline.py):
volunteers signed up over two years on the day they read the clause, what a
record depends on was written before it, and its "created" history row says
when it was created."""

import datetime as dt

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone

from agreements.models import Agreement, AgreementTemplate
from matching.models import Assignment, HelpRequest, HoursEntry, Programme
from registry.demo.timeline import clause_dated
from registry.models import (
    Beneficiary,
    Consultation,
    ContactPerson,
    Institution,
    Volunteer,
)
from volunteer_center import reports
from volunteer_center.core.legal.models import ChildProtectionStandards

pytestmark = pytest.mark.django_db

DEMO = {
    "volunteers": 200,
    "beneficiaries": 30,
    "institutions": 12,
    "requests": 60,
    "quiet": True,
}
STAMPED = (
    Volunteer,
    Beneficiary,
    Institution,
    ContactPerson,
    Consultation,
    HelpRequest,
    Assignment,
    HoursEntry,
    Programme,
    Agreement,
)


def _day(moment: dt.datetime) -> dt.date:
    return timezone.localdate(moment)


def test_volunteers_signed_up_over_two_years_on_the_day_they_read_the_clause():
    call_command("demo_data", **DEMO)
    today = timezone.localdate()
    volunteers = Volunteer.objects.all()
    days = {_day(v.created_at) for v in volunteers}
    assert today not in days
    assert min(days) < today - dt.timedelta(days=600)
    assert len(days) > 100  # the "signed up" column varies
    assert not volunteers.exclude(consent_given_at=F("created_at")).exists()
    for volunteer in volunteers:
        # The clause read was in force on the day it was read.
        since = clause_dated(volunteer.consent_clause_version)
        assert since is None or since <= _day(volunteer.consent_given_at)
        signed_up = _day(volunteer.created_at)
        for later in (
            volunteer.guardian_consent_on,
            volunteer.criminal_record_checked_on,
            volunteer.standards_acknowledged_on,
        ):
            assert later is None or signed_up <= later <= today
    newest = volunteers.order_by("-created_at").first()
    assert newest.consent_clause_version == settings.PRIVACY_CLAUSE_VERSION
    standards = ChildProtectionStandards.objects.get(version=1)
    acknowledged = volunteers.exclude(standards_acknowledged_on=None)
    assert acknowledged.exists()
    assert not acknowledged.filter(
        standards_acknowledged_on__lt=_day(standards.created_at)
    ).exists()
    assert not acknowledged.exclude(standards_acknowledged_version=1).exists()


def test_the_year_counts_only_its_own_sign_ups():
    call_command("demo_data", **DEMO)
    today = timezone.localdate()
    report = reports.build(today.replace(month=1, day=1), today)
    new_volunteers = report.figures[0][1]
    signed_up_this_year = sum(
        1 for v in Volunteer.objects.all() if _day(v.created_at).year == today.year
    )
    assert new_volunteers == signed_up_this_year < Volunteer.objects.count()
    last_30_days = Volunteer.objects.filter(
        created_at__gte=timezone.now() - dt.timedelta(days=30)
    ).count()
    assert 0 < last_30_days < Volunteer.objects.count() // 10


def test_what_a_record_depends_on_was_written_before_it():
    call_command("demo_data", **DEMO)
    now, today = timezone.now(), timezone.localdate()
    for model in STAMPED:
        rows = model.objects.all()
        assert rows.exists(), model
        assert not rows.filter(created_at__gt=now).exists(), model
        assert not rows.filter(updated_at__lt=F("created_at")).exists(), model
    for request in HelpRequest.objects.select_related(
        "beneficiary", "institution", "programme"
    ):
        assert _day(request.created_at) < request.date_from
        for party in (request.beneficiary, request.institution, request.programme):
            assert party is None or party.created_at < request.created_at
    # Requests still to be staffed are ahead, filed before today.
    ahead = HelpRequest.objects.filter(status__in=["new", "open"])
    assert ahead.exists()
    assert not ahead.filter(date_from__lte=today).exists()
    assignments = Assignment.objects.select_related("request", "volunteer")
    assert assignments.count() > 20
    for a in assignments:
        assert a.created_at > a.request.created_at
        assert a.created_at > a.volunteer.created_at
        if a.status_changed_at is not None:
            assert a.created_at <= a.status_changed_at <= now
        # Proposed before the work began.
        assert _day(a.created_at) < a.date_from or a.date_from > today
    for entry in HoursEntry.objects.select_related("assignment"):
        assert _day(entry.created_at) >= entry.date  # logged after the work
        assert entry.created_at > entry.assignment.created_at
        assert entry.approved_at is None or entry.approved_at >= entry.created_at
    for agreement in Agreement.objects.select_related("template"):
        assert agreement.created_at > agreement.party.created_at
        assert agreement.created_at >= agreement.template.created_at
        if agreement.signed_on:
            assert agreement.signed_on >= _day(agreement.created_at)
    assert not AgreementTemplate.objects.filter(created_at__gt=now).exists()
    for visit in Consultation.objects.all():
        if visit.status == Consultation.Status.HELD:
            assert visit.created_at > visit.starts_at
        else:
            assert visit.starts_at > now
        person = visit.volunteer or visit.beneficiary
        assert person is None or person.created_at < visit.starts_at


def test_a_records_created_history_row_says_when_it_was_created():
    call_command("demo_data", **DEMO)
    for model in (Volunteer, Beneficiary, Institution, HelpRequest, Assignment):
        created = dict(model.objects.values_list("pk", "created_at"))
        # The rows the demo copied (the cover chain's services write their own).
        rows = model.history.filter(
            history_type="+", history_change_reason="dane demonstracyjne"
        )
        assert rows.count() > 0, model
        for pk, when in rows.values_list("id", "history_date"):
            assert when == created[pk], model
    # The agreements' rows (drafted, printed, signed) are dated with them.
    created = dict(Agreement.objects.values_list("pk", "created_at"))
    for pk, when in Agreement.history.values_list("id", "history_date"):
        assert when == created[pk]
    # The signing's rows on its volunteer (the standards acknowledged) too.
    signed = Agreement.objects.exclude(signed_on=None).exclude(volunteer=None)
    assert signed.exists()
    for agreement in signed:
        for when in agreement.volunteer.history.values_list("history_date", flat=True):
            assert when <= agreement.created_at
    for visit in Consultation.objects.filter(status=Consultation.Status.HELD):
        assert visit.history.get().history_date == visit.created_at
