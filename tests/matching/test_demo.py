"""The matching part of the demo data: realistic, deterministic, and every
assignment in it obeys the matching rules."""

import datetime as dt
from collections import Counter, defaultdict

import pytest
from django.core.management import call_command
from django.utils import timezone

from agreements.models import Agreement
from matching import eligibility, rules
from matching.models import (
    Assignment,
    HelpRequest,
    HoursEntry,
    Programme,
    ProgrammePartner,
    RequestSlot,
)
from registry.models import (
    Beneficiary,
    Consultation,
    Institution,
    Skill,
    Volunteer,
)

pytestmark = pytest.mark.django_db

DEMO = {"volunteers": 300, "requests": 80, "quiet": True}
S = HelpRequest.Status
A = Assignment.Status


def _clear():
    Agreement.objects.all().delete()
    HoursEntry.objects.all().delete()
    Assignment.objects.all().delete()
    HelpRequest.objects.all().delete()
    Programme.objects.all().delete()
    Consultation.objects.all().delete()
    Volunteer.objects.all().delete()
    Beneficiary.objects.all().delete()
    Institution.objects.all().delete()


def _snapshot():
    requests = list(
        HelpRequest.objects.order_by("pk").values_list(
            "title", "status", "date_from", "date_to", "needed", "urgency"
        )
    )
    assignments = list(
        Assignment.objects.order_by("pk").values_list(
            "request__title", "volunteer__last_name", "status", "place", "score"
        )
    )
    return requests, assignments


def test_demo_data_creates_requests_assignments_hours_and_programmes():
    call_command("demo_data", **DEMO)
    assert HelpRequest.objects.count() == 80
    statuses = Counter(HelpRequest.objects.values_list("status", flat=True))
    assert statuses.most_common(1)[0][0] == S.OPEN
    assert statuses[S.NEW] + statuses[S.OPEN] > 40
    assert {S.STAFFED, S.IN_PROGRESS, S.COMPLETED} <= set(statuses)
    kinds = set(HelpRequest.objects.values_list("kind", flat=True))
    assert kinds == {HelpRequest.Kind.ONCE, HelpRequest.Kind.WEEKLY}
    assert HelpRequest.objects.filter(beneficiary__isnull=False).exists()
    assert HelpRequest.objects.filter(institution__isnull=False).exists()
    assert not HelpRequest.objects.filter(slots__isnull=True).exists()
    titles = set(HelpRequest.objects.values_list("title", flat=True))
    assert "Zakupy dla seniora" in titles or "Korepetycje z matematyki" in titles
    assignment_statuses = set(Assignment.objects.values_list("status", flat=True))
    assert {A.ACCEPTED, A.ACTIVE, A.COMPLETED, A.PROPOSED} <= assignment_statuses
    hours = set(HoursEntry.objects.values_list("status", flat=True))
    assert hours == {HoursEntry.Status.APPROVED, HoursEntry.Status.LOGGED}
    assert Programme.objects.count() == 4
    for programme in Programme.objects.all():
        assert ProgrammePartner.objects.filter(programme=programme).count() >= 2
    assert HelpRequest.objects.filter(programme__isnull=False).exists()


def test_every_demo_row_obeys_the_models_rules():
    call_command("demo_data", **DEMO)
    for model in (HelpRequest, RequestSlot, Assignment, HoursEntry, Programme):
        for obj in model.objects.all():
            obj.full_clean()
    for request in HelpRequest.objects.filter(kind=HelpRequest.Kind.ONCE):
        (slot,) = request.slots.all()
        assert slot.weekday == request.date_from.weekday()


