"""The volunteer's calendar: a private iCal feed of the dates of their accepted
and active assignments, for a phone or e-mail calendar to subscribe to.

The address carries the volunteer's id and calendar generation signed with the
secret key: it never expires, a new generation (the volunteer's "new address"
button) invalidates the old one, and changing ``settings.VOLUNTEER_ICAL_SALT``
invalidates every address at once. Anyone holding it sees the dates and places,
so it is handed only to the volunteer.

The feed goes to outside calendar services, beyond the centre's control: an
event names the kind of help and the district, never the request's title,
the beneficiary's name, address or needs (docs/ARCHITECTURE.md, rules).
"""

import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.core import signing
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from matching.models import Assignment, RequestSlot
from registry.models import Volunteer

# The feed covers recent weeks and at most a year ahead, however long an
# assignment runs: calendar apps download it whole, again and again.
PAST_DAYS = 90
FUTURE_DAYS = 365
PRODID = "-//OPS Czechowice-Dziedzice//Centrum Wolontariatu//PL"


def _signer() -> signing.Signer:
    return signing.Signer(salt=settings.VOLUNTEER_ICAL_SALT)


def volunteer_token(volunteer: Volunteer) -> str:
    # Generation 0 signs the bare id, so addresses handed out before
    # generations existed keep working until the volunteer renews theirs.
    generation = volunteer.calendar_generation
    value = f"{volunteer.pk}.{generation}" if generation else str(volunteer.pk)
    return _signer().sign(value)


def volunteer_from_token(token: str) -> Volunteer | None:
    """The volunteer a calendar address belongs to, if it is their current one."""
    try:
        value = _signer().unsign(token)
    except signing.BadSignature:
        return None
    pk, _dot, generation = value.partition(".")
    if not pk.isdigit() or not (generation or "0").isdigit():
        return None
    return (
        Volunteer.objects.not_anonymised()
        .filter(pk=int(pk), calendar_generation=int(generation or "0"))
        .first()
    )


def feed_window(today: dt.date) -> tuple[dt.date, dt.date]:
    return today - dt.timedelta(days=PAST_DAYS), today + dt.timedelta(days=FUTURE_DAYS)


def feed_assignments(volunteer: Volunteer, today: dt.date) -> QuerySet[Assignment]:
    start, end = feed_window(today)
    return (
        volunteer.assignments.holding_place()
        .filter(date_to__gte=start, date_from__lte=end)
        .select_related("request__district", "request__category")
        .prefetch_related(
            Prefetch("request__slots", queryset=RequestSlot.objects.order_by())
        )
        .order_by("date_from", "pk")
    )


def occurrences(
    assignment: Assignment, start: dt.date, end: dt.date
) -> Iterator[tuple[RequestSlot, dt.date]]:
    """Each day a weekly slot of the request falls in the assignment's period
    (within ``start``–``end``)."""
    first = max(assignment.date_from, start)
    last = min(assignment.date_to, end)
    for slot in assignment.request.slots.all():
        day = first + dt.timedelta(days=(slot.weekday - first.weekday()) % 7)
        while day <= last:
            yield slot, day
            day += dt.timedelta(days=7)


def location(assignment: Assignment) -> str:
    """The district only: the street address stays in the centre's systems."""
    district = assignment.request.district
    return district.name if district else ""


def summary(assignment: Assignment) -> str:
    return _("Volunteering: %(kind)s") % {"kind": assignment.request.category}


def volunteer_calendar(volunteer: Volunteer, today: dt.date | None = None) -> bytes:
    today = today or timezone.localdate()
    start, end = feed_window(today)
    zone = ZoneInfo(settings.TIME_ZONE)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _("Volunteering: %(name)s") % {"name": volunteer})
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for assignment in feed_assignments(volunteer, today):
        for slot, day in sorted(
            occurrences(assignment, start, end), key=lambda o: (o[1], o[0].start)
        ):
            calendar.add_component(_event(assignment, slot, day, zone))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _event(assignment, slot, day, zone) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"cw-{assignment.pk}-{slot.pk}-{day:%Y%m%d}@centrum-wolontariatu")
    event.add("dtstamp", assignment.updated_at)
    event.add("dtstart", dt.datetime.combine(day, slot.start, tzinfo=zone))
    event.add("dtend", dt.datetime.combine(day, slot.end, tzinfo=zone))
    event.add("summary", summary(assignment))
    if place := location(assignment):
        event.add("location", place)
    event.add("status", "CONFIRMED")
    return event
