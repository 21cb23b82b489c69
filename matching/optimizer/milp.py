"""The mixed-integer programme of a set of edges, solved by HiGHS through
SciPy."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from matching.optimizer.model import (
    Edge,
    _Conflicts,
    _Instance,
    hours_rows,
)
from matching.optimizer.reduce import _cliques

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
        requests = [inst.requests[edges[i].request_id] for i in idx]
        for members, left in hours_rows(inst.volunteers[vid], requests):
            row(
                [idx[k] for k in members],
                [requests[k].weekly_hours for k in members],
                left,
            )
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
