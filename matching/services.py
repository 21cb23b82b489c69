"""Changes to help requests, assignments and hours.

Locks are always taken in the same order — the request row, then the
volunteer row — so two coordinators acting at once queue up instead of
deadlocking, and the second one sees what the first one did.
"""

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from matching import eligibility
from matching.models import Assignment, HelpRequest, HoursEntry, Programme, RequestSlot
from registry.models import Beneficiary, Volunteer
from volunteer_center.core import registries

TOKEN_SALT = "matching.assignment-response"
TOKEN_MAX_AGE = dt.timedelta(days=7)


class MatchingError(Exception):
    """A change the matching rules do not allow; the message is for the user."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _save(instance, *, actor) -> None:
    instance._history_user = actor
    instance.full_clean()
    instance.save()


# --- Help requests -------------------------------------------------------------

Slot = tuple[int, dt.time, dt.time]


def _check_party(*, actor, fields: Mapping) -> None:
    beneficiary = fields.get("beneficiary")
    if actor.has_perm("matching.view_all_helprequests"):
        return
    if fields.get("institution") is not None or beneficiary is None:
        raise MatchingError(_("You can file requests only for your own beneficiaries."))
    if not Beneficiary.objects.visible_to(actor).filter(pk=beneficiary.pk).exists():
        raise MatchingError(_("You can file requests only for your own beneficiaries."))


def _set_slots(request: HelpRequest, slots: Iterable[Slot]) -> None:
    slots = sorted(set(slots))
    if not slots:
        raise MatchingError(_("Give at least one day and time."))
    if request.kind == HelpRequest.Kind.ONCE:
        # A one-off visit happens on its date, whatever weekday was passed.
        if len(slots) != 1:
            raise MatchingError(_("A one-off request has one time on its date."))
        slots = [(request.date_from.weekday(), slots[0][1], slots[0][2])]
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
    _save(request, actor=actor)
    _set_slots(request, slots)
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
    request = HelpRequest.objects.select_for_update().get(pk=request.pk)
    if request.status not in (HelpRequest.Status.NEW, HelpRequest.Status.OPEN):
        raise MatchingError(_("Only a new or open request can be edited."))
    _check_party(actor=actor, fields={"beneficiary": request.beneficiary, **fields})
    for name, value in fields.items():
        setattr(request, name, value)
    if request.kind == HelpRequest.Kind.ONCE:
        request.date_to = request.date_from
    _save(request, actor=actor)
    if slots is not None:
        _set_slots(request, slots)
    if required_skills is not None:
        request.required_skills.set(required_skills)
    if nice_skills is not None:
        request.nice_skills.set(nice_skills)
    return request


REQUEST_TRANSITIONS = {
    HelpRequest.Status.OPEN: {HelpRequest.Status.NEW},
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
}


@transaction.atomic
def _request_move(*, actor, request: HelpRequest, to: str) -> HelpRequest:
    request = HelpRequest.objects.select_for_update().get(pk=request.pk)
    if request.status not in REQUEST_TRANSITIONS[to]:
        raise MatchingError(
            _("A request with the status “%(current)s” cannot become “%(new)s”.")
            % {
                "current": request.get_status_display(),
                "new": HelpRequest.Status(to).label,
            }
        )
    request.status = to
    _save(request, actor=actor)
    return request


def help_request_open(*, actor, request: HelpRequest) -> HelpRequest:
    """A coordinator has reviewed a new request: volunteers can be directed."""
    return _request_move(actor=actor, request=request, to=HelpRequest.Status.OPEN)


@transaction.atomic
def help_request_complete(*, actor, request: HelpRequest) -> HelpRequest:
    request = _request_move(
        actor=actor, request=request, to=HelpRequest.Status.COMPLETED
    )
    for assignment in request.assignments.filter(status=Assignment.Status.ACTIVE):
        _assignment_set(assignment, Assignment.Status.COMPLETED, actor=actor)
    for assignment in request.assignments.live():
        _assignment_set(assignment, Assignment.Status.CANCELLED, actor=actor)
    return request


@transaction.atomic
def help_request_cancel(*, actor, request: HelpRequest) -> HelpRequest:
    request = _request_move(
        actor=actor, request=request, to=HelpRequest.Status.CANCELLED
    )
    for assignment in request.assignments.live():
        _assignment_set(assignment, Assignment.Status.CANCELLED, actor=actor)
    return request


def _refresh_request_status(request: HelpRequest, *, actor) -> None:
    """Staffed when every place is taken, in progress once someone works,
    open again when a place frees up. The caller holds the request's lock."""
    if request.status not in (
        HelpRequest.Status.OPEN,
        HelpRequest.Status.STAFFED,
        HelpRequest.Status.IN_PROGRESS,
    ):
        return
    holding = list(request.assignments.holding_place().values_list("status", flat=True))
    if Assignment.Status.ACTIVE in holding:
        new = HelpRequest.Status.IN_PROGRESS
    elif len(holding) >= request.needed:
        new = HelpRequest.Status.STAFFED
    else:
        new = HelpRequest.Status.OPEN
    if new != request.status:
        request.status = new
        _save(request, actor=actor)


