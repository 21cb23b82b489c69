"""Changes to help requests: filing, editing, opening, completing, cancelling."""

import datetime as dt
from collections.abc import Iterable, Mapping

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from matching import eligibility, rules
from matching.errors import MatchingError
from matching.models import Assignment, HelpRequest, RequestSlot
from matching.services.assignments import (
    assignment_status_set,
    clashes_refused,
    request_refresh,
)
from registry.models import Beneficiary, Volunteer
from volunteer_center.core.errors import status_move_names
from volunteer_center.core.history import changes_note, list_change, many_to_many_change
from volunteer_center.core.services import save_validated

Slot = tuple[int, dt.time, dt.time]


def _check_party(*, actor, fields: Mapping) -> None:
    beneficiary = fields.get("beneficiary")
    if actor.has_perm("matching.view_all_helprequests"):
        return
    if fields.get("institution") is not None or beneficiary is None:
        raise MatchingError(_("You can file requests only for your own beneficiaries."))
    if not Beneficiary.objects.visible_to(actor).filter(pk=beneficiary.pk).exists():
        raise MatchingError(_("You can file requests only for your own beneficiaries."))


def _take_place_from_party(request: HelpRequest) -> None:
    """Help is given at the beneficiary's or institution's address unless staff
    give another place: the invitation, the calendar and the distance rule
    then know where (docs/ARCHITECTURE.md, "Where each rule lives")."""
    party = request.party
    if party is None or request.address.strip() or request.district_id:
        return
    request.address = party.full_address[:200]
    request.district_id = party.district_id


def _slots_for(request: HelpRequest, slots: Iterable[Slot]) -> list[Slot]:
    """The request's weekly slots as they will be stored."""
    slots = sorted(set(slots))
    if not slots:
        raise MatchingError(_("Give at least one day and time."))
    if request.kind == HelpRequest.Kind.ONCE:
        # A one-off visit happens on its date, whatever weekday was passed.
        if len(slots) != 1:
            raise MatchingError(_("A one-off request has one time on its date."))
        slots = [(request.date_from.weekday(), slots[0][1], slots[0][2])]
    return slots


def _set_slots(request: HelpRequest, slots: list[Slot]) -> None:
    request.slots.all().delete()
    objects = [
        RequestSlot(request=request, weekday=d, start=s, end=e) for d, s, e in slots
    ]
    for slot in objects:
        slot.full_clean(exclude=["request"])
    RequestSlot.objects.bulk_create(objects)


@transaction.atomic
def help_request_create(
    *,
    actor,
    fields: Mapping,
    slots: Iterable[Slot],
    required_skills: Iterable = (),
    nice_skills: Iterable = (),
) -> HelpRequest:
    """A coordinator or a social worker files a request (status: new)."""
    _check_party(actor=actor, fields=fields)
    request = HelpRequest(created_by=actor, status=HelpRequest.Status.NEW, **fields)
    if request.kind == HelpRequest.Kind.ONCE:
        request.date_to = request.date_from
    _take_place_from_party(request)
    request.involves_minors = rules.involves_minors(request)
    save_validated(request, actor=actor)
    _set_slots(request, _slots_for(request, slots))
    request.required_skills.set(required_skills)
    request.nice_skills.set(nice_skills)
    return request


@transaction.atomic
def help_request_update(
    *,
    actor,
    request: HelpRequest,
    fields: Mapping,
    slots: Iterable[Slot] | None = None,
    required_skills: Iterable | None = None,
    nice_skills: Iterable | None = None,
) -> HelpRequest:
    """Edits a new or open request. Its live assignments follow its dates and
    hours; everyone holding a place is checked again under the locks (room
    for them all, no clash, weekly hours), so an edit can neither overfill the
    request nor double-book a volunteer."""
    request = HelpRequest.objects.select_for_update().get(pk=request.pk)
    if request.status not in (HelpRequest.Status.NEW, HelpRequest.Status.OPEN):
        raise MatchingError(_("Only a new or open request can be edited."))
    _check_party(actor=actor, fields={"beneficiary": request.beneficiary, **fields})
    holders = _locked_holders(request)
    old_slots = list(request.slots.values_list("weekday", "start", "end"))
    for name, value in fields.items():
        setattr(request, name, value)
    if request.kind == HelpRequest.Kind.ONCE:
        request.date_to = request.date_from
    _take_place_from_party(request)
    request.involves_minors = rules.involves_minors(request)
    new_slots = _slots_for(request, old_slots if slots is None else slots)
    _check_holders(request, holders, new_slots)
    # The lists saved after the request, in words in its history.
    request._change_reason = changes_note(
        list_change(
            RequestSlot._meta.verbose_name_plural,
            _slots_words(old_slots),
            _slots_words(new_slots),
        ),
        many_to_many_change(request, "required_skills", required_skills),
        many_to_many_change(request, "nice_skills", nice_skills),
    )
    save_validated(request, actor=actor)
    with clashes_refused(explain=_double_booking):
        if new_slots != old_slots:
            _set_slots(request, new_slots)
        _follow_request(request, actor=actor)
    if required_skills is not None:
        request.required_skills.set(required_skills)
    if nice_skills is not None:
        request.nice_skills.set(nice_skills)
    request_refresh(request, actor=actor)
    return request


def _slots_words(slots: Iterable[Slot]) -> list[str]:
    return [
        str(RequestSlot(weekday=day, start=start, end=end)) for day, start, end in slots
    ]


