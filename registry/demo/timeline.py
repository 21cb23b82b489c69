"""When things happened in the demo's past: the register has been in use for
about two years, volunteers signed up over that time (on the day they read
the information clause), and what a record depends on was written before it.

Moments are derived from what the demo already draws (or from a record's
serial number) without drawing anything more, so that the same seed still
gives the same people, requests and assignments.
"""

import datetime as dt
from functools import cache

from django.conf import settings
from django.utils import timezone

# The register's first day: this many days before today. The sign-ups are
# spread over the 700 days after it; the centre's own records (its
# institutions, its texts) were entered on it.
SPAN_DAYS = 730
# The RODO information clause the centre used before the current one: the one
# adopted when the regulation came into force (25 May 2018).
EARLIER_CLAUSE_VERSION = "2018-05"


def register_start(today: dt.date) -> dt.date:
    return today - dt.timedelta(days=SPAN_DAYS)


def at(day: dt.date, minutes: int) -> dt.datetime:
    """The moment ``minutes`` (less than a day) after the local midnight that
    begins ``day``, on the centre's clock. Called for each of 100,000
    volunteers: the zone is looked up once, not through make_aware."""
    hour, minute = divmod(minutes, 60)
    zone = timezone.get_default_timezone()
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=zone)


def spread(serial: int, count: int) -> int:
    """A number in ``range(count)`` that looks random for consecutive serials
    (Knuth's multiplicative hash), drawn from nothing."""
    return (serial * 2654435761 >> 7) % count if count > 0 else 0


def office_minutes(serial: int) -> int:
    """A time of day between 8:00 and 19:59, as minutes after midnight."""
    return 8 * 60 + spread(serial, 12 * 60)


@cache
def clause_dated(version: str) -> dt.date | None:
    """The first day of a clause version named "YYYY-MM"; None when the name
    says no date."""
    try:
        year, month = (int(part) for part in version.split("-"))
        return dt.date(year, month, 1)
    except ValueError:
        return None


def clause_version_on(day: dt.date) -> str:
    """The information clause a person who signed up on ``day`` read: the
    current one from its month on, the earlier one before."""
    current = settings.PRIVACY_CLAUSE_VERSION
    since = clause_dated(current)
    if since is not None and day < since:
        return EARLIER_CLAUSE_VERSION
    return current
