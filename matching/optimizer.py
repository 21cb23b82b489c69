"""Batch proposal: the best set of assignments for all open requests at once.

Plain Python plus scipy (no Django). The input is a bipartite graph: open
requests, volunteers, and scored edges between them (each request's pruned
candidate list from ``matching.engine.rank``). A plan picks edges so that

* a request gets at most ``needed`` volunteers,
* a volunteer's picked requests fit in their ``hours_left`` per week,
* a volunteer never gets two requests whose weekly slots overlap while their
  date ranges overlap, nor one that clashes with an assignment they already
  have (``busy``),

and maximises the batch objective: every picked edge is worth
``WEIGHTS.fill_bonus + WEIGHTS.urgency_bonus * urgency + score``, so filling
places comes first, urgent requests next and the score last.

``greedy`` is the baseline (request by request, the best free candidate);
``optimise`` solves the problem exactly as a MILP (HiGHS through
``scipy.optimize.milp``) per connected component, after dropping edges that an
optimal plan can do without; a component too large for an exact answer in
time gets the best plan found (``optimal=False``), and no plan is ever worse
than greedy's. ``brute_force`` is the exhaustive check used by the tests and
the benchmark; ``validate`` checks every rule.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import coo_array
from scipy.sparse.csgraph import connected_components

from matching.engine import WEIGHTS, Slot, schedules_clash

FILL_BONUS = WEIGHTS.fill_bonus
URGENCY_BONUS = WEIGHTS.urgency_bonus
EPS = 1e-9
# Components up to this many edges are solved together in one MILP call
# (HiGHS splits nothing for us, but one call per tiny component costs more in
# overhead than the solve itself).
GROUP_EDGES = 5000
# Above this many edges a component is not sent to the MILP whole: its LP
# relaxation fixes most edges first (see ``_solve_large``).
LARGE_EDGES = 20_000
# HiGHS's set-up time grows fast with the model and ignores the time limit:
# no MILP call ever gets more edges than this.
MAX_MILP_EDGES = 60_000
# When a large component cannot be solved exactly in time, windows of about
# this many edges are re-optimised one at a time (``_improve``).
WINDOW_EDGES = 1500
WINDOW_SECONDS = 2.0


@dataclass(frozen=True)
class BusyPeriod:
    """An assignment the volunteer already has: weekly slots over a date range."""

    slots: tuple[Slot, ...]
    date_from: dt.date
    date_to: dt.date


@dataclass(frozen=True)
class BatchRequest:
    id: int
    needed: int  # free places
    weekly_hours: float
    slots: tuple[Slot, ...]
    date_from: dt.date
    date_to: dt.date
    urgency: int


@dataclass(frozen=True)
class BatchVolunteer:
    id: int
    hours_left: float  # weekly cap minus hours already committed
    busy: tuple[BusyPeriod, ...] = ()


@dataclass(frozen=True)
class Edge:
    request_id: int
    volunteer_id: int
    score: float


@dataclass(frozen=True)
class Plan:
    pairs: tuple[Edge, ...]  # sorted by (request_id, volunteer_id)
    filled: int
    total_score: float  # sum of the picked edges' scores
    method: str  # "greedy", "milp" or "brute_force"
    optimal: bool  # proven to maximise the objective
    seconds: float
    objective: float = 0.0  # sum of the picked edges' values (see module doc)

    def key(self) -> tuple[int, float]:
        """How plans compare: places filled first, then the objective."""
        return (self.filled, round(self.objective, 6))


def conflicts(r1: BatchRequest, r2: BatchRequest) -> bool:
    """One volunteer cannot take both (the clash rule)."""
    return schedules_clash(
        (r1.date_from, r1.date_to, r1.slots), (r2.date_from, r2.date_to, r2.slots)
    )


def clashes_with_busy(request: BatchRequest, volunteer: BatchVolunteer) -> bool:
    mine = (request.date_from, request.date_to, request.slots)
    return any(
        schedules_clash(mine, (b.date_from, b.date_to, b.slots)) for b in volunteer.busy
    )


def edge_value(request: BatchRequest, score: float) -> float:
    """What one picked edge adds to the batch objective."""
    return FILL_BONUS + URGENCY_BONUS * request.urgency + score


# --- the prepared instance -------------------------------------------------


class _Instance:
    """Requests and volunteers by id, and the edges that can be picked at all."""

    def __init__(self, requests, volunteers, edges):
        self.requests: dict[int, BatchRequest] = {r.id: r for r in requests}
        self.volunteers: dict[int, BatchVolunteer] = {v.id: v for v in volunteers}
        best: dict[tuple[int, int], Edge] = {}
        for e in edges:
            r = self.requests.get(e.request_id)
            v = self.volunteers.get(e.volunteer_id)
            if r is None or v is None or r.needed <= 0:
                continue
            if r.weekly_hours > v.hours_left + EPS:
                continue
            if v.busy and clashes_with_busy(r, v):
                continue
            key = (e.request_id, e.volunteer_id)
            if key not in best or e.score > best[key].score:
                best[key] = e
        self.edges: list[Edge] = list(best.values())

    def value(self, e: Edge) -> float:
        return edge_value(self.requests[e.request_id], e.score)


class _Conflicts:
    """Memoised ``conflicts`` between requests (by id)."""

    def __init__(self, requests: dict[int, BatchRequest]):
        self.requests = requests
        self.cache: dict[tuple[int, int], bool] = {}

    def __call__(self, a: int, b: int) -> bool:
        key = (a, b) if a < b else (b, a)
        hit = self.cache.get(key)
        if hit is None:
            hit = self.cache[key] = conflicts(self.requests[a], self.requests[b])
        return hit


def _plan(
    pairs: Iterable[Edge], inst: _Instance, method: str, optimal: bool, started
) -> Plan:
    pairs = tuple(sorted(pairs, key=lambda e: (e.request_id, e.volunteer_id)))
    return Plan(
        pairs=pairs,
        filled=len(pairs),
        total_score=round(sum(e.score for e in pairs), 2),
        method=method,
        optimal=optimal,
        seconds=round(time.perf_counter() - started, 4),
        objective=round(sum(inst.value(e) for e in pairs), 2),
    )


def _key(pairs: Sequence[Edge], inst: _Instance) -> tuple[int, float]:
    return (len(pairs), round(sum(inst.value(e) for e in pairs), 6))


# --- greedy ----------------------------------------------------------------


def _greedy_pairs(
    inst: _Instance, conflict: _Conflicts, edges: Sequence[Edge] | None = None
) -> list[Edge]:
    by_request: dict[int, list[Edge]] = defaultdict(list)
    for e in inst.edges if edges is None else edges:
        by_request[e.request_id].append(e)
    used: dict[int, float] = defaultdict(float)
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
            if used[vid] + r.weekly_hours > inst.volunteers[vid].hours_left + EPS:
                continue
            if any(conflict(rid, other) for other in taken[vid]):
                continue
            used[vid] += r.weekly_hours
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


# --- the exact solution ----------------------------------------------------


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


def _milp_rows(
    edges: Sequence[Edge], inst: _Instance, conflict: _Conflicts
) -> tuple[list[int], list[int], list[float], list[float]]:
    """The constraint rows (as COO triplets and upper bounds) that can bind."""
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    upper: list[float] = []
    by_request: dict[int, list[int]] = defaultdict(list)
    by_volunteer: dict[int, list[int]] = defaultdict(list)
    for i, e in enumerate(edges):
        by_request[e.request_id].append(i)
        by_volunteer[e.volunteer_id].append(i)

    def row(indices, coefficients, bound):
        n = len(upper)
        rows.extend([n] * len(indices))
        cols.extend(indices)
        vals.extend(coefficients)
        upper.append(bound)

    for rid, idx in by_request.items():
        needed = inst.requests[rid].needed
        if len(idx) > needed:
            row(idx, [1.0] * len(idx), needed)
    for vid, idx in by_volunteer.items():
        if len(idx) < 2:
            continue
        hours = [inst.requests[edges[i].request_id].weekly_hours for i in idx]
        if sum(hours) > inst.volunteers[vid].hours_left + EPS:
            row(idx, hours, inst.volunteers[vid].hours_left)
        rids = [edges[i].request_id for i in idx]
        clashing = {
            rid
            for a, rid in enumerate(rids)
            for other in rids[a + 1 :] + rids[:a]
            if conflict(rid, other)
        }
        if clashing:
            where = {edges[i].request_id: i for i in idx}
            for clique in _cliques(sorted(clashing), inst.requests):
                row([where[rid] for rid in clique], [1.0] * len(clique), 1.0)
    return rows, cols, vals, upper


def _matrix_milp(
    a, upper: np.ndarray, values: np.ndarray, seconds: float
) -> tuple[np.ndarray | None, bool]:
    """Maximise values·x, x binary, a·x <= upper: (x or None, proven optimal)."""
    result = milp(
        c=-values,
        integrality=np.ones(len(values)),
        bounds=Bounds(0, 1),
        constraints=LinearConstraint(a, -np.inf, upper),
        options={"time_limit": max(seconds - 0.05, 0.01), "mip_rel_gap": 0.0},
    )
    if result.x is None:
        return None, False
    return result.x > 0.5, result.status == 0


def _fill(
    edges: Sequence[Edge],
    order: Iterable[int],
    inst: _Instance,
    conflict: _Conflicts,
    start: Iterable[int] = (),
) -> np.ndarray:
    """Take the edges ``start`` (assumed feasible), then each edge of ``order``
    that still fits every rule; the picked ones as a boolean mask."""
    count: dict[int, int] = defaultdict(int)
    used: dict[int, float] = defaultdict(float)
    taken: dict[int, list[int]] = defaultdict(list)
    mask = np.zeros(len(edges), dtype=bool)

    def take(i: int) -> None:
        e = edges[i]
        r = inst.requests[e.request_id]
        count[r.id] += 1
        used[e.volunteer_id] += r.weekly_hours
        taken[e.volunteer_id].append(r.id)
        mask[i] = True

    for i in start:
        take(i)
    for i in order:
        if mask[i]:
            continue
        e = edges[i]
        r = inst.requests[e.request_id]
        vid = e.volunteer_id
        if (
            count[r.id] < r.needed
            and used[vid] + r.weekly_hours <= inst.volunteers[vid].hours_left + EPS
            and not any(conflict(r.id, other) for other in taken[vid])
        ):
            take(i)
    return mask


def _blocks(a, n: int) -> np.ndarray:
    """A label per column: columns sharing a row (transitively) share a label."""
    m = a.shape[0]
    coo = a.tocoo()
    graph = coo_array((np.ones(coo.nnz), (coo.row, coo.col + m)), shape=(m + n, m + n))
    return connected_components(graph.tocsr(), directed=False)[1][m:]


def _improve(
    edges: Sequence[Edge],
    a,
    upper: np.ndarray,
    values: np.ndarray,
    x: np.ndarray,
    deadline: float,
) -> np.ndarray:
    """Fix and optimise: re-solve windows of requests by MILP, with the rest of
    the plan fixed, as long as time is left. A window's current picks stay
    feasible, so the plan only gets better; not proven optimal."""
    a = a.tocsc()
    by_request: dict[int, list[int]] = defaultdict(list)
    for i, e in enumerate(edges):
        by_request[e.request_id].append(i)

    def anchor(rid: int) -> tuple[int, int]:
        # Requests whose best candidate is the same volunteer compete: keep
        # them in one window.
        best = max(by_request[rid], key=lambda i: (values[i], -edges[i].volunteer_id))
        return (edges[best].volunteer_id, rid)

    windows: list[np.ndarray] = []
    current: list[int] = []
    for rid in sorted(by_request, key=anchor):
        current.extend(by_request[rid])
        if len(current) >= WINDOW_EDGES:
            windows.append(np.array(current))
            current = []
    if current:
        windows.append(np.array(current))
    x = x.copy()
    improved = True
    while improved:
        improved = False
        for cols in windows:
            left = deadline - time.perf_counter() - 0.5  # HiGHS may run over
            if left < 0.5:
                return x
            outside = x.astype(float)
            outside[cols] = 0.0
            rhs = upper - a @ outside
            part = a[:, cols].tocsr()
            rows = np.flatnonzero(np.diff(part.indptr))
            got, _ = _matrix_milp(
                part[rows], rhs[rows], values[cols], min(left, WINDOW_SECONDS)
            )
            if got is not None and values[cols] @ got > values[cols] @ x[cols] + 0.5:
                x[cols] = got
                improved = True
    return x


def _solve_large(
    edges: Sequence[Edge],
    inst: _Instance,
    conflict: _Conflicts,
    a,
    upper: np.ndarray,
    values: np.ndarray,
    deadline: float,
) -> tuple[np.ndarray, bool]:
    """A large component, exactly when possible, without a MILP of its full size.

    1. The LP relaxation gives an upper bound and a dual solution y <= 0
       (minimisation form); with reduced costs d = c - aᵀy, any plan x obeys
       values·x <= U - Σ_{d>0} d_j x_j - Σ_{d<0} |d_j| (1 - x_j), where
       U = -(yᵀ·upper + Σ_{d<0} d_j) (weak duality, whatever the LP's accuracy).
    2. An incumbent: the better of greedy and the LP solution rounded down and
       filled up greedily.
    3. An edge whose flip would cost more than U - incumbent is fixed: every
       plan at least as good as the incumbent agrees with it there.
    4. What is left falls apart into small blocks, each solved by MILP.
    """
    n = len(edges)
    by_greedy = sorted(
        range(n),
        key=lambda i: (
            -inst.requests[edges[i].request_id].urgency,
            edges[i].request_id,
            -edges[i].score,
            edges[i].volunteer_id,
        ),
    )
    incumbent = _fill(edges, by_greedy, inst, conflict)
    remaining = deadline - time.perf_counter()
    if remaining <= 0:
        return incumbent, False
    if n > 2 * MAX_MILP_EDGES:
        # The LP of a component this large and contended takes most of the
        # time and rarely fixes enough edges: improve the incumbent instead.
        return _improve(edges, a, upper, values, incumbent, deadline), False
    lp = linprog(
        -values,
        A_ub=a,
        b_ub=upper,
        bounds=(0, 1),
        method="highs-ds",
        options={"time_limit": max(remaining * 0.3, 0.01)},
    )
    if lp.status != 0 or lp.x is None:
        return _improve(edges, a, upper, values, incumbent, deadline), False
    ones = np.flatnonzero(lp.x > 1 - 1e-6)
    by_lp = np.lexsort((-values, -lp.x))
    rounded = _fill(edges, by_lp, inst, conflict, start=ones)
    if values @ rounded > values @ incumbent:
        incumbent = rounded
    best = float(values @ incumbent)

    y = np.minimum(lp.ineqlin.marginals, 0.0)
    d = -values - a.T @ y
    bound = -(float(y @ upper) + float(d[d < 0].sum()))
    slack = bound - best + 0.5
    fix0, fix1 = d > slack, -d > slack
    free = np.flatnonzero(~(fix0 | fix1))
    if (
        incumbent[fix0].any()  # numerically inconsistent
        or not incumbent[fix1].all()
        or len(free) > MAX_MILP_EDGES
    ):
        return _improve(edges, a, upper, values, incumbent, deadline), False
    rhs = upper - np.asarray(a[:, np.flatnonzero(fix1)].sum(axis=1)).ravel()
    sub = a[:, free].tocsc()
    labels = _blocks(sub.tocsr(), len(free))
    solution = fix1.copy()
    proven = True
    order = np.argsort(labels, kind="stable")
    cuts = np.flatnonzero(np.diff(labels[order])) + 1
    blocks = sorted(np.split(order, cuts), key=len)
    chunk: list[np.ndarray] = []
    size = 0
    for k, block in enumerate(blocks):
        chunk.append(block)
        size += len(block)
        if size < GROUP_EDGES and k < len(blocks) - 1:
            continue
        cols = np.concatenate(chunk)
        chunk, size = [], 0
        part = sub[:, cols].tocsr()
        used_rows = np.flatnonzero(np.diff(part.indptr))
        left = deadline - time.perf_counter()
        x, ok = (None, False)
        if not len(used_rows):
            x, ok = values[free[cols]] > 0, True
        elif left > 0:
            x, ok = _matrix_milp(
                part[used_rows], np.asarray(rhs)[used_rows], values[free[cols]], left
            )
        proven = proven and ok
        mine = incumbent[free[cols]]
        if x is None or values[free[cols]] @ x < values[free[cols]] @ mine:
            x = mine
        solution[free[cols]] = x
    return solution, proven


def _solve_milp(
    edges: Sequence[Edge], inst: _Instance, conflict: _Conflicts, seconds: float
) -> tuple[list[Edge] | None, bool]:
    """Picked edges (None if no solution was found) and whether proven optimal."""
    deadline = time.perf_counter() + seconds
    rows, cols, vals, upper = _milp_rows(edges, inst, conflict)
    values = np.array([inst.value(e) for e in edges])
    if not upper:  # nothing can bind: take every edge worth taking
        return [e for e, v in zip(edges, values, strict=True) if v > 0], True
    cents = np.round(values * 100)
    if np.allclose(cents, values * 100, rtol=0, atol=1e-6):
        values = cents  # integral objective: lets HiGHS prune on integrality
    a = coo_array((vals, (rows, cols)), shape=(len(upper), len(edges))).tocsr()
    if len(edges) > LARGE_EDGES:
        x, proven = _solve_large(
            edges, inst, conflict, a, np.array(upper), values, deadline
        )
    else:
        x, proven = _matrix_milp(a, np.array(upper), values, seconds)
    if x is None:
        return None, False
    return [e for e, keep in zip(edges, x, strict=True) if keep], proven


def _unconstrained(
    vid: int, rids: Iterable[int], inst: _Instance, conflict: _Conflicts
) -> bool:
    """True when the volunteer can take all these requests at once."""
    rids = list(rids)
    if len(rids) < 2:
        return True
    hours = sum(inst.requests[rid].weekly_hours for rid in rids)
    if hours > inst.volunteers[vid].hours_left + EPS:
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


def optimise(
    requests: Iterable[BatchRequest],
    volunteers: Iterable[BatchVolunteer],
    edges: Iterable[Edge],
    *,
    time_limit: float = 50.0,
) -> Plan:
    """The plan maximising the batch objective, never worse than greedy's.

    Edges that an optimal plan can do without are dropped first (``_reduce``),
    which splits the graph into many small connected components. Components
    where no rule can bind take their best edges directly; the others go to
    the MILP, small ones together in a few calls, large ones one by one,
    smallest first, all within ``time_limit`` seconds. A component whose MILP
    runs out of time keeps the better of the solver's best solution and
    greedy's on it (``optimal`` is then False). Finally, per connected
    component of the whole graph, the result is compared with the greedy
    baseline (places filled, then the objective) and the better one is kept.
    """
    started = time.perf_counter()
    deadline = started + time_limit
    inst = _Instance(requests, volunteers, edges)
    conflict = _Conflicts(inst.requests)
    baseline = _greedy_pairs(inst, conflict)
    reduced = _reduce(inst.edges, inst, conflict)

    pairs: list[Edge] = []
    optimal = True
    hard: list[list[Edge]] = []
    for comp in sorted(_components(reduced), key=len):
        if _milp_rows(comp, inst, conflict)[3]:
            hard.append(comp)
        else:  # no rule can bind: every edge worth taking is taken
            pairs.extend(e for e in comp if inst.value(e) > 0)

    groups: list[list[list[Edge]]] = []
    for comp in hard:
        if groups and sum(map(len, groups[-1])) + len(comp) <= GROUP_EDGES:
            groups[-1].append(comp)
        else:
            groups.append([comp])
    for group in groups:
        group_edges = [e for comp in group for e in comp]
        remaining = deadline - time.perf_counter()
        picked, proven = (None, False)
        if remaining > 0:
            picked, proven = _solve_milp(group_edges, inst, conflict, remaining)
        if proven and picked is not None:
            pairs.extend(picked)
            continue
        optimal = False
        fallback = _greedy_pairs(inst, conflict, group_edges)
        if picked is None or _key(fallback, inst) > _key(picked, inst):
            picked = fallback
        pairs.extend(picked)

    # The guard: never worse than greedy on any part of the whole graph.
    whole = _components(inst.edges)
    part_of = {e.request_id: i for i, comp in enumerate(whole) for e in comp}
    mine: list[list[Edge]] = [[] for _ in whole]
    theirs: list[list[Edge]] = [[] for _ in whole]
    for e in pairs:
        mine[part_of[e.request_id]].append(e)
    for e in baseline:
        theirs[part_of[e.request_id]].append(e)
    chosen: list[Edge] = []
    for a, b in zip(mine, theirs, strict=True):
        if _key(b, inst) > _key(a, inst):
            optimal = False
            chosen.extend(b)
        else:
            chosen.extend(a)
    return _plan(chosen, inst, "milp", optimal, started)


# --- exhaustive search and validation (tests, benchmarks) ------------------


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
    used: dict[int, float] = defaultdict(float)
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
            and used[v.id] + r.weekly_hours <= v.hours_left + EPS
            and not any(conflict(r.id, other) for other in taken[v.id])
        ):
            count[r.id] += 1
            used[v.id] += r.weekly_hours
            taken[v.id].append(r.id)
            chosen.append(e)
            search(i + 1, total + values[i])
            chosen.pop()
            taken[v.id].pop()
            used[v.id] -= r.weekly_hours
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
    hours: dict[int, float] = defaultdict(float)
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
        hours[v.id] += r.weekly_hours
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
    for vid, h in sorted(hours.items()):
        if h > vols[vid].hours_left + 1e-6:
            problems.append(f"volunteer {vid} over hours: {h} > {vols[vid].hours_left}")
    if plan.filled != len(plan.pairs):
        problems.append(f"filled {plan.filled} != {len(plan.pairs)} pairs")
    if abs(plan.total_score - sum(e.score for e in plan.pairs)) > 0.006:
        problems.append("total_score is not the sum of the pairs' scores")
    return problems