def _locked_holders(request: HelpRequest) -> list[Assignment]:
    """The assignments holding the request's places, their volunteers locked
    after the request (docs/ARCHITECTURE.md, Locks), in the order of their ids."""
    holders = list(
        request.assignments.holding_place()
        .select_related("volunteer")
        .order_by("volunteer_id")
    )
    ids = [a.volunteer_id for a in holders]
    list(Volunteer.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    return holders


def _check_holders(request, holders: list[Assignment], slots: list[Slot]) -> None:
    """Refuses an edit that leaves no room for everyone holding a place, or
    that makes a place clash with a holder's other places or exceed their
    weekly hours; the message names each volunteer affected."""
    if request.needed < len(holders):
        raise MatchingError(
            _(
                "Places are already held by: %(names)s. Cancel an assignment "
                "first, or keep the number of volunteers needed at %(count)s "
                "at least."
            )
            % {
                "names": ", ".join(str(a.volunteer) for a in holders),
                "count": len(holders),
            }
        )
    specs = [eligibility.SlotSpec(*slot) for slot in slots]
    refused = [
        f"{holder.volunteer}: {reason}"
        for holder in holders
        for reason in eligibility.commitment_reasons(
            request, holder.volunteer, slots=specs, exclude_pk=holder.pk
        )
    ]
    if refused:
        raise MatchingError(_double_booking_text(refused))


def _double_booking_text(refused: list[str]) -> str:
    return _("The change would double-book volunteers holding a place: %(who)s") % {
        "who": " ".join(refused)
    }


def _double_booking(other: Assignment, reason: str) -> str:
    """The database's refusal of a clash, in the words of ``_check_holders``."""
    return _double_booking_text([f"{other.volunteer}: {reason}"])


def _follow_request(request: HelpRequest, *, actor) -> None:
    """Live assignments keep the request's dates and weekly hours."""
    hours = eligibility.weekly_hours(eligibility.request_slots(request))
    wanted = (request.date_from, request.date_to, hours)
    for assignment in request.assignments.live():
        if (assignment.date_from, assignment.date_to, assignment.weekly_hours) != (
            wanted
        ):
            assignment.date_from, assignment.date_to, assignment.weekly_hours = wanted
            save_validated(assignment, actor=actor)


REQUEST_TRANSITIONS = {
    HelpRequest.Status.COMPLETED: {
        HelpRequest.Status.STAFFED,
        HelpRequest.Status.IN_PROGRESS,
    },
    HelpRequest.Status.CANCELLED: {
        HelpRequest.Status.NEW,
        HelpRequest.Status.OPEN,
        HelpRequest.Status.STAFFED,
        HelpRequest.Status.IN_PROGRESS,
    },
    # Reopening undoes a cancellation; the assignments it cancelled stay so.
    HelpRequest.Status.OPEN: {HelpRequest.Status.NEW, HelpRequest.Status.CANCELLED},
}


@transaction.atomic
def _request_move(
    *, actor, request: HelpRequest, to: str, reason: str = "", sources=None
) -> HelpRequest:
    request = HelpRequest.objects.select_for_update().get(pk=request.pk)
    if request.status not in (sources or REQUEST_TRANSITIONS[to]):
        raise MatchingError(
            _("A request with the status “%(current)s” cannot become “%(new)s”.")
            % status_move_names(request, to)
        )
    request.status = to
    request.cancellation_reason = reason
    save_validated(request, actor=actor)
    return request


def help_request_open(*, actor, request: HelpRequest) -> HelpRequest:
    """A coordinator has reviewed a new request: volunteers can be directed."""
    return _request_move(
        sources={HelpRequest.Status.NEW},
        actor=actor,
        request=request,
        to=HelpRequest.Status.OPEN,
    )


def _cancel_live_assignments(request: HelpRequest, *, actor) -> None:
    """A request that ends (completed or cancelled) cancels its live
    assignments and counts its places again."""
    for assignment in request.assignments.live():
        assignment_status_set(assignment, Assignment.Status.CANCELLED, actor=actor)
    request_refresh(request, actor=actor)


@transaction.atomic
def help_request_complete(*, actor, request: HelpRequest) -> HelpRequest:
    request = _request_move(
        actor=actor, request=request, to=HelpRequest.Status.COMPLETED
    )
    for assignment in request.assignments.filter(status=Assignment.Status.ACTIVE):
        assignment_status_set(assignment, Assignment.Status.COMPLETED, actor=actor)
    _cancel_live_assignments(request, actor=actor)
    return request


def help_request_reopen(*, actor, request: HelpRequest) -> HelpRequest:
    """Undoes a cancellation: volunteers can be directed again."""
    return _request_move(
        sources={HelpRequest.Status.CANCELLED},
        actor=actor,
        request=request,
        to=HelpRequest.Status.OPEN,
    )


@transaction.atomic
def help_request_cancel(*, actor, request: HelpRequest, reason: str) -> HelpRequest:
    """Cancels the request and its live assignments; the reason is kept (and
    shown) until the request is reopened."""
    reason = " ".join(reason.split())
    if not reason:
        raise MatchingError(_("Give the reason for cancelling the request."))
    request = _request_move(
        actor=actor, request=request, to=HelpRequest.Status.CANCELLED, reason=reason
    )
    _cancel_live_assignments(request, actor=actor)
    return request
