"""Benchmark of the matching core on synthetic data (no database, no Django).

    python benchmarks/bench_engine.py            # full size (a few minutes)
    python benchmarks/bench_engine.py --quick    # a small smoke run

1. Ranking: ``--candidates`` volunteers (100,000); ``--rank-requests`` requests
   (500), each ranked against a pool of ``--pool`` candidates (2,000: what is
   left after the SQL filters), top 15 kept. Reports the median and p95 time
   of one ``rank`` call.
2. Batch: ``--batch-requests`` open requests (20,000), each with its top
   ``--top-k`` (15) candidates scored by the engine (from a pool of
   ``--batch-pool`` volunteers free at the request's time). Reports greedy vs
   the exact optimiser: places filled, total score, objective, time, and checks
   both plans with ``validate``.
3. Small instances: ``optimise`` against ``brute_force`` and ``greedy``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.load import percentile
from matching.engine import (
    PART_HOURS,
    CandidateInput,
    RequestInput,
    Slot,
    rank,
)
from matching.optimizer import (
    BatchRequest,
    BatchVolunteer,
    BusyPeriod,
    Edge,
    greedy,
    optimise,
)
from matching.optimizer.checks import brute_force, validate
from matching.optimizer.model import _Conflicts, _Instance
from matching.optimizer.reduce import _components, _reduce

DISTRICTS = 12  # Czechowice-Dziedzice: the town's districts and the sołectwa
SKILLS = 40
CATEGORIES = 10
PARTIES = 8000
PARTS = tuple(PART_HOURS)
TODAY = dt.date(2026, 1, 5)


def district_location(district: int) -> tuple[float, float]:
    return (49.88 + 0.012 * (district % 4), 18.95 + 0.02 * (district // 4))


def make_candidates(n: int, rng: random.Random) -> list[CandidateInput]:
    candidates = []
    for cid in range(1, n + 1):
        district = rng.randrange(DISTRICTS)
        cells = rng.sample(range(21), rng.randint(2, 9))
        active = rng.choices([0, 1, 2, 3], weights=[50, 30, 15, 5])[0]
        candidates.append(
            CandidateInput(
                id=cid,
                district_id=district,
                location=district_location(district),
                skills=frozenset(rng.sample(range(SKILLS), rng.randint(0, 4))),
                interests=frozenset(rng.sample(range(CATEGORIES), rng.randint(0, 3))),
                availability=frozenset((c // 3, PARTS[c % 3]) for c in cells),
                active_assignments=active,
                helped_parties=frozenset(
                    f"b:{rng.randrange(PARTIES)}" for _ in range(rng.randint(0, 2))
                ),
                hours_committed=float(2 * active),
                max_hours_per_week=rng.choice([4, 6, 8, 10, 12]),
            )
        )
    return candidates


def make_request(rid: int, rng: random.Random) -> RequestInput:
    slots = []
    for weekday in rng.sample(range(7), rng.choice([1, 1, 2, 3])):
        start = rng.randrange(8, 19)
        length = rng.choice([1, 1, 2, 2, 3])
        slots.append(Slot(weekday, dt.time(start), dt.time(min(20, start + length))))
    district = rng.randrange(DISTRICTS)
    date_from = TODAY + dt.timedelta(days=rng.randrange(0, 120))
    weekly = sum(
        (s.end.hour - s.start.hour) for s in slots
    )  # the slots' hours per week
    return RequestInput(
        id=rid,
        category_id=rng.randrange(CATEGORIES),
        district_id=district,
        location=district_location(district),
        required_skills=frozenset(rng.sample(range(SKILLS), rng.choice([0, 0, 1, 2]))),
        nice_skills=frozenset(rng.sample(range(SKILLS), rng.choice([0, 1, 2]))),
        slots=tuple(slots),
        party_key=f"b:{rng.randrange(PARTIES)}",
        weekly_hours=float(weekly),
        needed=rng.choices([1, 2, 3], weights=[75, 20, 5])[0],
        urgency=rng.choices([0, 1, 2, 3], weights=[20, 50, 20, 10])[0],
        date_from=date_from,
        date_to=date_from + dt.timedelta(days=rng.choice([0, 30, 90, 180])),
    )


def free_at(candidates: list[CandidateInput]) -> dict[tuple[int, str], list[int]]:
    """Indexes of candidates by availability cell (a stand-in for SQL filters)."""
    index: dict[tuple[int, str], list[int]] = {}
    for i, c in enumerate(candidates):
        for cell in c.availability:
            index.setdefault(cell, []).append(i)
    return index


def pool_for(request, candidates, index, size, rng) -> list[CandidateInput]:
    """Candidates free for part of the request's time (what SQL would return)."""
    slot = request.slots[0]
    parts = [
        p
        for p, (start, end) in PART_HOURS.items()
        if slot.start < end and start < slot.end
    ]
    ids = index[(slot.weekday, rng.choice(parts))]
    return [candidates[i] for i in rng.sample(ids, min(size, len(ids)))]


