"""Components too large for one exact answer in time: the greedy plan improved
window by window with exact sub-problems."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_array
from scipy.sparse.csgraph import connected_components

from matching.optimizer import milp
from matching.optimizer.milp import _matrix_milp
from matching.optimizer.model import (
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
    taken: dict[int, list[int]] = defaultdict(list)
    mask = np.zeros(len(edges), dtype=bool)

    def take(i: int) -> None:
        e = edges[i]
        r = inst.requests[e.request_id]
        count[r.id] += 1
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
            and not any(conflict(r.id, other) for other in taken[vid])
            and inst.fits(vid, taken[vid], r)
        ):
            take(i)
    return mask


def _blocks(a, n: int) -> np.ndarray:
    """A label per column: columns sharing a row (transitively) share a label."""
    m = a.shape[0]
    coo = a.tocoo()
    graph = coo_array((np.ones(coo.nnz), (coo.row, coo.col + m)), shape=(m + n, m + n))
    return connected_components(graph.tocsr(), directed=False)[1][m:]


def _windows(edges: Sequence[Edge], values: np.ndarray) -> list[np.ndarray]:
    """Columns in windows of about ``WINDOW_EDGES``, whole requests each."""
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
    return windows


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
    windows = _windows(edges, values)
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
    incumbent = _fill(edges, _greedy_order(edges, inst), inst, conflict)
    remaining = deadline - time.perf_counter()
    if remaining <= 0:
        return incumbent, False
    if len(edges) > 2 * milp.MAX_MILP_EDGES:
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
    incumbent = _rounded_if_better(edges, inst, conflict, lp, values, incumbent)
    fix0, fix1 = _fixed(lp, a, upper, values, float(values @ incumbent))
    free = np.flatnonzero(~(fix0 | fix1))
    if (
        incumbent[fix0].any()  # numerically inconsistent
        or not incumbent[fix1].all()
        or len(free) > milp.MAX_MILP_EDGES
    ):
        return _improve(edges, a, upper, values, incumbent, deadline), False
    return _solve_free(a, upper, values, incumbent, fix1, free, deadline)


def _greedy_order(edges: Sequence[Edge], inst: _Instance) -> list[int]:
    """Greedy's order: most urgent request first, then by request, best score."""
    return sorted(
        range(len(edges)),
        key=lambda i: (
            -inst.requests[edges[i].request_id].urgency,
            edges[i].request_id,
            -edges[i].score,
            edges[i].volunteer_id,
        ),
    )


def _rounded_if_better(
    edges: Sequence[Edge],
    inst: _Instance,
    conflict: _Conflicts,
    lp,
    values: np.ndarray,
    incumbent: np.ndarray,
) -> np.ndarray:
    """The LP solution rounded down and filled up greedily, if it beats the
    incumbent (step 2)."""
    ones = np.flatnonzero(lp.x > 1 - 1e-6)
    by_lp = np.lexsort((-values, -lp.x))
    rounded = _fill(edges, by_lp, inst, conflict, start=ones)
    return rounded if values @ rounded > values @ incumbent else incumbent


def _fixed(
    lp, a, upper: np.ndarray, values: np.ndarray, best: float
) -> tuple[np.ndarray, np.ndarray]:
    """Masks of the edges fixed to 0 and to 1 by the reduced costs (step 3)."""
    y = np.minimum(lp.ineqlin.marginals, 0.0)
    d = -values - a.T @ y
    bound = -(float(y @ upper) + float(d[d < 0].sum()))
    slack = bound - best + 0.5
    return d > slack, -d > slack


def _solve_free(
    a,
    upper: np.ndarray,
    values: np.ndarray,
    incumbent: np.ndarray,
    fix1: np.ndarray,
    free: np.ndarray,
    deadline: float,
) -> tuple[np.ndarray, bool]:
    """The edges left free, block by block by MILP, the fixed ones as fixed
    (step 4); a block keeps the incumbent's picks when they are better."""
    rhs = upper - np.asarray(a[:, np.flatnonzero(fix1)].sum(axis=1)).ravel()
    sub = a[:, free].tocsc()
    solution = fix1.copy()
    proven = True
    for cols in _chunks(_blocks(sub.tocsr(), len(free))):
        block_values = values[free[cols]]
        x, ok = _solve_chunk(sub[:, cols].tocsr(), rhs, block_values, deadline)
        proven = proven and ok
        mine = incumbent[free[cols]]
        if x is None or block_values @ x < block_values @ mine:
            x = mine
        solution[free[cols]] = x
    return solution, proven


def _chunks(labels: np.ndarray) -> Iterator[np.ndarray]:
    """Column indexes, block by block (smallest first), blocks joined into
    chunks of at least ``milp.GROUP_EDGES`` columns (the last may be smaller)."""
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
        yield np.concatenate(chunk)
        chunk, size = [], 0


def _solve_chunk(
    part, rhs: np.ndarray, block_values: np.ndarray, deadline: float
) -> tuple[np.ndarray | None, bool]:
    """One chunk's MILP on the rows it uses: (picks or None, proven)."""
    used_rows = np.flatnonzero(np.diff(part.indptr))
    if not len(used_rows):
        return block_values > 0, True
    left = deadline - time.perf_counter()
    if left <= 0:
        return None, False
    return _matrix_milp(part[used_rows], np.asarray(rhs)[used_rows], block_values, left)
