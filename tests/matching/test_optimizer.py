"""Batch proposal: the exact optimiser against brute force and greedy."""

import ast
import datetime as dt
import random
from pathlib import Path

import pytest

from matching import optimizer
from matching.engine import WEIGHTS, Slot
from matching.optimizer import (
    BatchRequest,
    BatchVolunteer,
    BusyPeriod,
    Edge,
    Plan,
    conflicts,
    greedy,
    large,
    milp,
    optimise,
)
from matching.optimizer.checks import brute_force, validate

JAN, FEB, MAR, APR = (dt.date(2026, m, 1) for m in (1, 2, 3, 4))
END = dt.date(2026, 6, 30)


def t(hour: int, minute: int = 0) -> dt.time:
    return dt.time(hour, minute)


def req(id, *, needed=1, hours=2.0, slots=None, start=JAN, end=END, urgency=1):
    return BatchRequest(
        id=id,
        needed=needed,
        weekly_hours=hours,
        slots=slots if slots is not None else (Slot(1, t(10), t(12)),),
        date_from=start,
        date_to=end,
        urgency=urgency,
    )


def vol(id, max_hours=10.0, busy=()):
    return BatchVolunteer(id=id, max_hours=max_hours, busy=tuple(busy))


def pairs(plan: Plan) -> set[tuple[int, int]]:
    return {(e.request_id, e.volunteer_id) for e in plan.pairs}


# --- randomized small instances against brute force ------------------------

SLOT_CHOICES = [
    Slot(0, t(8), t(10)),
    Slot(0, t(9), t(11)),
    Slot(1, t(10), t(12)),
    Slot(1, t(12), t(14)),
    Slot(2, t(16), t(18)),
    Slot(0, t(10), t(12)),
]
DATE_CHOICES = [(JAN, MAR), (FEB, APR), (APR, END), (JAN, END)]


def random_instance(rng: random.Random):
    requests = []
    for rid in range(1, rng.randint(3, 5) + 1):
        start, end = rng.choice(DATE_CHOICES)
        requests.append(
            req(
                rid,
                needed=rng.choice([1, 1, 2]),
                hours=rng.choice([1.0, 1.5, 2.0, 3.0]),
                slots=tuple(rng.sample(SLOT_CHOICES, rng.randint(1, 2))),
                start=start,
                end=end,
                urgency=rng.randint(0, 3),
            )
        )
    volunteers = []
    for vid in range(101, 101 + rng.randint(3, 6)):
        busy = ()
        if rng.random() < 0.2:
            start, end = rng.choice(DATE_CHOICES)
            hours = rng.choice([0.0, 1.0, 2.0])
            busy = (BusyPeriod((rng.choice(SLOT_CHOICES),), start, end, hours),)
        volunteers.append(vol(vid, rng.choice([1.0, 2.0, 3.0, 4.0, 6.0]), busy))
    edges = [
        Edge(r.id, v.id, round(rng.uniform(-5, 60), 2))
        for r in requests
        for v in volunteers
        if rng.random() < 0.6
    ]
    return requests, volunteers, edges


@pytest.mark.parametrize("block", range(4))
def test_optimise_equals_brute_force_on_random_small_instances(block):
    rng = random.Random(20260 + block)
    for _ in range(50):
        requests, volunteers, edges = random_instance(rng)
        best = brute_force(requests, volunteers, edges)
        plan = optimise(requests, volunteers, edges)
        base = greedy(requests, volunteers, edges)
        assert validate(best, requests, volunteers) == []
        assert validate(plan, requests, volunteers) == []
        assert validate(base, requests, volunteers) == []
        assert plan.optimal
        assert plan.objective == pytest.approx(best.objective, abs=1e-6)
        assert plan.filled == best.filled
        assert plan.filled >= base.filled
        assert plan.key() >= base.key()


# --- hand-made instances ---------------------------------------------------


def test_greedy_is_suboptimal_and_optimise_fills_more():
    # Request 1 (urgent) takes volunteer 101, the only one request 2 can have.
    requests = [req(1, urgency=3), req(2, urgency=0)]  # at the same time
    volunteers = [vol(101), vol(102)]
    edges = [Edge(1, 101, 50.0), Edge(1, 102, 40.0), Edge(2, 101, 30.0)]
    base = greedy(requests, volunteers, edges)
    plan = optimise(requests, volunteers, edges)
    assert pairs(base) == {(1, 101)}
    assert pairs(plan) == {(1, 102), (2, 101)}
    assert (plan.filled, base.filled) == (2, 1)
    assert plan.optimal and plan.method == "milp"
    assert validate(plan, requests, volunteers) == []


