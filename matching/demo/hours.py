"""Hours logged on active and completed demo assignments."""

import datetime as dt

from matching.demo.context import Context
from matching.demo.vocabulary import HOURS_NOTES, AStatus
from matching.models import HoursEntry, hours_between
from registry.demo.rows import create_records
from registry.demo.timeline import at, office_minutes, spread


def _logged_at(ctx: Context, day: dt.date, serial: int) -> dt.datetime:
    """After the work: that evening or within the next two days."""
    after = spread(serial, 3)
    if after:
        moment = at(day + dt.timedelta(days=after), office_minutes(serial))
    else:
        moment = at(day, 20 * 60 + spread(~serial, 3 * 60))
    return min(ctx.now, moment)


def make_hours(ctx: Context, specs, assignments: list[dict]) -> int:
    """``assignments``: their fields by attname, with their id."""
    slots = {spec.request.pk: spec.slots for spec in specs}
    entries = []
    for a in assignments:
        if a["status"] not in (AStatus.ACTIVE, AStatus.COMPLETED):
            continue
        hours_by_day = {
            day: hours_between(start, end) for day, start, end in slots[a["request_id"]]
        }
        start, last = a["date_from"], min(a["date_to"], ctx.today)
        days = [start + dt.timedelta(days=n) for n in range((last - start).days + 1)]
        worked = [d for d in days if d.weekday() in hours_by_day][-6:]
        for day in worked:
            approved = a["status"] == AStatus.COMPLETED or (
                (ctx.today - day).days > 7 and ctx.rng.random() < 0.6
            )
            logged = _logged_at(ctx, day, len(entries))
            approved_at = None
            if approved:
                later = dt.timedelta(days=1 + spread(~len(entries), 7))
                approved_at = min(ctx.now, logged + later)
            entries.append(
                {
                    "assignment_id": a["id"],
                    "date": day,
                    "hours": hours_by_day[day.weekday()],
                    "note": ctx.rng.choice(HOURS_NOTES),
                    "status": (
                        HoursEntry.Status.APPROVED
                        if approved
                        else HoursEntry.Status.LOGGED
                    ),
                    "logged_by_id": ctx.coordinator_id,
                    "approved_by_id": ctx.coordinator_id if approved else None,
                    "approved_at": approved_at,
                    "created_at": logged,
                    "updated_at": approved_at or logged,
                }
            )
    return len(create_records(HoursEntry, entries, actor=ctx.coordinator))