# --- Assignments ---------------------------------------------------------------


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
    reasons: Sequence[str] = (),
) -> Assignment:
    request, volunteer = _lock(request, volunteer.pk)
    if request.status not in HelpRequest.DIRECTABLE:
        raise MatchingError(
            _("Volunteers can be directed only to a new, open or running request.")
        )
    if request.status == HelpRequest.Status.NEW:
        request.status = HelpRequest.Status.OPEN
        _save(request, actor=actor)
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
        proposed_by=actor,
        status_changed_at=timezone.now(),
        status_changed_by=actor,
    )
    _save(assignment, actor=actor)
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
            % {
                "current": assignment.get_status_display(),
                "new": Assignment.Status(to).label,
            }
        )


def _assignment_set(assignment: Assignment, to: str, *, actor) -> Assignment:
    _check_transition(assignment, to)
    assignment.status = to
    if to not in Assignment.HOLDING_PLACE:
        assignment.place = None
    assignment.status_changed_at = timezone.now()
    assignment.status_changed_by = actor
    _save(assignment, actor=actor)
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
    _assignment_set(assignment, Assignment.Status.CONTACTED, actor=actor)
    if send_email and volunteer.email:
        transaction.on_commit(lambda: _send_invitation(assignment.pk))
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
    _assignment_set(assignment, Assignment.Status.ACCEPTED, actor=actor)
    _refresh_request_status(request, actor=actor)
    if len(taken) + 1 == request.needed:
        # The last place is taken (even if work on the others has started).
        transaction.on_commit(lambda: _notify_staffed(request.pk))
    return assignment


@transaction.atomic
def assignment_decline(*, actor, assignment: Assignment) -> Assignment:
    _, _, assignment = _locked_assignment(assignment)
    return _assignment_set(assignment, Assignment.Status.DECLINED, actor=actor)


def _start_refusal(assignment, volunteer, request, day) -> str | None:
    """Why work cannot start on ``day``: matching's own rules first, then
    those higher apps registered (e.g. a written agreement for long work)."""
    if request.involves_minors and not volunteer.vetting_valid(on=day):
        return _(
            "The work involves minors: record a current criminal-record and "
            "register check of the volunteer first."
        )
    if not volunteer.may_work_on(day):
        return _("A volunteer under 18 can start only with a legal guardian's consent.")
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
    _assignment_set(assignment, Assignment.Status.ACTIVE, actor=actor)
    _refresh_request_status(request, actor=actor)
    return assignment


@transaction.atomic
def assignment_complete(*, actor, assignment: Assignment) -> Assignment:
    request, _, assignment = _locked_assignment(assignment)
    _assignment_set(assignment, Assignment.Status.COMPLETED, actor=actor)
    _refresh_request_status(request, actor=actor)
    return assignment


@transaction.atomic
def assignment_cancel(*, actor, assignment: Assignment) -> Assignment:
    request, _, assignment = _locked_assignment(assignment)
    _assignment_set(assignment, Assignment.Status.CANCELLED, actor=actor)
    _refresh_request_status(request, actor=actor)
    return assignment


# --- Answers by e-mail -----------------------------------------------------------


def response_token(assignment: Assignment) -> str:
    return signing.dumps(
        {"a": assignment.pk, "v": assignment.volunteer_id}, salt=TOKEN_SALT
    )