def test_greedy_is_suboptimal_and_optimise_scores_more():
    requests = [req(1), req(2, slots=(Slot(4, t(8), t(9)),))]
    volunteers = [vol(101, max_hours=2), vol(102, max_hours=2)]
    edges = [
        Edge(1, 101, 50.0),
        Edge(1, 102, 45.0),
        Edge(2, 101, 48.0),
        Edge(2, 102, 10.0),
    ]
    base = greedy(requests, volunteers, edges)
    plan = optimise(requests, volunteers, edges)
    assert pairs(base) == {(1, 101), (2, 102)}
    assert pairs(plan) == {(1, 102), (2, 101)}
    assert plan.filled == base.filled == 2
    assert (plan.total_score, base.total_score) == (93.0, 60.0)
    assert plan.objective == 2 * (WEIGHTS.fill_bonus + WEIGHTS.urgency_bonus) + 93


def test_urgency_decides_between_requests_when_places_are_short():
    requests = [req(1, urgency=0), req(2, urgency=3)]  # same time: one only
    edges = [Edge(1, 101, 60.0), Edge(2, 101, 20.0)]
    plan = optimise(requests, [vol(101)], edges)
    assert pairs(plan) == {(2, 101)}


def test_needs_rule_fills_at_most_the_free_places():
    requests = [req(1, needed=2)]
    volunteers = [vol(v) for v in (101, 102, 103, 104)]
    edges = [Edge(1, v.id, float(v.id - 100)) for v in volunteers]
    plan = optimise(requests, volunteers, edges)
    assert pairs(plan) == {(1, 104), (1, 103)}
    assert pairs(greedy(requests, volunteers, edges)) == {(1, 104), (1, 103)}
    assert optimise([req(1, needed=0)], volunteers, edges).filled == 0


def test_hours_cap_rule():
    requests = [
        req(1, hours=3, slots=(Slot(0, t(8), t(11)),)),
        req(2, hours=3, slots=(Slot(2, t(8), t(11)),)),
        req(3, hours=7, slots=(Slot(4, t(8), t(15)),)),
    ]
    edges = [Edge(r.id, 101, 10.0) for r in requests]
    assert optimise(requests, [vol(101, max_hours=5)], edges).filled == 1
    assert optimise(requests, [vol(101, max_hours=6)], edges).filled == 2
    # Request 3 alone is over the cap: its edge is dropped before anything else.
    assert pairs(optimise(requests[2:], [vol(101, max_hours=6)], edges)) == set()
    assert pairs(greedy(requests[2:], [vol(101, max_hours=6)], edges)) == set()


def d(day: str) -> dt.date:
    return dt.datetime.strptime(day, "%d.%m.%Y").date()


def test_hours_are_the_peak_on_a_day_not_the_sum_over_the_period():
    """A volunteer of 6 hours a week holds A (8.12–4.01, 2 h). B (27.11–24.12,
    4 h) and C (2.01–12.03, 2 h) never run on the same day: both fit beside A
    (6 h on the busiest day), although the three add up to 8."""
    held = BusyPeriod((Slot(0, t(8), t(10)),), d("08.12.2026"), d("04.01.2027"), 2.0)
    b = req(1, hours=4, slots=(Slot(1, t(8), t(12)),), start=d("27.11.2026"))
    b = BatchRequest(**{**b.__dict__, "date_to": d("24.12.2026")})
    c = req(2, hours=2, slots=(Slot(2, t(8), t(10)),), start=d("02.01.2027"))
    c = BatchRequest(**{**c.__dict__, "date_to": d("12.03.2027")})
    volunteer = vol(101, max_hours=6, busy=[held])
    edges = [Edge(1, 101, 10.0), Edge(2, 101, 10.0)]
    for plan in (
        optimise([b, c], [volunteer], edges),
        greedy([b, c], [volunteer], edges),
        brute_force([b, c], [volunteer], edges),
    ):
        assert pairs(plan) == {(1, 101), (2, 101)}
        assert validate(plan, [b, c], [volunteer]) == []
    assert optimizer.hours_fit_all(vol(101, max_hours=6), [b, c])
    # B running until C's first day: on 2.01 the three take 8 hours.
    late = BatchRequest(**{**b.__dict__, "date_to": d("02.01.2027")})
    for plan in (
        optimise([late, c], [volunteer], edges),
        greedy([late, c], [volunteer], edges),
    ):
        assert plan.filled == 1
        assert validate(plan, [late, c], [volunteer]) == []
    both = Plan(
        pairs=tuple(edges),
        filled=2,
        total_score=20.0,
        method="test",
        optimal=False,
        seconds=0.0,
    )
    (problem,) = validate(both, [late, c], [volunteer])
    assert "over hours" in problem
    # Ending the day before C starts, B no longer meets it.
    before = BatchRequest(**{**b.__dict__, "date_to": d("01.01.2027")})
    assert optimise([before, c], [volunteer], edges).filled == 2


