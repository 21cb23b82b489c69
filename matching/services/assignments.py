"""Changes to help requests, assignments and hours.

Locks are always taken in the same order — the request row, then the
volunteer row — so two coordinators acting at once queue up instead of
deadlocking, and the second one sees what the first one did.
"""

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from matching import eligibility, rules
from matching.errors import MatchingError
from matching.models import Assignment, HelpRequest
from matching.services import cover
from matching.services.mail import notify_staffed, send_invitation
from registry.models import Volunteer
from volunteer_center.core import registries
from volunteer_center.core.actors import user_or_none
from volunteer_center.core.errors import status_move_names
from volunteer_center.core.services import save_validated


def _status_for(request: HelpRequest, holding: list[str]) -> str:
    """Staffed when every place is taken, in progress once someone works,
    open again when a place frees up; other statuses stay."""
    if request.status not in (
        HelpRequest.Status.OPEN,
        HelpRequest.Status.STAFFED,
        HelpRequest.Status.IN_PROGRESS,
    ):
        return request.status
    if Assignment.Status.ACTIVE in holding:
        return HelpRequest.Status.IN_PROGRESS
    if len(holding) >= request.needed:
        return HelpRequest.Status.STAFFED
    return HelpRequest.Status.OPEN


def request_refresh(request: HelpRequest, *, actor) -> None:
    """Brings the request's places taken and status in step with its
    assignments; every service that moves an assignment into or out of a
    place calls it, holding the request's lock, so the stored count cannot
    drift from the assignments."""
    holding = list(request.assignments.holding_place().values_list("status", flat=True))
    status = _status_for(request, holding)
    if status != request.status:
        request.status, request.places_taken = status, len(holding)
        save_validated(request, actor=actor)
    elif request.places_taken != len(holding):
        # Only the count moved: no history row (the field is not in it).
        request.places_taken = len(holding)
        HelpRequest.objects.filter(pk=request.pk).update(places_taken=len(holding))


def _lock(request: HelpRequest, volunteer_id: int) -> tuple[HelpRequest, Volunteer]:
    request = HelpRequest.objects.select_for_update().get(pk=request.pk)
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer_id)
    return request, volunteer


def _check_rules(request: HelpRequest, volunteer: Volunteer, *, exclude_pk=None):
    """The hard rules, for one volunteer, with the reason of the first broken."""
    reasons = eligibility.exclusion_reasons(request, volunteer, exclude_pk=exclude_pk)
    if reasons:
        raise MatchingError(reasons[0])


@transaction.atomic
def assignment_propose(
    *,
    actor,
    request: HelpRequest,
    volunteer: Volunteer,
    score: float = 0,
    reasons: Sequence[Mapping] = (),
) -> Assignment:
    request, volunteer = _lock(request, volunteer.pk)
    if request.status not in HelpRequest.DIRECTABLE:
        raise MatchingError(
            _("Volunteers can be directed only to a new, open or running request.")
        )
    if request.status == HelpRequest.Status.NEW:
        request.status = HelpRequest.Status.OPEN
        save_validated(request, actor=actor)
    _check_rules(request, volunteer)
    slots = eligibility.request_slots(request)
    assignment = Assignment(
        request=request,
        volunteer=volunteer,
        date_from=request.date_from,
        date_to=request.date_to,
        weekly_hours=eligibility.weekly_hours(slots),
        score=score,
        reasons=list(reasons),
        proposed_by=user_or_none(actor),
        status_changed_at=timezone.now(),
        status_changed_by=user_or_none(actor),
    )
    save_validated(assignment, actor=actor)
    return assignment


ASSIGNMENT_TRANSITIONS = {
    Assignment.Status.CONTACTED: {Assignment.Status.PROPOSED},
    Assignment.Status.ACCEPTED: {
        Assignment.Status.PROPOSED,
        Assignment.Status.CONTACTED,
    },
    Assignment.Status.DECLINED: {
        Assignment.Status.PROPOSED,
        Assignment.Status.CONTACTED,
    },
    Assignment.Status.ACTIVE: {Assignment.Status.ACCEPTED},
    Assignment.Status.COMPLETED: {Assignment.Status.ACTIVE},
    Assignment.Status.CANCELLED: {
        Assignment.Status.PROPOSED,
        Assignment.Status.CONTACTED,
        Assignment.Status.ACCEPTED,
        Assignment.Status.ACTIVE,
    },
}


