"""Hours logged for assignments and their approval."""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from matching.errors import MatchingError
from matching.models import Assignment, HoursEntry
from matching.services.hosts import send_host_confirmation
from volunteer_center.core.actors import user_or_none
from volunteer_center.core.services import save_validated


def _check_date(assignment: Assignment, date: dt.date) -> None:
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


@transaction.atomic
def hours_log(
    *, actor, assignment: Assignment, date: dt.date, hours: Decimal, note: str = ""
) -> HoursEntry:
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.status not in (Assignment.Status.ACTIVE, Assignment.Status.COMPLETED):
        raise MatchingError(
            _("Hours can be logged only for an active or completed assignment.")
        )
    _check_date(assignment, date)
    entry = HoursEntry(
        assignment=assignment,
        date=date,
        hours=hours,
        note=note,
        logged_by=user_or_none(actor),
    )
    save_validated(entry, actor=actor)
    if assignment.request.institution_id:
        request_pk = assignment.request_id
        transaction.on_commit(lambda: send_host_confirmation(request_pk))
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
        save_validated(entry, actor=actor)
        count += 1
    return count


def _changed_entry(entry: HoursEntry, reason: str) -> tuple[HoursEntry, str]:
    entry = HoursEntry.objects.select_for_update().get(pk=entry.pk)
    reason = " ".join(reason.split())
    if not reason:
        raise MatchingError(_("Say why the entry is corrected or rejected."))
    if entry.status == HoursEntry.Status.REJECTED:
        raise MatchingError(_("A rejected entry can no longer be changed."))
    return entry, reason


@transaction.atomic
def hours_correct(
    *, actor, entry: HoursEntry, hours: Decimal, date: dt.date, reason: str
) -> HoursEntry:
    """Corrects an entry before or after approval. A corrected entry waits
    for approval again; the history keeps the old values and the reason."""
    entry, reason = _changed_entry(entry, reason)
    _check_date(entry.assignment, date)
    entry.hours, entry.date, entry.change_reason = hours, date, reason
    entry.status = HoursEntry.Status.LOGGED
    entry.approved_by, entry.approved_at = None, None
    save_validated(entry, actor=actor)
    return entry


@transaction.atomic
def hours_reject(*, actor, entry: HoursEntry, reason: str) -> HoursEntry:
    """Rejects an entry, approved or not: it no longer counts towards
    certificates and reports, and stays in the history with the reason."""
    entry, reason = _changed_entry(entry, reason)
    entry.status, entry.change_reason = HoursEntry.Status.REJECTED, reason
    entry.approved_by, entry.approved_at = None, None
    save_validated(entry, actor=actor)
    return entry