def test_overlap_rule():
    tue_10_12 = req(1, slots=(Slot(1, t(10), t(12)),))
    tue_11_13 = req(2, slots=(Slot(1, t(11), t(13)),))
    tue_12_14 = req(3, slots=(Slot(1, t(12), t(14)),))
    assert conflicts(tue_10_12, tue_11_13)
    assert not conflicts(tue_10_12, tue_12_14)
    edges = [Edge(r, 101, 10.0) for r in (1, 2, 3)]
    plan = optimise([tue_10_12, tue_11_13, tue_12_14], [vol(101)], edges)
    assert pairs(plan) == {(1, 101), (3, 101)}
    # The same hours in date ranges that do not meet do not clash.
    spring = req(2, slots=(Slot(1, t(11), t(13)),), start=APR, end=END)
    winter = req(1, slots=(Slot(1, t(10), t(12)),), start=JAN, end=MAR)
    assert not conflicts(winter, spring)
    assert optimise([winter, spring], [vol(101)], edges[:2]).filled == 2


def test_overlap_rule_with_many_requests_at_once():
    # Three requests pairwise overlapping on Monday morning; one more on Friday.
    requests = [
        req(1, slots=(Slot(0, t(8), t(10)),)),
        req(2, slots=(Slot(0, t(9), t(11)),)),
        req(3, slots=(Slot(0, t(9, 30), t(10, 30)), Slot(4, t(8), t(9)))),
        req(4, slots=(Slot(4, t(8, 30), t(9, 30)),)),
    ]
    edges = [Edge(r.id, 101, 10.0 * r.id) for r in requests]
    plan = optimise(requests, [vol(101)], edges)
    assert validate(plan, requests, [vol(101)]) == []
    assert pairs(plan) == {(2, 101), (4, 101)}


def test_busy_periods_drop_clashing_edges():
    busy = BusyPeriod((Slot(1, t(11), t(12)),), FEB, MAR)
    requests = [req(1), req(2, start=APR)]
    volunteers = [vol(101, busy=[busy])]
    edges = [Edge(1, 101, 10.0), Edge(2, 101, 5.0)]
    assert pairs(optimise(requests, volunteers, edges)) == {(2, 101)}
    assert pairs(greedy(requests, volunteers, edges)) == {(2, 101)}


def test_time_limit_falls_back_to_greedy():
    rng = random.Random(7)
    requests, volunteers, edges = random_instance(rng)
    plan = optimise(requests, volunteers, edges, time_limit=0)
    base = greedy(requests, volunteers, edges)
    assert not plan.optimal
    assert plan.key() >= base.key()
    assert validate(plan, requests, volunteers) == []


def test_larger_instance_is_valid_deterministic_and_beats_greedy():
    rng = random.Random(11)
    requests = [
        req(
            rid,
            needed=rng.choice([1, 1, 1, 2, 3]),
            hours=rng.choice([1.0, 2.0, 3.0]),
            slots=tuple(rng.sample(SLOT_CHOICES, rng.randint(1, 2))),
            urgency=rng.randint(0, 3),
        )
        for rid in range(1, 301)
    ]
    volunteers = [vol(vid, rng.choice([2.0, 4.0, 6.0])) for vid in range(1, 401)]
    edges = [
        Edge(r.id, vid, round(rng.uniform(0, 60), 2))
        for r in requests
        for vid in rng.sample(range(1, 401), 8)
    ]
    plan = optimise(requests, volunteers, edges)
    base = greedy(requests, volunteers, edges)
    assert validate(plan, requests, volunteers) == []
    assert plan.optimal
    assert plan.filled >= base.filled
    assert plan.key() > base.key()
    assert optimise(requests, volunteers, edges).pairs == plan.pairs


def test_validate_reports_every_broken_rule():
    requests = [
        req(1),
        req(2, slots=(Slot(1, t(11), t(13)),)),
        req(3, hours=9, slots=(Slot(5, t(8), t(17)),)),
    ]
    volunteers = [
        vol(101, max_hours=10, busy=[BusyPeriod((Slot(1, t(10), t(11)),), JAN, END)]),
        vol(102, max_hours=10),
    ]

    def plan(*edges, filled=None, total=None):
        return Plan(
            pairs=edges,
            filled=len(edges) if filled is None else filled,
            total_score=sum(e.score for e in edges) if total is None else total,
            method="test",
            optimal=False,
            seconds=0.0,
        )

    def check(p, words):
        problems = validate(p, requests, volunteers)
        assert len(problems) == 1 and words in problems[0], problems

    assert validate(plan(Edge(1, 102, 1.0)), requests, volunteers) == []
    check(plan(Edge(1, 101, 1.0)), "busy")
    check(plan(Edge(1, 102, 1.0), Edge(2, 102, 1.0)), "overlapping")
    check(plan(Edge(1, 102, 1.0), Edge(3, 102, 1.0)), "over hours")
    check(plan(Edge(1, 102, 1.0), Edge(1, 103, 1.0)), "unknown")
    check(plan(Edge(3, 102, 1.0), Edge(3, 102, 1.0)), "twice")
    two = [req(1), req(4, slots=(Slot(3, t(8), t(9)),))]
    assert (
        "needed"
        in validate(
            plan(Edge(1, 102, 1.0), Edge(1, 101, 1.0)), two, [vol(101), vol(102)]
        )[0]
    )
    check(plan(Edge(1, 102, 1.0), filled=2), "filled")
    check(plan(Edge(1, 102, 1.0), total=5.0), "total_score")