def _check_transition(assignment: Assignment, to: str) -> None:
    if assignment.status not in ASSIGNMENT_TRANSITIONS[to]:
        raise MatchingError(
            _("An assignment with the status “%(current)s” cannot become “%(new)s”.")
            % status_move_names(assignment, to)
        )


@contextmanager
def clashes_refused(
    *, explain: Callable[[Assignment, str], str] | None = None
) -> Iterator[None]:
    """Turns the database's refusal of a clash (docs/ARCHITECTURE.md, "The
    clash rule in the database") into the services' own message, which
    ``explain(other, reason)`` may put in the caller's words. The block runs
    in a savepoint, so the clashing assignment can be read afterwards."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as error:
        other_pk = rules.clash_refused(error)
        if other_pk is None:
            raise
        other = Assignment.objects.select_related("request", "volunteer").get(
            pk=other_pk
        )
        reason = eligibility.clash_reason(other)
        raise MatchingError(explain(other, reason) if explain else reason) from error


def assignment_status_set(assignment: Assignment, to: str, *, actor) -> Assignment:
    """Moves an assignment along an allowed path; the caller holds the locks
    (the request's services use it for every assignment of the request)."""
    _check_transition(assignment, to)
    assignment.status = to
    if to not in Assignment.HOLDING_PLACE:
        assignment.place = None
    assignment.status_changed_at = timezone.now()
    assignment.status_changed_by = user_or_none(actor)
    holding = to in Assignment.HOLDING_PLACE
    with clashes_refused() if holding else nullcontext():
        save_validated(assignment, actor=actor)
    return assignment


def _locked_assignment(assignment: Assignment):
    """Locks the request, the volunteer and the assignment, in that order."""
    request, volunteer = _lock(assignment.request, assignment.volunteer_id)
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    return request, volunteer, assignment


@transaction.atomic
def assignment_contact(*, actor, assignment: Assignment, send_email: bool = True):
    """The volunteer has been asked; with an e-mail address, they get links to
    accept or decline without logging in."""
    _, volunteer, assignment = _locked_assignment(assignment)
    assignment_status_set(assignment, Assignment.Status.CONTACTED, actor=actor)
    if send_email and volunteer.email:
        transaction.on_commit(lambda: send_invitation(assignment.pk))
    return assignment


@transaction.atomic
def assignment_accept(*, actor, assignment: Assignment) -> Assignment:
    """The volunteer agreed: the assignment takes one of the request's places.

    With the request row locked, counting the places taken is safe: a second
    coordinator accepting at the same moment waits here and then finds the
    request full. The unique (request, place) constraint backs this up.
    """
    request, volunteer, assignment = _locked_assignment(assignment)
    _check_transition(assignment, Assignment.Status.ACCEPTED)
    taken = set(request.assignments.holding_place().values_list("place", flat=True))
    if len(taken) >= request.needed:
        raise MatchingError(
            _(
                "All %(needed)s places of this request are already taken; "
                "the volunteer was not accepted."
            )
            % {"needed": request.needed}
        )
    _check_rules(request, volunteer, exclude_pk=assignment.pk)
    assignment.place = min(set(range(1, request.needed + 1)) - taken)
    assignment_status_set(assignment, Assignment.Status.ACCEPTED, actor=actor)
    cover.cover_on_answer(assignment=assignment, accepted=True)
    cover.cover_on_place_taken(request=request)
    request_refresh(request, actor=actor)
    if len(taken) + 1 == request.needed:
        # The last place is taken (even if work on the others has started).
        transaction.on_commit(lambda: notify_staffed(request.pk))
    return assignment


@transaction.atomic
def assignment_decline(*, actor, assignment: Assignment) -> Assignment:
    """The volunteer said no; an offer of the cover chain passes to the next
    volunteer (matching.services.cover). A plain proposal declined held no
    place: the coordinator picks the next one from the suggestions."""
    _, _, assignment = _locked_assignment(assignment)
    assignment_status_set(assignment, Assignment.Status.DECLINED, actor=actor)
    cover.cover_on_answer(assignment=assignment, accepted=False)
    return assignment


def _start_refusal(assignment, volunteer, request, day) -> str | None:
    """Why work cannot start on ``day``: matching's own rules first, then
    those higher apps registered (e.g. a written agreement for long work)."""
    if request.involves_minors and (problem := volunteer.vetting_problem(on=day)):
        return str(eligibility.VETTING_REASONS[problem])
    if not volunteer.may_work_on(day):
        return _(
            "A volunteer under 18 can start only with the consent of their legal "
            "representative (parent or legal guardian, art. 17 of the Civil Code)."
        )
    for check in registries.assignment_start_checks:
        reason = check(
            assignment=assignment, volunteer=volunteer, request=request, day=day
        )
        if reason:
            return reason
    return None


@transaction.atomic
def assignment_activate(*, actor, assignment: Assignment) -> Assignment:
    """Work starts, once every rule for its first day is met."""
    request, volunteer, assignment = _locked_assignment(assignment)
    _check_transition(assignment, Assignment.Status.ACTIVE)
    day = max(assignment.date_from, timezone.localdate())
    reason = _start_refusal(assignment, volunteer, request, day)
    if reason:
        raise MatchingError(reason)
    assignment_status_set(assignment, Assignment.Status.ACTIVE, actor=actor)
    request_refresh(request, actor=actor)
    return assignment


@transaction.atomic
def assignment_complete(*, actor, assignment: Assignment) -> Assignment:
    request, volunteer, assignment = _locked_assignment(assignment)
    assignment_status_set(assignment, Assignment.Status.COMPLETED, actor=actor)
    _end_engagement_with_minors(request, volunteer, assignment, actor=actor)
    request_refresh(request, actor=actor)
    return assignment


@transaction.atomic
def assignment_cancel(*, actor, assignment: Assignment) -> Assignment:
    """The volunteer or staff called the assignment off: a place it held,
    if still needed, goes to the cover chain."""
    request, volunteer, assignment = _locked_assignment(assignment)
    held = assignment.status in Assignment.HOLDING_PLACE
    started = assignment.status == Assignment.Status.ACTIVE
    assignment_status_set(assignment, Assignment.Status.CANCELLED, actor=actor)
    if started:
        _end_engagement_with_minors(request, volunteer, assignment, actor=actor)
    request_refresh(request, actor=actor)
    if not cover.cover_on_answer(assignment=assignment, accepted=False) and held:
        cover.cover_on_place_freed(request=request, freed=assignment)
    return assignment


def _end_engagement_with_minors(request, volunteer, assignment, *, actor) -> None:
    """A later engagement with minors needs a Register check made after this
    one ended (registry.rules.vetting_problem)."""
    if not request.involves_minors:
        return
    ended = min(timezone.localdate(), assignment.date_to)
    if volunteer.minors_engagement_ended_on is None or (
        volunteer.minors_engagement_ended_on < ended
    ):
        volunteer.minors_engagement_ended_on = ended
        volunteer._history_user = actor
        volunteer.save(update_fields=["minors_engagement_ended_on", "updated_at"])


@transaction.atomic
def assignment_record_host_insurance(
    *, actor, assignment: Assignment, description: str
) -> Assignment:
    """A coordinator records that the host institution insures the volunteer
    against accidents for this work (art. 46 ust. 3): short work may then
    start without the centre's policy. An empty description removes it."""
    _, _, assignment = _locked_assignment(assignment)
    if assignment.request.institution_id is None and description.strip():
        raise MatchingError(
            _("Only a host institution can insure the volunteer for its request.")
        )
    assignment.host_insurance = description.strip()[:300]
    assignment.host_insurance_recorded_by = actor if description.strip() else None
    save_validated(assignment, actor=actor)
    return assignment
