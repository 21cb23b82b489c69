"""The greedy baseline: request by request, the best free candidate."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Sequence

from matching.optimizer.model import (
    BatchRequest,
    BatchVolunteer,
    Edge,
    Plan,
    _Conflicts,
    _Instance,
    _plan,
)


def _greedy_pairs(
    inst: _Instance, conflict: _Conflicts, edges: Sequence[Edge] | None = None
) -> list[Edge]:
    by_request: dict[int, list[Edge]] = defaultdict(list)
    for e in inst.edges if edges is None else edges:
        by_request[e.request_id].append(e)
    taken: dict[int, list[int]] = defaultdict(list)
    pairs: list[Edge] = []
    order = sorted(by_request, key=lambda rid: (-inst.requests[rid].urgency, rid))
    for rid in order:
        r = inst.requests[rid]
        count = 0
        for e in sorted(by_request[rid], key=lambda e: (-e.score, e.volunteer_id)):
            if count >= r.needed:
                break
            vid = e.volunteer_id
            if any(conflict(rid, other) for other in taken[vid]):
                continue
            if not inst.fits(vid, taken[vid], r):
                continue
            taken[vid].append(rid)
            pairs.append(e)
            count += 1
    return pairs


def greedy(
    requests: Iterable[BatchRequest],
    volunteers: Iterable[BatchVolunteer],
    edges: Iterable[Edge],
) -> Plan:
    """The baseline: requests by urgency (desc) then id, each takes its best free
    feasible candidates (score desc, volunteer id asc) until its places are full."""
    started = time.perf_counter()
    inst = _Instance(requests, volunteers, edges)
    pairs = _greedy_pairs(inst, _Conflicts(inst.requests))
    return _plan(pairs, inst, "greedy", False, started)
