"""The scoring core: plain functions, no database."""

import ast
import dataclasses
import datetime as dt
import random
from pathlib import Path

import pytest

from matching import engine
from matching.engine import (
    WEIGHTS,
    CandidateInput,
    Reason,
    RequestInput,
    Slot,
    Weights,
    availability_overlap,
    distance_km,
    rank,
    score_candidate,
    slots_overlap,
)

SIGN_LANGUAGE, FIRST_AID, DRIVING, COOKING = 1, 2, 3, 4
SHOPPING = 7
CENTRE = (49.9130, 18.9960)
NORTH_12KM = (50.0209, 18.9960)  # 0.1079° of latitude ≈ 12 km


def t(hour: int, minute: int = 0) -> dt.time:
    return dt.time(hour, minute)


def make_request(**kwargs) -> RequestInput:
    values = {
        "id": 1,
        "category_id": SHOPPING,
        "district_id": 10,
        "location": CENTRE,
        "required_skills": frozenset(),
        "nice_skills": frozenset(),
        "slots": (Slot(1, t(10), t(12)),),
        "party_key": "b:5",
        "weekly_hours": 2.0,
        "needed": 1,
        "urgency": 1,
        "date_from": dt.date(2026, 1, 1),
        "date_to": dt.date(2026, 3, 31),
    }
    values.update(kwargs)
    return RequestInput(**values)


def make_candidate(**kwargs) -> CandidateInput:
    """A candidate who earns no points: every rule adds to this baseline."""
    values = {
        "id": 100,
        "district_id": 20,
        "location": None,
        "skills": frozenset(),
        "interests": frozenset(),
        "availability": frozenset({(1, "morning")}),
        "active_assignments": 0,
        "helped_parties": frozenset(),
        "hours_committed": 0.0,
        "max_hours_per_week": 10,
    }
    values.update(kwargs)
    return CandidateInput(**values)


def reasons(suggestion) -> dict[str, Reason]:
    return {r.code: r for r in suggestion.reasons}


BASELINE = score_candidate(make_request(), make_candidate())


def test_baseline_scores_only_availability():
    assert [r.code for r in BASELINE.reasons] == ["availability"]
    assert BASELINE.score == WEIGHTS.availability


def gain(request=None, **candidate) -> tuple[float, dict[str, Reason]]:
    """Score difference against the baseline and the reasons of the new score."""
    s = score_candidate(request or make_request(), make_candidate(**candidate))
    return round(s.score - BASELINE.score, 2), reasons(s)


# --- one test per rule -------------------------------------------------------


def test_required_skills_add_per_skill():
    request = make_request(required_skills=frozenset({SIGN_LANGUAGE, FIRST_AID}))
    suggestion = score_candidate(
        request, make_candidate(skills=frozenset({SIGN_LANGUAGE, FIRST_AID}))
    )
    r = reasons(suggestion)
    assert r["required_skill"].points == 2 * WEIGHTS.required_skill
    assert r["required_skill"].params == {"skill_ids": [SIGN_LANGUAGE, FIRST_AID]}
    assert "missing_required_skill" not in r


def test_a_candidate_lacking_a_required_skill_is_not_ranked():
    """Required skills are a hard rule, here as in the SQL filter, "why not"
    and the batch's register (tests/matching/test_eligibility.py)."""
    request = make_request(required_skills=frozenset({SIGN_LANGUAGE, FIRST_AID}))
    partial = make_candidate(id=1, skills=frozenset({SIGN_LANGUAGE}))
    full = make_candidate(id=2, skills=frozenset({SIGN_LANGUAGE, FIRST_AID, COOKING}))
    assert [s.candidate_id for s in rank(request, [partial, full])] == [2]
    assert [s.candidate_id for s in rank(request, [partial, full], limit=5)] == [2]
    assert engine.missing_skills(request.required_skills, partial.skills) == {FIRST_AID}
    assert not engine.missing_skills(request.required_skills, full.skills)


def test_nice_skills_add_less_than_required():
    request = make_request(nice_skills=frozenset({COOKING, DRIVING}))
    diff, r = gain(request, skills=frozenset({COOKING}))
    assert diff == WEIGHTS.nice_skill
    assert r["nice_skill"].params == {"skill_ids": [COOKING]}
    assert WEIGHTS.nice_skill < WEIGHTS.required_skill


def test_a_skill_both_required_and_nice_counts_once():
    request = make_request(
        required_skills=frozenset({DRIVING}), nice_skills=frozenset({DRIVING})
    )
    suggestion = score_candidate(request, make_candidate(skills=frozenset({DRIVING})))
    assert "nice_skill" not in reasons(suggestion)


