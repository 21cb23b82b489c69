"""Checks of plans for the tests and benchmarks: the exhaustive search on small
instances and a validation of every rule."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable

import numpy as np

from matching.optimizer.model import (
    EPS,
    BatchRequest,
    BatchVolunteer,
    Edge,
    Plan,
    _Conflicts,
    _Instance,
    _plan,
    clashes_with_busy,
    conflicts,
    hours_fit_all,
)


def brute_force(
    requests: Iterable[BatchRequest],
    volunteers: Iterable[BatchVolunteer],
    edges: Iterable[Edge],
) -> Plan:
    """The best plan by exhaustive search (with a simple bound): tiny inputs only."""
    started = time.perf_counter()
    inst = _Instance(requests, volunteers, edges)
    conflict = _Conflicts(inst.requests)
    order = sorted(inst.edges, key=lambda e: (e.request_id, e.volunteer_id))
    values = [inst.value(e) for e in order]
    # Best still reachable from edge i on: every positive value left.
    reach = [0.0] * (len(order) + 1)
    for i in range(len(order) - 1, -1, -1):
        reach[i] = reach[i + 1] + max(0.0, values[i])
    count: dict[int, int] = defaultdict(int)
    taken: dict[int, list[int]] = defaultdict(list)
    chosen: list[Edge] = []
    best: list[float | list[Edge]] = [-np.inf, []]

    def search(i: int, total: float) -> None:
        if total + reach[i] <= best[0] + EPS:
            return
        if i == len(order):
            best[0], best[1] = total, list(chosen)
            return
        e = order[i]
        r = inst.requests[e.request_id]
        v = inst.volunteers[e.volunteer_id]
        if (
            values[i] > 0
            and count[r.id] < r.needed
            and not any(conflict(r.id, other) for other in taken[v.id])
            and inst.fits(v.id, taken[v.id], r)
        ):
            count[r.id] += 1
            taken[v.id].append(r.id)
            chosen.append(e)
            search(i + 1, total + values[i])
            chosen.pop()
            taken[v.id].pop()
            count[r.id] -= 1
        search(i + 1, total)

    search(0, 0.0)
    return _plan(best[1], inst, "brute_force", True, started)


def validate(
    plan: Plan,
    requests: Iterable[BatchRequest],
    volunteers: Iterable[BatchVolunteer],
) -> list[str]:
    """Every broken rule of the plan, in words; an empty list when it is valid."""
    by_id = {r.id: r for r in requests}
    vols = {v.id: v for v in volunteers}
    problems: list[str] = []
    seen: set[tuple[int, int]] = set()
    count: dict[int, int] = defaultdict(int)
    taken: dict[int, list[int]] = defaultdict(list)
    for e in plan.pairs:
        pair = (e.request_id, e.volunteer_id)
        r, v = by_id.get(e.request_id), vols.get(e.volunteer_id)
        if r is None or v is None:
            problems.append(f"unknown request or volunteer in {pair}")
            continue
        if pair in seen:
            problems.append(f"pair {pair} picked twice")
            continue
        seen.add(pair)
        count[r.id] += 1
        if clashes_with_busy(r, v):
            problems.append(f"request {r.id} clashes with volunteer {v.id}'s busy time")
        for other in taken[v.id]:
            if conflicts(r, by_id[other]):
                problems.append(
                    f"volunteer {v.id} has overlapping requests {other} and {r.id}"
                )
        taken[v.id].append(r.id)
    for rid, n in sorted(count.items()):
        if n > by_id[rid].needed:
            problems.append(f"request {rid} got {n} > {by_id[rid].needed} needed")
    for vid, rids in sorted(taken.items()):
        if not hours_fit_all(vols[vid], [by_id[rid] for rid in rids]):
            problems.append(
                f"volunteer {vid} over hours: more than {vols[vid].max_hours} a "
                f"week on a day of requests {sorted(rids)}"
            )
    if plan.filled != len(plan.pairs):
        problems.append(f"filled {plan.filled} != {len(plan.pairs)} pairs")
    if abs(plan.total_score - sum(e.score for e in plan.pairs)) > 0.006:
        problems.append("total_score is not the sum of the pairs' scores")
    return problems
