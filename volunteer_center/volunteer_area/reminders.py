"""Reminders before each visit and the coordinators' morning digest, run by
``manage.py send_reminders`` (cron: README). Both are idempotent: a reminder
is recorded (``VisitReminder``, unique per visit) before it is sent, the
digest once a day (``DigestRun``)."""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from matching.ical import occurrences
from matching.models import (
    Assignment,
    CoverChain,
    DigestRun,
    HelpRequest,
    RequestSlot,
    VisitAbsence,
    VisitReminder,
)
from matching.services.visits import coordinator_recipient
from registry.notify import volunteer_notify
from volunteer_center.core.notifications import Notice, Recipient, notify
from volunteer_center.core.roles import COORDINATOR, ROLE_GROUPS
from volunteer_center.volunteer_area.links import call_off_url

# A completed or cancelled request has no visits left to remind of.
_REQUEST_GOING_ON = [
    status for status in HelpRequest.Status if status not in HelpRequest.FINISHED
]

BATCH = 2000


@dataclass(frozen=True)
class Visit:
    assignment: Assignment
    day: dt.date
    slots: tuple
    starts_at: dt.datetime

    @property
    def times(self) -> str:
        return ", ".join(slot.span for slot in self.slots)


def _assignments(statuses, first: dt.date, last: dt.date):
    """Assignments with a visit between ``first`` and ``last``, of live
    requests and volunteers who are not anonymised."""
    weekdays = {
        (first + dt.timedelta(days=n)).weekday() for n in range((last - first).days + 1)
    }
    slot_on_day = RequestSlot.objects.filter(
        request_id=OuterRef("request_id"), weekday__in=weekdays
    )
    return (
        Assignment.objects.filter(
            Exists(slot_on_day),
            status__in=statuses,
            date_from__lte=last,
            date_to__gte=first,
            volunteer__anonymised_at__isnull=True,
            request__status__in=_REQUEST_GOING_ON,
        )
        .select_related(
            "volunteer", "proposed_by", "request__district", "request__category"
        )
        .prefetch_related(
            Prefetch("request__slots", queryset=RequestSlot.objects.order_by("start"))
        )
        .order_by("pk")
    )


def visits(
    statuses, start: dt.datetime, end: dt.datetime, *, unreminded: bool = False
) -> Iterator[Visit]:
    """Visits that start in [start, end), but those called off (and, with
    ``unreminded``, those already reminded of: one query per batch, so a
    second run of the command reads instead of trying each visit)."""
    first, last = timezone.localdate(start), timezone.localdate(end)
    zone = timezone.get_current_timezone()
    queryset = _assignments(statuses, first, last)
    for offset in range(0, queryset.count(), BATCH):
        chunk = list(queryset[offset : offset + BATCH])
        ids = [a.pk for a in chunk]
        off = set(
            VisitAbsence.objects.filter(
                assignment__in=ids, date__range=(first, last)
            ).values_list("assignment_id", "date")
        )
        if unreminded:
            off |= set(
                VisitReminder.objects.filter(
                    assignment__in=ids, date__range=(first, last)
                ).values_list("assignment_id", "date")
            )
        for assignment in chunk:
            by_day: dict[dt.date, list] = {}
            for slot, day in occurrences(assignment, first, last):
                by_day.setdefault(day, []).append(slot)
            for day, slots in sorted(by_day.items()):
                starts_at = dt.datetime.combine(day, slots[0].start, tzinfo=zone)
                if start <= starts_at < end and (assignment.pk, day) not in off:
                    yield Visit(assignment, day, tuple(slots), starts_at)


def _claim(visit: Visit, now: dt.datetime) -> VisitReminder | None:
    """Records the reminder first: a second run, even at the same moment,
    finds the row (the unique constraint) and sends nothing."""
    with transaction.atomic():
        reminder, created = VisitReminder.objects.get_or_create(
            assignment=visit.assignment, date=visit.day, defaults={"sent_at": now}
        )
    return reminder if created else None


def reminder_notice(visit: Visit) -> Notice:
    assignment = visit.assignment
    request = assignment.request
    link = call_off_url(assignment.pk, assignment.volunteer_id, visit.day)
    context = {
        "visit": visit,
        "assignment": assignment,
        "request": request,
        "contact": coordinator_recipient(assignment),
        "link": link,
        "CENTRE": settings.CENTRE,
    }
    when = f"{visit.day:%d.%m.%Y} {visit.slots[0].start:%H:%M}"
    return Notice(
        # No title, address or name: the subject leaves the centre's control.
        subject=_("Volunteer Centre: reminder of your visit on %(when)s")
        % {"when": when},
        body=render_to_string("volunteer_center/area/email/reminder.txt", context),
        text=_(
            "Volunteer Centre: reminder, %(when)s, %(district)s. Can't come? %(link)s"
        )
        % {"when": when, "district": request.district or "", "link": link},
    )


def send_reminders(*, now: dt.datetime | None = None) -> int:
    """Reminds every volunteer of each visit starting within the next
    ``REMINDER_HOURS_BEFORE`` hours, once per visit; returns how many."""
    now = now or timezone.now()
    end = now + dt.timedelta(hours=settings.REMINDER_HOURS_BEFORE)
    sent = 0
    for visit in visits(Assignment.HOLDING_PLACE, now, end, unreminded=True):
        reminder = _claim(visit, now)
        if reminder is None:
            continue
        channels = volunteer_notify(visit.assignment.volunteer, reminder_notice(visit))
        VisitReminder.objects.filter(pk=reminder.pk).update(channels=",".join(channels))
        sent += 1
    return sent


def coordinators() -> list[Recipient]:
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=ROLE_GROUPS[COORDINATOR])
        .exclude(email="")
    )
    return [
        Recipient(name=u.get_full_name() or u.get_username(), email=u.email)
        for u in users
    ]


def digest_context(today: dt.date) -> dict:
    start = dt.datetime.combine(
        today, dt.time(0), tzinfo=timezone.get_current_timezone()
    )
    end = start + dt.timedelta(days=1)
    waiting = (Assignment.Status.PROPOSED, Assignment.Status.CONTACTED)
    return {
        "today": today,
        "unconfirmed": list(visits(waiting, start, end)),
        "called_off": list(
            VisitAbsence.objects.filter(date=today).select_related(
                "assignment__volunteer", "assignment__request"
            )
        ),
        "chains": list(
            CoverChain.objects.filter(status=CoverChain.Status.OPEN).select_related(
                "request"
            )
        ),
        "site": settings.SITE_URL,
    }


def send_digest(*, now: dt.datetime | None = None) -> int:
    """The coordinators' digest of the day, on the first run from
    ``DIGEST_HOUR`` on; returns the number of recipients (0 when not due)."""
    now = timezone.localtime(now or timezone.now())
    if now.hour < settings.DIGEST_HOUR:
        return 0
    today = now.date()
    with transaction.atomic():
        run, created = DigestRun.objects.get_or_create(
            day=today, defaults={"sent_at": now}
        )
    if not created:
        return 0
    context = digest_context(today)
    notice = Notice(
        subject=_("Volunteer Centre: today's visits to check (%(day)s)")
        % {"day": f"{today:%d.%m.%Y}"},
        body=render_to_string("volunteer_center/area/email/digest.txt", context),
    )
    recipients = coordinators()
    for recipient in recipients:
        notify(recipient, notice)
    DigestRun.objects.filter(pk=run.pk).update(recipients=len(recipients))
    return len(recipients)