def test_every_demo_assignment_obeys_the_matching_rules():
    call_command("demo_data", **DEMO)
    holding = Assignment.objects.holding_place().select_related("volunteer")
    assert holding.count() > 20
    for a in holding:
        slots = eligibility.request_slots(a.request)
        assert not eligibility.clashing_assignments(
            volunteer_id=a.volunteer_id,
            date_from=a.date_from,
            date_to=a.date_to,
            slots=slots,
            exclude_pk=a.pk,
        ).exists()
        # The weekly hours on the busiest day of the period beside the
        # volunteer's other places (engine.peak_load), as the services count.
        committed = eligibility.committed_hours(
            volunteer_id=a.volunteer_id,
            date_from=a.date_from,
            date_to=a.date_to,
            exclude_pk=a.pk,
        )
        assert committed + a.weekly_hours <= a.volunteer.max_hours_per_week
    for a in Assignment.objects.live().select_related("request", "volunteer"):
        assert (
            eligibility.exclusion_reasons(a.request, a.volunteer, exclude_pk=a.pk) == []
        )
        assert a.reasons  # the score's reasons at proposal, in Polish


def test_the_demo_says_the_driving_licence_by_the_field_and_the_flag_only():
    """Never by a skill (matching migration 0018 deleted it)."""
    call_command("demo_data", **DEMO)
    assert not [n for n in Skill.objects.values_list("name", flat=True) if "jazdy" in n]
    driving = HelpRequest.objects.filter(driving_licence_required=True)
    assert driving.exists()
    assert Volunteer.objects.filter(has_driving_licence=True).exists()
    for request in driving:
        assert all("jazdy" not in s.name for s in request.required_skills.all())


def test_demo_requests_have_the_statuses_their_assignments_give():
    call_command("demo_data", **DEMO)
    today = timezone.localdate()
    by_request = defaultdict(list)
    for a in Assignment.objects.all():
        by_request[a.request_id].append(a)
    for request in HelpRequest.objects.all():
        mine = by_request[request.pk]
        places = sorted(a.place for a in mine if a.status in Assignment.HOLDING_PLACE)
        assert places == list(range(1, len(places) + 1))
        assert len(places) <= request.needed
        if request.status == S.NEW:
            assert mine == []
        if request.status == S.STAFFED:
            assert len(places) == request.needed
        if request.status == S.IN_PROGRESS:
            assert any(a.status == A.ACTIVE for a in mine)
            assert request.date_from <= today <= request.date_to
        if request.status == S.COMPLETED:
            assert any(a.status == A.COMPLETED for a in mine)
            assert request.date_to < today
        for a in mine:
            if a.status in (A.ACTIVE, A.COMPLETED):
                # Longer work would need a written agreement (art. 44).
                assert not rules.needs_written_agreement(a.date_from, a.date_to)


def test_demo_hours_fall_on_worked_days():
    call_command("demo_data", **DEMO)
    today = timezone.localdate()
    entries = HoursEntry.objects.select_related("assignment")
    assert entries.count() > 10
    for entry in entries:
        a = entry.assignment
        assert a.status in (A.ACTIVE, A.COMPLETED)
        assert a.date_from <= entry.date <= min(a.date_to, today)
        weekdays = set(a.request.slots.values_list("weekday", flat=True))
        assert entry.date.weekday() in weekdays
        if entry.status == HoursEntry.Status.APPROVED:
            assert entry.approved_at is not None


def test_the_same_seed_gives_the_same_requests_and_assignments():
    call_command("demo_data", seed=11, **DEMO)
    first = _snapshot()
    _clear()
    call_command("demo_data", seed=11, **DEMO)
    assert _snapshot() == first
    _clear()
    call_command("demo_data", seed=12, **DEMO)
    assert _snapshot() != first


def test_requests_option_sets_the_number_and_zero_makes_none():
    call_command("demo_data", volunteers=50, requests=0, quiet=True)
    assert HelpRequest.objects.count() == 0
    assert Programme.objects.count() == 4
    call_command("demo_data", volunteers=0, requests=15, quiet=True)
    assert HelpRequest.objects.count() == 15
    assert (
        HelpRequest.objects.filter(
            date_from__gte=timezone.localdate() - dt.timedelta(days=200)
        ).count()
        == 15
    )