def assignment_from_token(token: str) -> Assignment:
    """The assignment a link was sent for; MatchingError when the link was
    tampered with or has expired."""
    try:
        data = signing.loads(
            token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE.total_seconds()
        )
    except signing.SignatureExpired:
        raise MatchingError(
            _("This link has expired. Please call the Volunteer Centre.")
        ) from None
    except signing.BadSignature:
        raise MatchingError(_("This link is not valid.")) from None
    try:
        return Assignment.objects.select_related("request", "volunteer").get(
            pk=data["a"], volunteer_id=data["v"]
        )
    except Assignment.DoesNotExist:
        raise MatchingError(_("This link is not valid.")) from None


def assignment_respond(*, token: str, accept: bool) -> Assignment:
    """The volunteer answers through the link in the e-mail (no login)."""
    assignment = assignment_from_token(token)
    if accept:
        return assignment_accept(actor=None, assignment=assignment)
    return assignment_decline(actor=None, assignment=assignment)


def _send_invitation(assignment_pk: int) -> None:
    assignment = Assignment.objects.select_related("request", "volunteer").get(
        pk=assignment_pk
    )
    token = response_token(assignment)
    link = settings.SITE_URL + reverse("matching:respond", args=[token])
    send_mail(
        subject=str(_("Volunteer Centre: can you help?")),
        message=render_to_string(
            "matching/email/invitation.txt",
            {
                "assignment": assignment,
                "request": assignment.request,
                "slots": assignment.request.slots.all(),
                "link": link,
                "days": TOKEN_MAX_AGE.days,
                "CENTRE": settings.CENTRE,
            },
        ),
        from_email=None,
        recipient_list=[assignment.volunteer.email],
    )


def _notify_staffed(request_pk: int) -> None:
    """Tells the social worker who filed the request that it is staffed."""
    request = HelpRequest.objects.select_related(
        "created_by", "beneficiary__social_worker"
    ).get(pk=request_pk)
    recipients = {
        user.email
        for user in (
            request.created_by,
            request.beneficiary.social_worker if request.beneficiary else None,
        )
        if user is not None and user.email
    }
    if not recipients:
        return
    send_mail(
        subject=str(_("Volunteer Centre: request staffed")),
        message=render_to_string(
            "matching/email/staffed.txt",
            {
                "request": request,
                "link": settings.SITE_URL + request.get_absolute_url(),
                "CENTRE": settings.CENTRE,
            },
        ),
        from_email=None,
        recipient_list=sorted(recipients),
    )


# --- Hours -----------------------------------------------------------------------


@transaction.atomic
def hours_log(
    *, actor, assignment: Assignment, date: dt.date, hours: Decimal, note: str = ""
) -> HoursEntry:
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.status not in (Assignment.Status.ACTIVE, Assignment.Status.COMPLETED):
        raise MatchingError(
            _("Hours can be logged only for an active or completed assignment.")
        )
    if not assignment.date_from <= date <= assignment.date_to:
        raise MatchingError(
            _("The date must fall within the assignment (%(start)s–%(end)s).")
            % {
                "start": assignment.date_from.strftime("%d.%m.%Y"),
                "end": assignment.date_to.strftime("%d.%m.%Y"),
            }
        )
    if date > timezone.localdate():
        raise MatchingError(_("Hours cannot be logged for a future date."))
    entry = HoursEntry(
        assignment=assignment, date=date, hours=hours, note=note, logged_by=actor
    )
    _save(entry, actor=actor)
    return entry


@transaction.atomic
def hours_approve(*, actor, entries: Iterable[HoursEntry]) -> int:
    """Approved hours are what certificates are issued from."""
    now = timezone.now()
    count = 0
    for entry in HoursEntry.objects.select_for_update().filter(
        pk__in=[e.pk for e in entries], status=HoursEntry.Status.LOGGED
    ):
        entry.status = HoursEntry.Status.APPROVED
        entry.approved_by = actor
        entry.approved_at = now
        _save(entry, actor=actor)
        count += 1
    return count


# --- Programmes ------------------------------------------------------------------


@transaction.atomic
def programme_save(
    *,
    actor,
    fields: Mapping,
    programme: Programme | None = None,
    partners: Iterable[tuple] = (),
) -> Programme:
    programme = programme or Programme()
    for name, value in fields.items():
        setattr(programme, name, value)
    _save(programme, actor=actor)
    if partners is not None:
        programme.programmepartner_set.all().delete()
        for institution, role in partners:
            programme.programmepartner_set.create(institution=institution, role=role)
    return programme
