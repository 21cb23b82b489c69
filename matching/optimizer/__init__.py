"""Batch proposal: the best set of assignments for all open requests at once.

Plain Python plus scipy (no Django). The input is a bipartite graph: open
requests, volunteers, and scored edges between them (each request's pruned
candidate list from ``matching.engine.rank``). A plan picks edges so that

* a request gets at most ``needed`` volunteers,
* a volunteer's picked requests, beside the assignments they already hold
  (``busy``), stay within their ``max_hours`` a week on every day (the peak
  load, ``engine.peak_load``, the rule every other check of hours reads),
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
than greedy's. ``checks.brute_force`` is the exhaustive check used by the tests and the
benchmarks; ``checks.validate`` checks every rule of a plan.
"""

from matching.optimizer.exact import optimise
from matching.optimizer.greedy import greedy
from matching.optimizer.model import (
    BatchRequest,
    BatchVolunteer,
    BusyPeriod,
    Edge,
    Plan,
    clashes_with_busy,
    conflicts,
    edge_value,
    hours_fit,
    hours_fit_all,
)

__all__ = [
    "BatchRequest",
    "BatchVolunteer",
    "BusyPeriod",
    "Edge",
    "Plan",
    "clashes_with_busy",
    "conflicts",
    "edge_value",
    "greedy",
    "hours_fit",
    "hours_fit_all",
    "optimise",
]
