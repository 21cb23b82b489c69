"""One visit of an assignment: the volunteer cannot come."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from matching import ical
from matching.errors import MatchingError
from matching.models import Assignment, VisitAbsence
from matching.services.assignments import _locked_assignment
from volunteer_center.core.actors import user_or_none
from volunteer_center.core.notifications import Notice, Recipient, notify
from volunteer_center.core.services import save_validated


def visit_dates(assignment: Assignment, start: dt.date, end: dt.date) -> list[dt.date]:
    """The days of the assignment's visits between ``start`` and ``end``."""
    return sorted({day for _slot, day in ical.occurrences(assignment, start, end)})


@transaction.atomic
def visit_call_off(
    *, actor, assignment: Assignment, date: dt.date, reason: str
) -> VisitAbsence:
    """The volunteer cannot come to the visit on ``date``; the coordinator is
    told. The assignment stays: only that one visit is off."""
    _request, _volunteer, assignment = _locked_assignment(assignment)
    if assignment.status not in Assignment.HOLDING_PLACE:
        raise MatchingError(
            _("Only a visit of an accepted assignment can be called off.")
        )
    if date < timezone.localdate():
        raise MatchingError(_("A past visit cannot be called off."))
    if date not in visit_dates(assignment, date, date):
        raise MatchingError(_("There is no visit of this assignment on that day."))
    if not reason.strip():
        raise MatchingError(_("Please say why you cannot come."))
    # Under the assignment's lock, so the check cannot race a second click.
    if assignment.absences.filter(date=date).exists():
        raise MatchingError(_("This visit has already been called off."))
    absence = VisitAbsence(
        assignment=assignment,
        date=date,
        reason=reason.strip(),
        reported_by=user_or_none(actor),
    )
    save_validated(absence, actor=actor)
    transaction.on_commit(lambda: notify_coordinator_of_absence(absence.pk))
    return absence


def coordinator_recipient(assignment: Assignment) -> Recipient:
    """Who answers for the assignment: the staff member who directed the
    volunteer, else the centre's own address."""
    user = assignment.proposed_by
    if user is not None and user.email:
        return Recipient(
            name=user.get_full_name() or user.get_username(), email=user.email
        )
    return Recipient(name=settings.CENTRE["name"], email=settings.CENTRE["email"])


def notify_coordinator_of_absence(absence_pk: int) -> None:
    absence = VisitAbsence.objects.select_related(
        "assignment__volunteer", "assignment__request", "assignment__proposed_by"
    ).get(pk=absence_pk)
    body = render_to_string(
        "matching/email/absence.txt",
        {
            "absence": absence,
            "assignment": absence.assignment,
            "link": settings.SITE_URL + absence.assignment.get_absolute_url(),
        },
    )
    notify(
        coordinator_recipient(absence.assignment),
        Notice(
            subject=str(
                _("Volunteer Centre: a volunteer cannot come on %(date)s")
                % {"date": absence.date.strftime("%d.%m.%Y")}
            ),
            body=body,
        ),
    )
