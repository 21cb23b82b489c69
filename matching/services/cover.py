"""The cover chain (docs/ARCHITECTURE.md, "Cover chain"): a place freed by a
decline or a cancellation is offered to the next ranked eligible volunteer,
one at a time, each with a deadline to answer.

Every step runs under the request's lock (the first lock of the documented
order), so two answers or a run of the reminder command at the same moment
queue up; the partial unique index on live offers backs this up.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from matching import selectors
from matching.errors import MatchingError
from matching.models import Assignment, CoverChain, CoverOffer, HelpRequest
from matching.services.mail import send_cover_offer
from volunteer_center.core.actors import user_or_none
from volunteer_center.core.services import save_validated


def _demand(request: HelpRequest) -> int:
    """Places still to fill that nobody is being asked for: free places less
    the live proposals and the open chains."""
    holding = request.assignments.holding_place().count()
    asked = (
        request.assignments.filter(
            status__in=[Assignment.Status.PROPOSED, Assignment.Status.CONTACTED]
        )
        .exclude(cover_offer__status=CoverOffer.Status.LIVE)
        .count()
    )
    chains = request.cover_chains.filter(status=CoverChain.Status.OPEN).count()
    return request.needed - holding - asked - chains


def cover_on_place_freed(*, request: HelpRequest, freed: Assignment) -> None:
    """Starts a chain for the place ``freed`` left, when the request still
    needs someone; the caller holds the request's lock."""
    if request.status not in HelpRequest.DIRECTABLE:
        return
    if request.date_to < timezone.localdate() or _demand(request) <= 0:
        return
    chain = CoverChain(request=request, freed_by=freed)
    save_validated(chain, actor=None)
    _offer_next(chain)


def _excluded(request: HelpRequest) -> set[int]:
    """Never asked again: who declined this request, who was already offered
    a place on it, who was taken off it."""
    asked = request.assignments.filter(
        status__in=[Assignment.Status.DECLINED, Assignment.Status.CANCELLED]
    ).values_list("volunteer_id", flat=True)
    offered = CoverOffer.objects.filter(chain__request=request).values_list(
        "volunteer_id", flat=True
    )
    return set(asked) | set(offered)


def _next_candidate(request: HelpRequest):
    excluded = _excluded(request)
    # The staff screen's suggestions, in their order; enough of them to see
    # past everyone excluded.
    for candidate in selectors.suggestions(request, limit=len(excluded) + 5):
        if candidate.volunteer.pk not in excluded:
            return candidate
    return None


def _close(chain: CoverChain, status: str, *, actor=None) -> None:
    chain.status = status
    chain.closed_at = timezone.now()
    chain.stopped_by = user_or_none(actor)
    save_validated(chain, actor=actor)


def _offer_next(chain: CoverChain) -> CoverOffer | None:
    """Asks the next volunteer, or closes the chain when nobody is left or
    the limit of offers is reached."""
    request = chain.request
    if chain.offers.count() >= settings.COVER_MAX_OFFERS:
        _close(chain, CoverChain.Status.EXHAUSTED)
        return None
    candidate = _next_candidate(request)
    if candidate is None:
        _close(chain, CoverChain.Status.EXHAUSTED)
        return None
    assignment = _offer_assignment(chain, candidate)
    offer = CoverOffer(
        chain=chain,
        assignment=assignment,
        volunteer=candidate.volunteer,
        deadline=timezone.now() + dt.timedelta(hours=settings.COVER_ANSWER_HOURS),
    )
    save_validated(offer, actor=None)
    transaction.on_commit(lambda: send_cover_offer(offer.pk))
    return offer


def _offer_assignment(chain: CoverChain, candidate) -> Assignment:
    # Function-level: assignments imports this module to start and advance
    # chains, and proposing is assignments' own step.
    from matching.services.assignments import assignment_propose, assignment_status_set

    assignment = assignment_propose(
        actor=None,
        request=chain.request,
        volunteer=candidate.volunteer,
        score=candidate.score,
        reasons=candidate.reasons,
    )
    # The coordinator who directed the freed place stays the contact.
    assignment.proposed_by_id = (
        chain.freed_by.proposed_by_id if chain.freed_by else None
    )
    return assignment_status_set(assignment, Assignment.Status.CONTACTED, actor=None)


