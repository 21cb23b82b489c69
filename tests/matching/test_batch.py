"""The batch proposal: the same hard rules as the SQL filter, a valid plan at
least as good as greedy's, and proposals made through the services."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from matching import eligibility, reasons
from matching.batch import (
    EDGES_PER_REQUEST,
    Register,
    batch_apply,
    batch_plan,
    open_requests,
    request_facts,
)
from matching.models import Assignment, HelpRequest
from matching.optimizer import checks
from matching.services import (
    assignment_accept,
    assignment_propose,
    help_request_create,
)
from registry.models import Category, District, Skill, Volunteer
from registry.services import (
    beneficiary_create,
    volunteer_activate,
    volunteer_create,
)
from tests.matching.conftest import eligible_ids

pytestmark = pytest.mark.django_db


def _demo(seed=2026, **sizes):
    options = {"volunteers": 300, "requests": 80, **sizes}
    call_command("demo_data", seed=seed, quiet=True, **options)


def _sql_eligible(request: HelpRequest) -> set[int]:
    return set(eligibility.eligible_volunteers(request).values_list("pk", flat=True))


@pytest.mark.parametrize("seed", [3, 2026])
def test_python_rules_agree_with_the_sql_filter(seed):
    _demo(seed)
    requests = HelpRequest.objects.all()
    facts = request_facts(requests)
    since = min(r.date_from for r in facts)
    register = Register.load(since=since, barred_on=requests)
    by_pk = requests.in_bulk()
    active = Volunteer.objects.active().count()
    sizes = []
    for r in facts:
        python = eligible_ids(register, r)
        assert python == _sql_eligible(by_pk[r.id]), by_pk[r.id]
        sizes.append(len(python))
    # The data exercise the rules: some requests let many through, all
    # requests keep some volunteers out.
    assert max(sizes) > 20
    assert max(sizes) < active


def test_the_pool_holds_eligible_volunteers_each_with_every_required_skill():
    _demo()
    requests = open_requests()
    register = Register.load(since=timezone.localdate(), barred_on=requests)
    skilled = [r for r in request_facts(requests) if r.required_skills]
    assert skilled
    for r in skilled:
        eligible = eligible_ids(register, r)
        assert all(r.required_skills <= register.volunteers[i].skills for i in eligible)
        pool = register.pool(r, limit=5)
        assert len(pool) == min(5, len(eligible))
        assert {v.id for v in pool} <= eligible
        assert pool == register.pool(r, limit=5)  # deterministic
    assert any(eligible_ids(register, r) for r in skilled)


def test_the_plan_is_valid_and_at_least_as_good_as_greedy():
    _demo(volunteers=400, requests=120)
    result = batch_plan()
    opt, greedy = result.optimised, result.greedy
    assert opt.filled > 0
    assert checks.validate(opt, result.requests, result.volunteers) == []
    assert checks.validate(greedy, result.requests, result.volunteers) == []
    assert opt.filled >= greedy.filled
    assert opt.objective >= greedy.objective
    per_request = {}
    for e in result.edges:
        per_request[e.request_id] = per_request.get(e.request_id, 0) + 1
    assert max(per_request.values()) <= EDGES_PER_REQUEST
    open_ids = set(open_requests().values_list("pk", flat=True))
    requests = HelpRequest.objects.in_bulk()
    volunteers = Volunteer.objects.in_bulk()
    for e in opt.pairs:
        assert e.request_id in open_ids
        detail = result.details[(e.request_id, e.volunteer_id)]
        assert detail.score == e.score
        # Kept as codes with parameters, each with words to show.
        assert detail.reasons and all(reasons.text(r) for r in detail.reasons)
        # Each pair alone passes the services' own check.
        assert (
            eligibility.exclusion_reasons(
                requests[e.request_id], volunteers[e.volunteer_id]
            )
            == []
        )
    assert set(result.timings) == {"load", "build", "optimise", "greedy"}


def test_the_plan_reads_the_database_in_a_fixed_number_of_queries():
    _demo(volunteers=200, requests=40)
    with CaptureQueriesContext(connection) as small:
        batch_plan(requests=HelpRequest.objects.filter(pk__lte=20))
    with CaptureQueriesContext(connection) as whole:
        batch_plan()
    assert len(small) == len(whole) < 25


def test_full_requests_and_closed_ones_are_left_out():
    _demo(volunteers=200, requests=60)
    result = batch_plan()
    planned = {r.id for r in result.requests}
    for request in HelpRequest.objects.exclude(pk__in=planned):
        taken = request.assignments.holding_place().count()
        assert (
            request.status not in (HelpRequest.Status.NEW, HelpRequest.Status.OPEN)
            or request.date_to < timezone.localdate()
            or taken >= request.needed
        )
    for r in result.requests:
        request = HelpRequest.objects.get(pk=r.id)
        assert r.needed == request.needed - request.assignments.holding_place().count()


# --- batch_apply, with data made through the services ------------------------------


def _volunteer(coordinator, first_name, *, active=True):
    district = District.objects.get(name="Czechowice-Dziedzice")
    volunteer = volunteer_create(
        actor=coordinator,
        fields={
            "first_name": first_name,
            "last_name": "Testowy",
            "birth_date": dt.date(1990, 5, 1),
            # Each their own phone: the same one would be a duplicate person.
            "phone": f"+48501{sum(map(ord, first_name)):06d}",
            "district": district,
            "max_hours_per_week": 10,
        },
        skills=[Skill.objects.order_by("pk").first()],
        availability=[(d, p) for d in range(7) for p in ("morning", "afternoon")],
        reachable_districts=[district],
    )
    if active:
        volunteer = volunteer_activate(actor=coordinator, volunteer=volunteer)
    return volunteer


@pytest.fixture
def small_world(coordinator):
    """Two requests at the same hour and two volunteers who could take either."""
    district = District.objects.get(name="Czechowice-Dziedzice")
    beneficiary = beneficiary_create(
        actor=coordinator,
        fields={"first_name": "Helena", "last_name": "Kubica", "district": district},
    )
    day = timezone.localdate() + dt.timedelta(days=10)
    requests = [
        help_request_create(
            actor=coordinator,
            fields={
                "beneficiary": beneficiary,
                "title": title,
                "category": Category.objects.first(),
                "district": district,
                "kind": HelpRequest.Kind.ONCE,
                "date_from": day,
                "date_to": day,
                "needed": 2,
            },
            slots=[(day.weekday(), dt.time(10), dt.time(11, 30))],
            required_skills=[Skill.objects.order_by("pk").first()],
        )
        for title in ("Zakupy dla seniora", "Wykupienie leków z apteki")
    ]
    volunteers = [_volunteer(coordinator, name) for name in ("Anna", "Jan")]
    return requests, volunteers


def test_a_volunteer_gets_at_most_one_of_two_requests_at_the_same_hour(small_world):
    _requests, volunteers = small_world
    result = batch_plan()
    assert result.optimised.filled == 2
    assert sorted(e.volunteer_id for e in result.optimised.pairs) == sorted(
        v.pk for v in volunteers
    )
    assert result.optimised.filled >= result.greedy.filled


def test_batch_apply_proposes_the_pairs_and_reports_the_refused(
    small_world, coordinator
):
    requests, _volunteers = small_world
    candidate = _volunteer(coordinator, "Ewa", active=False)
    result = batch_plan()
    pairs = [(e.request_id, e.volunteer_id) for e in result.optimised.pairs]
    with translation.override("en"):
        created, errors = batch_apply(
            actor=coordinator,
            pairs=[*pairs, (requests[0].pk, candidate.pk)],
            details=result.details,
        )
    assert len(created) == 2
    for assignment in created:
        assert assignment.status == Assignment.Status.PROPOSED
        assert assignment.proposed_by == coordinator
        detail = result.details[(assignment.request_id, assignment.volunteer_id)]
        assert assignment.score == detail.score
        assert assignment.reasons == list(detail.reasons)
    assert Assignment.objects.count() == 2
    (error,) = errors
    assert "Ewa Testowy" in error
    assert "only active volunteers" in error


def test_a_pair_taken_meanwhile_is_refused_and_the_rest_go_on(small_world, coordinator):
    requests, (anna, _jan) = small_world
    result = batch_plan()
    pairs = sorted((e.request_id, e.volunteer_id) for e in result.optimised.pairs)
    # Meanwhile another coordinator directs Anna elsewhere at the same hour,
    # and she accepts.
    rid = next(r for r, v in pairs if v == anna.pk)
    other = next(r for r in requests if r.pk != rid)
    meanwhile = assignment_propose(actor=coordinator, request=other, volunteer=anna)
    assignment_accept(actor=coordinator, assignment=meanwhile)
    with translation.override("en"):
        created, errors = batch_apply(actor=coordinator, pairs=pairs)
    assert [(a.request_id, a.volunteer_id) for a in created] == [
        p for p in pairs if p[1] != anna.pk
    ]
    (error,) = errors
    assert "Anna Testowy" in error
    assert "At the same time the volunteer is assigned to" in error
    assert not Assignment.objects.filter(request_id=rid, volunteer=anna).exists()


def test_batch_apply_reports_a_request_that_no_longer_exists(small_world, coordinator):
    _requests, (anna, _jan) = small_world
    with translation.override("en"):
        created, errors = batch_apply(actor=coordinator, pairs=[(10**9, anna.pk)])
    assert created == []
    assert len(errors) == 1
    assert "no longer exists" in errors[0]


def test_the_batch_never_proposes_who_declined_was_cancelled_or_lacks_a_skill(
    small_world, coordinator
):
    """Declined or cancelled on a request: not proposed for it again. Without
    a required skill: not proposed at all. The suggestions, "why not" and the
    service say the same."""
    from matching.selectors import suggestions, why_not
    from matching.services import assignment_cancel, assignment_decline

    (first, second), (anna, jan) = small_world
    assignment_decline(
        actor=coordinator,
        assignment=assignment_propose(actor=coordinator, request=first, volunteer=anna),
    )
    assignment_cancel(
        actor=coordinator,
        assignment=assignment_propose(actor=coordinator, request=second, volunteer=jan),
    )
    ewa = _volunteer(coordinator, "Ewa")
    ewa.skills.clear()
    result = batch_plan()
    pairs = {(e.request_id, e.volunteer_id) for e in result.optimised.pairs}
    greedy = {(e.request_id, e.volunteer_id) for e in result.greedy.pairs}
    assert pairs == greedy == {(first.pk, jan.pk), (second.pk, anna.pk)}
    assert {e.volunteer_id for e in result.edges} == {anna.pk, jan.pk}
    with translation.override("en"):
        assert "The volunteer declined this request." in why_not(first, anna)
        assert "assignment to this request was cancelled" in " ".join(
            why_not(second, jan)
        )
        skill = Skill.objects.order_by("pk").first()
        lacks = f"The volunteer lacks a required skill: {skill.name}."
        assert lacks in why_not(first, ewa)
        assert ewa.pk not in {c.volunteer.pk for c in suggestions(first)}
        created, errors = batch_apply(
            actor=coordinator, pairs=[(first.pk, anna.pk), (first.pk, ewa.pk)]
        )
    assert created == []
    assert "declined this request" in errors[0]
    assert lacks in errors[1]