def test_availability_counts_the_fraction_of_hours_covered():
    request = make_request(slots=(Slot(1, t(10), t(14)),))  # Tuesday 10–14
    morning = score_candidate(request, make_candidate())
    r = reasons(morning)["availability"]
    assert r.params == {"slots": [(1, "10:00", "12:00")], "fraction": 0.5}
    assert r.points == WEIGHTS.availability * 0.5
    whole = score_candidate(
        request,
        make_candidate(availability=frozenset({(1, "morning"), (1, "afternoon")})),
    )
    r = reasons(whole)["availability"]
    assert r.params == {"slots": [(1, "10:00", "14:00")], "fraction": 1.0}
    assert whole.score - morning.score == WEIGHTS.availability * 0.5


def test_no_common_time_gives_no_availability_points():
    suggestion = score_candidate(
        make_request(), make_candidate(availability=frozenset({(2, "morning")}))
    )
    assert [(r.code, r.points) for r in suggestion.reasons] == [
        ("no_availability", 0.0)
    ]
    assert suggestion.score == 0


def test_same_district_adds_and_other_district_costs_distance():
    diff, r = gain(district_id=10)
    assert diff == WEIGHTS.same_district
    assert "distance" not in r
    diff, r = gain(location=NORTH_12KM)
    assert r["distance"].params == {"km": 12.0}
    assert diff == pytest.approx(WEIGHTS.distance_per_km * 12.0, abs=0.01)


def test_distance_penalty_is_capped():
    diff, r = gain(location=(52.2297, 21.0122))  # Warszawa, ~300 km
    assert r["distance"].params["km"] > 250
    assert diff == WEIGHTS.distance_cap


def test_unknown_location_costs_nothing():
    assert gain(location=None)[0] == 0
    assert gain(make_request(location=None), location=CENTRE)[0] == 0


def test_continuity_beneficiary_and_institution():
    diff, r = gain(helped_parties=frozenset({"b:5"}))
    assert diff == WEIGHTS.continuity
    assert r["continuity"].params == {"party": "b"}
    assert gain(helped_parties=frozenset({"b:6", "i:5"}))[0] == 0
    diff, r = gain(make_request(party_key="i:5"), helped_parties=frozenset({"i:5"}))
    assert r["continuity"].params == {"party": "i"}


def test_interest_in_the_category():
    diff, r = gain(interests=frozenset({SHOPPING}))
    assert diff == WEIGHTS.interest
    assert r["interest"].params == {"category_id": SHOPPING}
    assert gain(interests=frozenset({SHOPPING + 1}))[0] == 0


def test_load_penalty_per_active_assignment():
    diff, r = gain(active_assignments=3)
    assert diff == 3 * WEIGHTS.load_per_assignment
    assert r["load"].params == {"count": 3}


def test_request_over_the_weekly_hours_cap_is_penalised():
    diff, r = gain(hours_committed=9.0, max_hours_per_week=10)  # needs 2 h
    assert diff == WEIGHTS.over_hours_cap
    assert r["hours_cap"].params == {"hours_left": 1.0, "weekly_hours": 2.0}
    assert gain(hours_committed=8.0, max_hours_per_week=10)[0] == 0


def test_urgency_does_not_change_the_order():
    candidates = [
        make_candidate(id=i, district_id=10 if i % 2 else 20, active_assignments=i)
        for i in range(1, 8)
    ]
    orders = {
        urgency: [
            s.candidate_id for s in rank(make_request(urgency=urgency), candidates)
        ]
        for urgency in range(4)
    }
    assert len({tuple(o) for o in orders.values()}) == 1


def test_score_is_the_rounded_sum_of_reasons():
    request = make_request(
        required_skills=frozenset({SIGN_LANGUAGE}),
        slots=(Slot(1, t(10), t(13)),),
    )
    suggestion = score_candidate(
        request,
        make_candidate(
            skills=frozenset({SIGN_LANGUAGE}),
            location=(49.95, 19.05),
            active_assignments=1,
        ),
    )
    assert suggestion.score == round(sum(r.points for r in suggestion.reasons), 2)
    assert all(r.points == round(r.points, 2) for r in suggestion.reasons)
    assert suggestion.score == round(suggestion.score, 2)


def test_weights_are_read_from_one_place():
    doubled = Weights(
        **{f.name: 2 * getattr(WEIGHTS, f.name) for f in dataclasses.fields(Weights)}
    )
    request = make_request(
        required_skills=frozenset({SIGN_LANGUAGE}), nice_skills=frozenset({COOKING})
    )
    candidate = make_candidate(
        skills=frozenset({SIGN_LANGUAGE, COOKING}),
        district_id=10,
        interests=frozenset({SHOPPING}),
        helped_parties=frozenset({"b:5"}),
        active_assignments=2,
    )
    normal = score_candidate(request, candidate)
    double = score_candidate(request, candidate, weights=doubled)
    assert len(normal.reasons) == 7
    assert double.score == 2 * normal.score
    for a, b in zip(normal.reasons, double.reasons, strict=True):
        assert b.points == 2 * a.points


# --- ranking -----------------------------------------------------------------