def bench_rank(candidates, index, args, rng) -> None:
    times = []
    for rid in range(1, args.rank_requests + 1):
        request = make_request(rid, rng)
        pool = pool_for(request, candidates, index, args.pool, rng)
        started = time.perf_counter()
        rank(request, pool, limit=args.top_k)
        times.append(time.perf_counter() - started)
    print(
        f"rank: {args.rank_requests} requests × {args.pool} candidates, top "
        f"{args.top_k}: median {statistics.median(times) * 1000:.1f} ms, "
        f"p95 {percentile(times, 0.95) * 1000:.1f} ms, "
        f"max {max(times) * 1000:.1f} ms"
    )


def batch_inputs(candidates, index, args, rng):
    """Requests, volunteers and top-k edges; pools come from ``candidates``."""
    requests, edges = [], []
    started = time.perf_counter()
    for rid in range(1, args.batch_requests + 1):
        request = make_request(rid, rng)
        requests.append(
            BatchRequest(
                id=rid,
                needed=request.needed,
                weekly_hours=request.weekly_hours,
                slots=request.slots,
                date_from=request.date_from,
                date_to=request.date_to,
                urgency=request.urgency,
            )
        )
        pool = pool_for(request, candidates, index, args.batch_pool, rng)
        for s in rank(request, pool, limit=args.top_k):
            edges.append(Edge(rid, s.candidate_id, s.score))
    volunteers = []
    for c in candidates:
        busy = []
        for _ in range(c.active_assignments):
            start = rng.randrange(8, 19)
            date_from = TODAY - dt.timedelta(days=rng.randrange(0, 60))
            busy.append(
                BusyPeriod(
                    (Slot(rng.randrange(7), dt.time(start), dt.time(start + 1)),),
                    date_from,
                    date_from + dt.timedelta(days=rng.choice([30, 90, 180])),
                    2.0,
                )
            )
        volunteers.append(
            BatchVolunteer(id=c.id, max_hours=c.max_hours_per_week, busy=tuple(busy))
        )
    print(
        f"batch input: {len(requests)} requests "
        f"({sum(r.needed for r in requests)} places), {len(volunteers)} "
        f"volunteers, {len(edges)} edges "
        f"(built in {time.perf_counter() - started:.1f} s)"
    )
    return requests, volunteers, edges


def show(name, plan, requests, volunteers) -> None:
    problems = validate(plan, requests, volunteers)
    print(
        f"  {name:8} filled {plan.filled:6d}  total score {plan.total_score:12.2f}"
        f"  objective {plan.objective:14.2f}  {plan.seconds:6.2f} s"
        f"  optimal={plan.optimal}  valid={not problems}"
    )


