"""Components too large for one exact answer in time: the greedy plan improved
window by window with exact sub-problems."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Sequence

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_array
from scipy.sparse.csgraph import connected_components

from matching.optimizer import milp
from matching.optimizer.milp import _matrix_milp
from matching.optimizer.model import (
    EPS,
    Edge,
    _Conflicts,
    _Instance,
)

# When a large component cannot be solved exactly in time, windows of about
# this many edges are re-optimised one at a time (``_improve``).
WINDOW_EDGES = 1500


WINDOW_SECONDS = 2.0


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
    if n > 2 * milp.MAX_MILP_EDGES:
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
        or len(free) > milp.MAX_MILP_EDGES
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
        if size < milp.GROUP_EDGES and k < len(blocks) - 1:
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