def cover_on_answer(*, assignment: Assignment, accepted: bool) -> bool:
    """The volunteer asked answered (or staff acted for them); the caller
    holds the request's lock. False when the assignment was no live offer."""
    offer = (
        CoverOffer.objects.select_for_update()
        .filter(assignment=assignment, status=CoverOffer.Status.LIVE)
        .first()
    )
    if offer is None:
        return False
    offer.status = (
        CoverOffer.Status.ACCEPTED if accepted else CoverOffer.Status.DECLINED
    )
    offer.answered_at = timezone.now()
    save_validated(offer, actor=None)
    chain = CoverChain.objects.select_for_update().get(pk=offer.chain_id)
    if accepted:
        _close(chain, CoverChain.Status.FILLED)
    elif chain.status == CoverChain.Status.OPEN:
        _offer_next(chain)
    return True


def _withdraw(offer: CoverOffer, *, status: str, actor, now) -> None:
    """Ends a live offer; its assignment, if still unanswered, goes with it.
    The caller holds the request's lock."""
    # Function-level: assignments imports this module to start and advance
    # chains, and the status change is assignments' own step.
    from matching.services.assignments import assignment_status_set

    assignment = Assignment.objects.select_for_update().get(pk=offer.assignment_id)
    offer = CoverOffer.objects.select_for_update().get(pk=offer.pk)
    offer.status = status
    offer.answered_at = now
    save_validated(offer, actor=actor)
    if assignment.status in (Assignment.Status.PROPOSED, Assignment.Status.CONTACTED):
        to = (
            Assignment.Status.DECLINED
            if status == CoverOffer.Status.EXPIRED
            else Assignment.Status.CANCELLED
        )
        assignment_status_set(assignment, to, actor=actor)


@transaction.atomic
def cover_expire_due(*, now: dt.datetime | None = None) -> int:
    """Offers past their deadline lapse and the next volunteer is asked.
    Run by the reminder command; returns how many offers lapsed."""
    now = now or timezone.now()
    due = CoverOffer.objects.filter(status=CoverOffer.Status.LIVE, deadline__lte=now)
    lapsed = 0
    for request_id in sorted(set(due.values_list("chain__request_id", flat=True))):
        HelpRequest.objects.select_for_update().get(pk=request_id)
        # Read again under the lock: an answer may have come in meanwhile.
        for offer in due.filter(chain__request_id=request_id).select_related("chain"):
            _withdraw(offer, status=CoverOffer.Status.EXPIRED, actor=None, now=now)
            lapsed += 1
            chain = CoverChain.objects.select_for_update().get(pk=offer.chain_id)
            if chain.status == CoverChain.Status.OPEN:
                _offer_next(chain)
    return lapsed


def cover_on_place_taken(*, request: HelpRequest) -> None:
    """Someone took a place outside the chain (staff directed them): chains
    no longer needed close. The caller holds the request's lock."""
    surplus = -_demand(request)
    chains = request.cover_chains.select_for_update().filter(
        status=CoverChain.Status.OPEN
    )
    for chain in chains.order_by("-created_at")[: max(surplus, 0)]:
        for offer in chain.offers.filter(status=CoverOffer.Status.LIVE):
            _withdraw(
                offer,
                status=CoverOffer.Status.WITHDRAWN,
                actor=None,
                now=timezone.now(),
            )
        _close(chain, CoverChain.Status.CLOSED)


@transaction.atomic
def cover_stop(*, actor, chain: CoverChain) -> CoverChain:
    """The coordinator stops a chain: the live offer is withdrawn."""
    HelpRequest.objects.select_for_update().get(pk=chain.request_id)
    chain = CoverChain.objects.select_for_update().get(pk=chain.pk)
    if chain.status != CoverChain.Status.OPEN:
        raise MatchingError(_("This cover chain has already ended."))
    for offer in chain.offers.filter(status=CoverOffer.Status.LIVE):
        _withdraw(
            offer, status=CoverOffer.Status.WITHDRAWN, actor=actor, now=timezone.now()
        )
    _close(chain, CoverChain.Status.STOPPED, actor=actor)
    return chain