def test_never_fills_fewer_places_than_greedy_even_for_an_outsized_score():
    # One score worth more than a filled place: the objective alone would
    # rather fill request 1 than requests 2 and 3, which greedy fills.
    requests = [
        req(1, urgency=0, slots=(Slot(1, t(8), t(14)),)),
        req(2, urgency=3, slots=(Slot(1, t(8), t(10)),)),
        req(3, urgency=3, slots=(Slot(1, t(12), t(14)),)),
    ]
    edges = [Edge(1, 101, 3000.0), Edge(2, 101, 0.0), Edge(3, 101, 0.0)]
    base = greedy(requests, [vol(101)], edges)
    plan = optimise(requests, [vol(101)], edges)
    best = brute_force(requests, [vol(101)], edges)
    assert pairs(best) == {(1, 101)}
    assert pairs(base) == pairs(plan) == {(2, 101), (3, 101)}
    assert not plan.optimal


@pytest.mark.parametrize("block", range(2))
def test_large_component_path_equals_brute_force(monkeypatch, block):
    # Every component takes the path for large ones: LP bound, reduced-cost
    # fixing, MILP on what is left.
    monkeypatch.setattr(milp, "LARGE_EDGES", 0)
    rng = random.Random(4242 + block)
    for _ in range(50):
        requests, volunteers, edges = random_instance(rng)
        best = brute_force(requests, volunteers, edges)
        plan = optimise(requests, volunteers, edges)
        assert validate(plan, requests, volunteers) == []
        assert plan.optimal
        assert plan.objective == pytest.approx(best.objective, abs=1e-6)


def test_large_component_too_big_for_the_milp_keeps_a_valid_incumbent(monkeypatch):
    monkeypatch.setattr(milp, "LARGE_EDGES", 0)
    monkeypatch.setattr(milp, "MAX_MILP_EDGES", 0)
    rng = random.Random(99)
    for _ in range(30):
        requests, volunteers, edges = random_instance(rng)
        plan = optimise(requests, volunteers, edges)
        base = greedy(requests, volunteers, edges)
        assert validate(plan, requests, volunteers) == []
        assert plan.key() >= base.key()


def test_fix_and_optimise_windows_improve_on_greedy(monkeypatch):
    # No exact path: the plan comes from re-optimising windows of requests.
    monkeypatch.setattr(milp, "LARGE_EDGES", 0)
    monkeypatch.setattr(milp, "MAX_MILP_EDGES", 0)
    requests = [req(1, urgency=3), req(2, urgency=0)]
    volunteers = [vol(101), vol(102)]
    edges = [Edge(1, 101, 50.0), Edge(1, 102, 40.0), Edge(2, 101, 30.0)]
    plan = optimise(requests, volunteers, edges)
    assert pairs(plan) == {(1, 102), (2, 101)}
    assert not plan.optimal
    monkeypatch.setattr(large, "WINDOW_EDGES", 1)
    rng = random.Random(3)
    for _ in range(30):
        requests, volunteers, edges = random_instance(rng)
        plan = optimise(requests, volunteers, edges)
        assert validate(plan, requests, volunteers) == []
        assert plan.key() >= greedy(requests, volunteers, edges).key()


def test_optimizer_imports_nothing_from_django():
    trees = [
        ast.parse(path.read_text())
        for path in Path(optimizer.__file__).parent.glob("*.py")
    ]
    modules = {
        alias.name.split(".")[0]
        for tree in trees
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {
        (node.module or "").split(".")[0]
        for tree in trees
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
    }
    assert "django" not in modules
    assert modules <= {
        "__future__",
        "datetime",
        "time",
        "collections",
        "dataclasses",
        "numpy",
        "scipy",
        "matching",
    }
    assert "django" not in modules
    assert modules <= {
        "__future__",
        "datetime",
        "time",
        "collections",
        "dataclasses",
        "numpy",
        "scipy",
        "matching",
    }
