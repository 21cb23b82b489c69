"""Background work of matching: the batch proposal over every open request
(a minute at 20,000 requests), run by the task queue, never in a request."""

import logging

from django.db import transaction
from django.tasks import task

from matching.models import BatchProposal

logger = logging.getLogger(__name__)


def batch_proposal_request(*, actor) -> BatchProposal:
    proposal = BatchProposal.objects.create(requested_by=actor)
    # After commit, so that the worker finds the row.
    transaction.on_commit(lambda: compute_batch_proposal.enqueue(proposal.pk))
    return proposal


def _plan_summary(plan) -> dict:
    return {
        "filled": plan.filled,
        "total_score": round(plan.total_score, 2),
        "optimal": plan.optimal,
        "seconds": round(plan.seconds, 2),
    }


@task
def compute_batch_proposal(proposal_id: int) -> int:
    # The batch imports SciPy (the optimiser): loaded in the worker only.
    from matching import batch

    BatchProposal.objects.filter(pk=proposal_id).start()
    try:
        result = batch.batch_plan()
    except Exception as error:
        logger.exception("Batch proposal %s failed", proposal_id)
        BatchProposal.objects.filter(pk=proposal_id).fail(error)
        raise
    pairs = []
    for edge in sorted(result.optimised.pairs, key=lambda e: (e.request_id, -e.score)):
        detail = result.details[(edge.request_id, edge.volunteer_id)]
        pairs.append(
            {
                "request": edge.request_id,
                "volunteer": edge.volunteer_id,
                "score": detail.score,
                "reasons": list(detail.reasons),
            }
        )
    BatchProposal.objects.filter(pk=proposal_id).update(
        status=BatchProposal.Status.DONE,
        result={
            "pairs": pairs,
            "open_requests": len(result.requests),
            "optimised": _plan_summary(result.optimised),
            "greedy": _plan_summary(result.greedy),
            "timings": {k: round(v, 2) for k, v in result.timings.items()},
        },
    )
    return len(pairs)