def test_rank_sorts_by_score_then_candidate_id():
    request = make_request()
    candidates = [
        make_candidate(id=5),
        make_candidate(id=3, district_id=10),
        make_candidate(id=4),
        make_candidate(id=1, active_assignments=1),
        make_candidate(id=2),
    ]
    ids = [s.candidate_id for s in rank(request, candidates)]
    assert ids == [3, 2, 4, 5, 1]
    assert [s.candidate_id for s in rank(request, reversed(candidates))] == ids
    assert [s.candidate_id for s in rank(request, candidates, limit=3)] == [3, 2, 4]


def test_rank_ties_go_by_id():
    # A third of the hours free: 6.67 points, rounded the same for both.
    request = make_request(slots=(Slot(1, t(11), t(14)),))
    candidates = [make_candidate(id=9), make_candidate(id=8)]
    result = rank(request, candidates)
    assert result[0].score == result[1].score
    assert [s.candidate_id for s in result] == [8, 9]


# --- time and distance helpers -----------------------------------------------


def test_availability_overlap_joins_adjacent_parts_and_days():
    slots = (Slot(1, t(10), t(14)), Slot(3, t(15), t(19)), Slot(5, t(9), t(10)))
    free = availability_overlap(
        slots, {(1, "morning"), (1, "afternoon"), (3, "evening"), (4, "morning")}
    )
    assert free == [Slot(1, t(10), t(14)), Slot(3, t(16), t(19))]


def test_availability_overlap_outside_parts_of_day():
    assert availability_overlap((Slot(0, t(6), t(8)),), {(0, "morning")}) == []


def test_slots_overlap_is_half_open_and_per_weekday():
    tue = Slot(1, t(10), t(12))
    assert slots_overlap([tue], [Slot(1, t(11), t(13))])
    assert not slots_overlap([tue], [Slot(1, t(12), t(14))])
    assert not slots_overlap([tue], [Slot(2, t(10), t(12))])
    assert slots_overlap([Slot(0, t(8), t(9)), tue], [Slot(1, t(9), t(10, 30))])
    assert not slots_overlap([], [tue])


def test_distance_km_haversine():
    assert distance_km(CENTRE, CENTRE) == 0
    assert distance_km(CENTRE, None) is None
    # Kraków – Warszawa is about 252 km as the crow flies.
    assert distance_km((50.0614, 19.9366), (52.2297, 21.0122)) == pytest.approx(
        252, abs=2
    )


def test_engine_imports_nothing_from_django():
    modules = set()
    for path in Path(engine.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                modules |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom):
                modules.add(node.module or "")
    # Within the project, only the engine's own modules.
    assert {m for m in modules if m.startswith("matching")} <= {
        f"matching.engine.{path.stem}"
        for path in Path(engine.__file__).parent.glob("*.py")
    }
    modules = {m.split(".")[0] for m in modules if not m.startswith("matching")}
    assert modules <= {
        "__future__",
        "datetime",
        "heapq",
        "math",
        "collections",
        "dataclasses",
        "functools",
    }


def test_rank_with_limit_agrees_with_full_scoring():
    rng = random.Random(5)
    parts = ("morning", "afternoon", "evening")
    candidates = [
        make_candidate(
            id=cid,
            district_id=rng.randrange(4),
            location=(49.9 + rng.random() / 10, 18.9 + rng.random() / 10),
            skills=frozenset(rng.sample(range(1, 6), rng.randint(0, 3))),
            interests=frozenset(rng.sample(range(5, 10), rng.randint(0, 2))),
            availability=frozenset(
                (rng.randrange(7), rng.choice(parts)) for _ in range(rng.randint(0, 6))
            ),
            active_assignments=rng.randint(0, 3),
            helped_parties=frozenset({"b:5"} if rng.random() < 0.2 else ()),
            hours_committed=rng.choice([0, 4, 9]),
        )
        for cid in rng.sample(range(1, 1000), 300)
    ]
    request = make_request(
        district_id=2,
        required_skills=frozenset({1}),
        nice_skills=frozenset({3}),
        slots=(Slot(1, t(10), t(14)), Slot(4, t(15), t(19)), Slot(1, t(11), t(12))),
    )
    full = rank(request, candidates)
    assert full == sorted(
        (score_candidate(request, c) for c in candidates if 1 in c.skills),
        key=lambda s: (-s.score, s.candidate_id),
    )
    assert rank(request, candidates, limit=25) == full[:25]
    assert rank(request, candidates, limit=0) == []
    assert len({s.score for s in full}) > 20


def test_unhashable_inputs_are_scored_all_the_same():
    request = make_request(
        required_skills={SIGN_LANGUAGE}, slots=[Slot(1, t(10), t(12))]
    )
    candidate = make_candidate(skills=frozenset({SIGN_LANGUAGE}))
    hashable = make_request(required_skills=frozenset({SIGN_LANGUAGE}))
    assert score_candidate(request, candidate) == score_candidate(hashable, candidate)