def bench_batch(candidates, index, args, rng) -> None:
    requests, volunteers, edges = batch_inputs(candidates, index, args, rng)
    inst = _Instance(requests, volunteers, edges)
    conflict = _Conflicts(inst.requests)
    reduced = _reduce(inst.edges, inst, conflict)
    sizes = sorted(map(len, _components(reduced)))
    print(
        f"  edges usable {len(inst.edges)}, after reduction {len(reduced)} in "
        f"{len(sizes)} components (largest {sizes[-1] if sizes else 0} edges)"
    )
    base = greedy(requests, volunteers, edges)
    plan = optimise(requests, volunteers, edges, time_limit=args.time_limit)
    show("greedy", base, requests, volunteers)
    show("optimise", plan, requests, volunteers)
    urgent = Counter(r.urgency for r in requests)
    by_id = {r.id: r for r in requests}
    for name, p in (("greedy", base), ("optimise", plan)):
        got = Counter(by_id[e.request_id].urgency for e in p.pairs)
        places = Counter()
        for r in requests:
            places[r.urgency] += r.needed
        print(
            f"  {name:8} places filled by urgency (0..3): "
            + ", ".join(f"{got[u]}/{places[u]}" for u in sorted(urgent))
        )
    print(
        f"  optimise - greedy: filled {plan.filled - base.filled:+d}, "
        f"total score {plan.total_score - base.total_score:+.2f}"
    )


def bench_small(args, rng) -> None:
    slots = [
        Slot(0, dt.time(8), dt.time(10)),
        Slot(0, dt.time(9), dt.time(11)),
        Slot(1, dt.time(10), dt.time(12)),
        Slot(1, dt.time(11), dt.time(13)),
        Slot(3, dt.time(16), dt.time(18)),
    ]
    worse = equal_to_brute = 0
    for _ in range(args.small):
        requests = [
            BatchRequest(
                id=rid,
                needed=rng.choice([1, 1, 2]),
                weekly_hours=rng.choice([1.0, 2.0, 3.0]),
                slots=tuple(rng.sample(slots, rng.randint(1, 2))),
                date_from=TODAY,
                date_to=TODAY + dt.timedelta(days=rng.choice([0, 60])),
                urgency=rng.randint(0, 3),
            )
            for rid in range(1, rng.randint(3, 5) + 1)
        ]
        volunteers = [
            BatchVolunteer(id=vid, max_hours=rng.choice([2.0, 3.0, 4.0]))
            for vid in range(1, rng.randint(3, 6) + 1)
        ]
        edges = [
            Edge(r.id, v.id, round(rng.uniform(0, 60), 2))
            for r in requests
            for v in volunteers
            if rng.random() < 0.6
        ]
        best = brute_force(requests, volunteers, edges)
        plan = optimise(requests, volunteers, edges)
        base = greedy(requests, volunteers, edges)
        equal_to_brute += abs(plan.objective - best.objective) < 1e-6
        worse += base.key() < best.key()
    print(
        f"small instances: optimise == brute force in {equal_to_brute}/{args.small};"
        f" greedy below the optimum in {worse}/{args.small}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--rank-requests", type=int, default=500)
    parser.add_argument("--pool", type=int, default=2000)
    parser.add_argument("--batch-requests", type=int, default=20_000)
    parser.add_argument("--batch-pool", type=int, default=60)
    parser.add_argument("--top-k", type=int, default=15)
    parser.add_argument("--scarce", type=int, default=15_000)
    parser.add_argument("--time-limit", type=float, default=50.0)
    parser.add_argument("--small", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--quick", action="store_true", help="a small smoke run")
    args = parser.parse_args()
    if args.quick:
        args.candidates, args.rank_requests, args.pool = 5000, 50, 500
        args.batch_requests, args.small, args.scarce = 1000, 20, 800
    rng = random.Random(args.seed)
    started = time.perf_counter()
    candidates = make_candidates(args.candidates, rng)
    index = free_at(candidates)
    print(
        f"{len(candidates)} candidates generated in "
        f"{time.perf_counter() - started:.1f} s"
    )
    bench_rank(candidates, index, args, rng)
    print(f"batch, pools from all {len(candidates)} volunteers:")
    bench_batch(candidates, index, args, rng)
    few = candidates[: args.scarce]
    print(f"batch, scarce: pools from only {len(few)} volunteers:")
    bench_batch(few, free_at(few), args, rng)
    bench_small(args, rng)


if __name__ == "__main__":
    main()
