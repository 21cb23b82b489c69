"""The scoring core of matching: plain Python, no Django, no ORM.

It takes simple typed inputs (built from model rows by a thin layer elsewhere),
scores one volunteer against one help request and gives the reasons for the
score, so that staff see *why* someone is suggested. Every weight lives in
``WEIGHTS``; scores are rounded to two decimals and ties are broken by the
candidate's id, so the same inputs always give the same order.

Nothing in this package may import Django: it is unit-tested and benchmarked
on its own (``benchmarks/bench_engine.py``).
"""

from matching.engine.schedule import (
    PART_HOURS,
    Slot,
    availability_overlap,
    distance_km,
    peak_load,
    periods_overlap,
    schedules_clash,
    slots_overlap,
)
from matching.engine.scoring import (
    REASON_CODES,
    WEIGHTS,
    CandidateInput,
    Reason,
    RequestInput,
    Suggestion,
    Weights,
    missing_skills,
    rank,
    score_candidate,
)

__all__ = [
    "PART_HOURS",
    "REASON_CODES",
    "WEIGHTS",
    "CandidateInput",
    "Reason",
    "RequestInput",
    "Slot",
    "Suggestion",
    "Weights",
    "availability_overlap",
    "distance_km",
    "missing_skills",
    "peak_load",
    "periods_overlap",
    "rank",
    "schedules_clash",
    "score_candidate",
    "slots_overlap",
]
