"""The demo data run the cover chain through the real services."""

import io

import pytest
from django.core.management import call_command

from matching.models import Assignment, CoverChain, CoverOffer

pytestmark = pytest.mark.django_db


def test_the_demo_shows_drop_outs_and_their_cover_chains():
    out = io.StringIO()
    call_command("demo_data", stdout=out)
    assert "Cover chain: 3 volunteers called off, 3 chains." in out.getvalue()
    chains = CoverChain.objects.all()
    assert chains.count() == 3
    for chain in chains:
        offers = list(chain.offers.all())
        assert sum(o.status == CoverOffer.Status.LIVE for o in offers) <= 1
        refused = set(
            Assignment.objects.filter(
                request=chain.request, status=Assignment.Status.DECLINED
            )
            .exclude(cover_offer__chain=chain)
            .values_list("volunteer_id", flat=True)
        )
        assert not refused & {o.volunteer_id for o in offers}
    statuses = set(CoverOffer.objects.values_list("status", flat=True))
    assert {CoverOffer.Status.DECLINED, CoverOffer.Status.EXPIRED} <= statuses
