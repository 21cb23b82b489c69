"""Demo of the cover chain (``manage.py demo_data``): a few volunteers call
off upcoming assignments in their area, through the same services as in
production, and the chains that start are taken one step further: one offer
is declined, one lapses past its deadline."""

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from matching import services
from matching.models import Assignment, CoverChain, CoverOffer
from volunteer_center.volunteer_area.session import actor_for

DROP_OUTS = 3


def _drop_outs() -> list[Assignment]:
    """One accepted upcoming assignment on each of a few requests, in request
    order (deterministic for a seed)."""
    today = timezone.localdate()
    seen, picked = set(), []
    candidates = (
        Assignment.objects.filter(
            Q(request__status__in=["open", "staffed"]),
            status=Assignment.Status.ACCEPTED,
            date_from__gt=today,
        )
        .select_related("volunteer", "request")
        # The holder of the request's last place, so the places still held
        # stay numbered from 1 as the demo's other requests are.
        .order_by("request_id", "-place")
    )
    for assignment in candidates[:200]:
        if assignment.request_id not in seen:
            seen.add(assignment.request_id)
            picked.append(assignment)
        if len(picked) == DROP_OUTS:
            break
    return picked


def _live_offer(chain: CoverChain) -> CoverOffer | None:
    return chain.offers.filter(status=CoverOffer.Status.LIVE).first()


def _advance(chains: list[CoverChain]) -> None:
    """In the first chain still asking the volunteer says no; in the second
    the offer lapses."""
    offers = [offer for chain in chains if (offer := _live_offer(chain))]
    if offers:
        services.assignment_decline(
            actor=actor_for(offers[0].volunteer), assignment=offers[0].assignment
        )
    if len(offers) > 1:
        offer = offers[1]
        # As if the answer time had passed without a word.
        CoverOffer.objects.filter(pk=offer.pk).update(
            deadline=timezone.now() - dt.timedelta(minutes=1)
        )
        services.cover_expire_due()


def describe(chain: CoverChain) -> str:
    steps = ", ".join(
        f"{offer.volunteer} ({offer.get_status_display()})"
        for offer in chain.offers.select_related("volunteer").order_by("pk")
    )
    return f"{chain.request.title}: {chain.get_status_display()} — {steps or '—'}"


def generate(*, rng, options, stdout) -> None:
    dropped = _drop_outs()
    for assignment in dropped:
        services.assignment_cancel(
            actor=actor_for(assignment.volunteer), assignment=assignment
        )
    chains = list(
        CoverChain.objects.filter(freed_by__in=dropped)
        .select_related("request")
        .order_by("pk")
    )
    _advance(chains)
    stdout.write(
        f"Cover chain: {len(dropped)} volunteers called off, {len(chains)} chains."
    )
    for chain in chains:
        stdout.write(f"  {describe(chain)}")
