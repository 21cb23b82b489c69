"""Making the problem smaller before solving it: connected components, groups
of clashing requests, and edges an optimal plan can do without."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence

import numpy as np
from scipy.sparse import coo_array
from scipy.sparse.csgraph import connected_components

from matching.optimizer.model import (
    BatchRequest,
    Edge,
    _Conflicts,
    _Instance,
    hours_fit_all,
)


def _components(edges: Sequence[Edge]) -> list[list[Edge]]:
    """Edges split into connected components of the request–volunteer graph."""
    if not edges:
        return []
    requests: dict[int, int] = {}
    volunteers: dict[int, int] = {}
    r = np.array([requests.setdefault(e.request_id, len(requests)) for e in edges])
    v = np.array(
        [volunteers.setdefault(e.volunteer_id, len(volunteers)) for e in edges]
    )
    size = len(requests) + len(volunteers)
    graph = coo_array((np.ones(len(edges)), (r, v + len(requests))), (size, size))
    labels = connected_components(graph.tocsr(), directed=False)[1][r]
    groups: dict[int, list[Edge]] = defaultdict(list)
    for label, e in zip(labels.tolist(), edges, strict=True):
        groups[label].append(e)
    return list(groups.values())


def _cliques(rids: list[int], requests: dict[int, BatchRequest]) -> list[list[int]]:
    """Maximal sets of one volunteer's requests that pairwise conflict.

    A request is a union of boxes (weekly time window × date range); boxes that
    pairwise intersect share a common point (Helly), whose time is some box's
    start and whose date is some box's first day. So the requests covering each
    such point form the cliques, and "at most one per clique" says exactly
    "no two conflicting requests".
    """
    boxes: dict[int, list[tuple[int, int, dt.date, dt.date, int]]] = defaultdict(list)
    for rid in rids:
        r = requests[rid]
        for s in r.slots:
            start = s.start.hour * 60 + s.start.minute
            end = s.end.hour * 60 + s.end.minute
            if start < end:
                boxes[s.weekday].append((start, end, r.date_from, r.date_to, rid))
    found: set[frozenset[int]] = set()
    for day_boxes in boxes.values():
        if len(day_boxes) < 2:
            continue
        starts = {b[0] for b in day_boxes}
        firsts = {b[2] for b in day_boxes}
        for t in starts:
            for d in firsts:
                members = frozenset(
                    b[4] for b in day_boxes if b[0] <= t < b[1] and b[2] <= d <= b[3]
                )
                if len(members) > 1:
                    found.add(members)
    maximal = [c for c in found if not any(c < other for other in found)]
    return sorted(sorted(c) for c in maximal)


def _unconstrained(
    vid: int, rids: Iterable[int], inst: _Instance, conflict: _Conflicts
) -> bool:
    """True when the volunteer can take all these requests at once."""
    rids = list(rids)
    if len(rids) < 2:
        return True
    if not hours_fit_all(inst.volunteers[vid], [inst.requests[rid] for rid in rids]):
        return False
    return not any(conflict(a, b) for i, a in enumerate(rids) for b in rids[i + 1 :])


def _reduce(edges: Sequence[Edge], inst: _Instance, conflict: _Conflicts) -> list[Edge]:
    """Drop edges that some optimal plan does without (the optimum stays).

    Call a volunteer *unconstrained* when they could take every request they
    still have an edge to. If request r has at least ``needed`` edges to
    unconstrained volunteers, keep its best ``needed`` of those and, besides,
    only edges worth more than the last of them: any plan using another edge
    of r can swap it for one of the kept unconstrained edges it misses, at no
    loss and without breaking a rule. Dropping edges makes more volunteers
    unconstrained, so this runs until nothing changes.
    """
    by_request: dict[int, dict[int, Edge]] = defaultdict(dict)
    by_volunteer: dict[int, set[int]] = defaultdict(set)
    for e in edges:
        by_request[e.request_id][e.volunteer_id] = e
        by_volunteer[e.volunteer_id].add(e.request_id)
    free: dict[int, bool] = {}

    def is_free(vid: int) -> bool:
        hit = free.get(vid)
        if hit is None:
            hit = free[vid] = _unconstrained(vid, by_volunteer[vid], inst, conflict)
        return hit

    queue = sorted(by_request)
    queued = set(queue)
    while queue:
        rid = queue.pop()
        queued.discard(rid)
        mine = by_request[rid]
        needed = inst.requests[rid].needed
        unconstrained = sorted(
            (e for vid, e in mine.items() if is_free(vid)),
            key=lambda e: (-e.score, e.volunteer_id),
        )
        if len(unconstrained) < needed:
            continue
        kept = {e.volunteer_id for e in unconstrained[:needed]}
        floor = unconstrained[needed - 1].score
        for vid, e in list(mine.items()):
            if vid in kept or (not is_free(vid) and e.score > floor):
                continue
            del mine[vid]
            by_volunteer[vid].discard(rid)
            if not free.get(vid, False):
                free.pop(vid, None)
                if is_free(vid):  # newly unconstrained: its requests may shrink
                    for other in by_volunteer[vid]:
                        if other not in queued:
                            queued.add(other)
                            queue.append(other)
    return [e for rid in sorted(by_request) for e in by_request[rid].values()]
