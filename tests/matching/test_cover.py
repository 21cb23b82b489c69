"""The cover chain: a freed place offered to one ranked volunteer at a time."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from matching import selectors, services
from matching.models import Assignment, CoverChain, CoverOffer, HelpRequest
from volunteer_center.core.actors import SelfServiceActor

pytestmark = pytest.mark.django_db


def _held(request, volunteer, coordinator) -> Assignment:
    assignment = services.assignment_propose(
        actor=coordinator, request=request, volunteer=volunteer
    )
    return services.assignment_accept(actor=coordinator, assignment=assignment)


def _as_volunteer(volunteer) -> SelfServiceActor:
    return SelfServiceActor(kind="volunteer", pk=volunteer.pk, name=str(volunteer))


@pytest.fixture
def drop_out(
    active_volunteer, make_request, coordinator, django_capture_on_commit_callbacks
):
    """A one-place request whose volunteer called it off, with three others
    who could take the place (the chain's first offer went out)."""
    request = make_request()
    first = active_volunteer(first_name="Ewa", email="ewa@example.pl")
    others = [
        active_volunteer(first_name=name, email=f"{name.lower()}@example.pl")
        for name in ("Adam", "Beata", "Cezary")
    ]
    assignment = _held(request, first, coordinator)
    ranked = [c.volunteer for c in selectors.suggestions(request)]
    with django_capture_on_commit_callbacks(execute=True):
        services.assignment_cancel(actor=_as_volunteer(first), assignment=assignment)
    return request, first, others, ranked


def _live(request) -> list[CoverOffer]:
    return list(
        CoverOffer.objects.filter(chain__request=request, status=CoverOffer.Status.LIVE)
    )


def test_a_cancelled_place_is_offered_to_the_best_ranked_volunteer(
    drop_out, settings, mailoutbox
):
    request, _first, _others, ranked = drop_out
    (offer,) = _live(request)
    assert offer.volunteer == ranked[0]
    assert offer.assignment.status == Assignment.Status.CONTACTED
    hours = (offer.deadline - offer.created_at).total_seconds() / 3600
    assert round(hours) == settings.COVER_ANSWER_HOURS == 24
    (mail,) = [m for m in mailoutbox if m.to == [ranked[0].email]]
    assert "Zakupy" not in mail.subject
    assert "/odpowiedz/" in mail.body
    assert "wtorek 02.03.2027, 09:00–11:00" in mail.body


def test_after_the_deadline_the_next_volunteer_is_asked(drop_out):
    request, _first, _others, ranked = drop_out
    (offer,) = _live(request)
    with time_machine.travel(timezone.now() + dt.timedelta(hours=25)):
        assert services.cover_expire_due() == 1
    offer.refresh_from_db()
    assert offer.status == CoverOffer.Status.EXPIRED
    assert offer.assignment.status == Assignment.Status.DECLINED
    (second,) = _live(request)
    assert second.volunteer == ranked[1]
    assert second.volunteer != offer.volunteer


def test_before_the_deadline_nothing_lapses(drop_out):
    request, *_ = drop_out
    with time_machine.travel(timezone.now() + dt.timedelta(hours=23)):
        assert services.cover_expire_due() == 0
    assert len(_live(request)) == 1


def test_a_decline_passes_the_offer_on_and_nobody_is_asked_twice(drop_out):
    request, first, _others, ranked = drop_out
    asked = []
    while offers := _live(request):
        (offer,) = offers
        asked.append(offer.volunteer)
        services.assignment_decline(
            actor=_as_volunteer(offer.volunteer), assignment=offer.assignment
        )
    assert asked == ranked[:3]
    assert first not in asked
    chain = CoverChain.objects.get(request=request)
    assert chain.status == CoverChain.Status.EXHAUSTED


def test_at_most_the_configured_number_of_offers(
    active_volunteer, make_request, coordinator, settings
):
    settings.COVER_MAX_OFFERS = 1
    request = make_request()
    first = active_volunteer()
    active_volunteer(first_name="Adam")
    active_volunteer(first_name="Beata")
    services.assignment_cancel(
        actor=coordinator, assignment=_held(request, first, coordinator)
    )
    (offer,) = _live(request)
    services.assignment_decline(actor=None, assignment=offer.assignment)
    assert _live(request) == []
    assert CoverChain.objects.get().status == CoverChain.Status.EXHAUSTED
    assert CoverOffer.objects.count() == 1


def test_accepting_the_offer_fills_the_place(drop_out):
    request, *_ = drop_out
    (offer,) = _live(request)
    services.assignment_accept(actor=None, assignment=offer.assignment)
    offer.refresh_from_db()
    assert offer.status == CoverOffer.Status.ACCEPTED
    assert offer.chain.status == CoverChain.Status.FILLED
    request.refresh_from_db()
    assert request.status == HelpRequest.Status.STAFFED


def test_the_coordinator_stops_the_chain(drop_out, coordinator):
    request, *_ = drop_out
    (offer,) = _live(request)
    services.cover_stop(actor=coordinator, chain=offer.chain)
    offer.refresh_from_db()
    assert offer.status == CoverOffer.Status.WITHDRAWN
    assert offer.assignment.status == Assignment.Status.CANCELLED
    assert offer.chain.status == CoverChain.Status.STOPPED
    assert offer.chain.stopped_by == coordinator
    assert _live(request) == []
    with time_machine.travel(timezone.now() + dt.timedelta(hours=25)):
        assert services.cover_expire_due() == 0
    assert _live(request) == []


def test_someone_who_declined_the_request_is_never_offered_it(
    active_volunteer, make_request, coordinator
):
    request = make_request()
    declined = active_volunteer(first_name="Zofia")
    other = active_volunteer(first_name="Adam")
    services.assignment_decline(
        actor=None,
        assignment=services.assignment_propose(
            actor=coordinator, request=request, volunteer=declined
        ),
    )
    assert not CoverChain.objects.exists()  # a proposal declined held no place
    holder = active_volunteer(first_name="Ewa")
    services.assignment_cancel(
        actor=coordinator, assignment=_held(request, holder, coordinator)
    )
    (offer,) = _live(request)
    assert offer.volunteer == other
    services.assignment_decline(actor=None, assignment=offer.assignment)
    offered = CoverOffer.objects.filter(chain__request=request)
    assert set(offered.values_list("volunteer_id", flat=True)) == {other.pk}
    assert CoverChain.objects.get().status == CoverChain.Status.EXHAUSTED


def test_the_request_page_shows_the_chain_and_its_stop_button(
    drop_out, client, coordinator
):
    request, *_ = drop_out
    client.force_login(coordinator)
    page = client.get(request.get_absolute_url()).content.decode()
    (offer,) = _live(request)
    assert str(offer.volunteer) in page
    assert f"/zastepstwa/{offer.chain_id}/zatrzymaj/" in page
    response = client.post(
        f"/zastepstwa/{offer.chain_id}/zatrzymaj/", {"action": "stop"}
    )
    assert response.status_code == 302
    offer.chain.refresh_from_db()
    assert offer.chain.status == CoverChain.Status.STOPPED
