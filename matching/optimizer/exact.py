"""The exact plan: a MILP per connected component (``milp``), after the
reductions of ``reduce``; a component too large for an exact answer in time
gets the best plan ``large`` finds."""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence

import numpy as np
from scipy.sparse import coo_array

from matching.optimizer import milp
from matching.optimizer.greedy import _greedy_pairs
from matching.optimizer.large import _solve_large
from matching.optimizer.milp import _matrix_milp, _milp_rows
from matching.optimizer.model import (
    BatchRequest,
    BatchVolunteer,
    Edge,
    Plan,
    _Conflicts,
    _Instance,
    _key,
    _plan,
)
from matching.optimizer.reduce import _components, _reduce


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
    if len(edges) > milp.LARGE_EDGES:
        x, proven = _solve_large(
            edges, inst, conflict, a, np.array(upper), values, deadline
        )
    else:
        x, proven = _matrix_milp(a, np.array(upper), values, seconds)
    if x is None:
        return None, False
    return [e for e, keep in zip(edges, x, strict=True) if keep], proven


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
    pairs, hard = _free_pairs_and_hard(reduced, inst, conflict)
    optimal = True
    for group in _groups(hard):
        picked, proven = _solve_group(group, inst, conflict, deadline)
        pairs.extend(picked)
        optimal = optimal and proven
    chosen, kept_greedy = _never_worse(pairs, baseline, inst)
    return _plan(chosen, inst, "milp", optimal and not kept_greedy, started)


def _free_pairs_and_hard(
    reduced: Sequence[Edge], inst: _Instance, conflict: _Conflicts
) -> tuple[list[Edge], list[list[Edge]]]:
    """The components, smallest first: those where no rule can bind give
    their edges worth taking at once, the others (hard) go to the MILP."""
    pairs: list[Edge] = []
    hard: list[list[Edge]] = []
    for comp in sorted(_components(reduced), key=len):
        if _milp_rows(comp, inst, conflict)[3]:
            hard.append(comp)
        else:  # no rule can bind: every edge worth taking is taken
            pairs.extend(e for e in comp if inst.value(e) > 0)
    return pairs, hard


def _groups(hard: Sequence[list[Edge]]) -> list[list[Edge]]:
    """Small components together, up to ``milp.GROUP_EDGES`` edges a call."""
    groups: list[list[list[Edge]]] = []
    for comp in hard:
        if groups and sum(map(len, groups[-1])) + len(comp) <= milp.GROUP_EDGES:
            groups[-1].append(comp)
        else:
            groups.append([comp])
    return [[e for comp in group for e in comp] for group in groups]


def _solve_group(
    group_edges: list[Edge], inst: _Instance, conflict: _Conflicts, deadline: float
) -> tuple[list[Edge], bool]:
    """The MILP's plan for one group, or, when it is not proven optimal in the
    time left, the better of its best and greedy's; and whether proven."""
    remaining = deadline - time.perf_counter()
    picked, proven = (None, False)
    if remaining > 0:
        picked, proven = _solve_milp(group_edges, inst, conflict, remaining)
    if proven and picked is not None:
        return picked, True
    fallback = _greedy_pairs(inst, conflict, group_edges)
    if picked is None or _key(fallback, inst) > _key(picked, inst):
        picked = fallback
    return picked, False


def _never_worse(
    pairs: Sequence[Edge], baseline: Sequence[Edge], inst: _Instance
) -> tuple[list[Edge], bool]:
    """The guard: per connected component of the whole graph, greedy's pairs
    where they beat ours (places filled, then the objective); and whether any
    component kept greedy's."""
    whole = _components(inst.edges)
    part_of = {e.request_id: i for i, comp in enumerate(whole) for e in comp}
    mine: list[list[Edge]] = [[] for _ in whole]
    theirs: list[list[Edge]] = [[] for _ in whole]
    for e in pairs:
        mine[part_of[e.request_id]].append(e)
    for e in baseline:
        theirs[part_of[e.request_id]].append(e)
    chosen: list[Edge] = []
    kept_greedy = False
    for a, b in zip(mine, theirs, strict=True):
        if _key(b, inst) > _key(a, inst):
            kept_greedy = True
            chosen.extend(b)
        else:
            chosen.extend(a)
    return chosen, kept_greedy
