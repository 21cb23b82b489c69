"""The signed "I can't come" link of a reminder: it opens the call-off form
for one visit without signing in, valid until the visit's day ends."""

import datetime as dt

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

SALT = "volunteer_area.call-off"


def call_off_url(assignment_id: int, volunteer_id: int, day: dt.date) -> str:
    token = signing.dumps(
        {"a": assignment_id, "v": volunteer_id, "d": day.isoformat()}, salt=SALT
    )
    return settings.SITE_URL + reverse("volunteer_area:call-off-link", args=[token])


def read_call_off_token(token: str) -> tuple[int, int, dt.date] | None:
    """(assignment, volunteer, day), or None when forged or the day is past."""
    try:
        data = signing.loads(token, salt=SALT)
        day = dt.date.fromisoformat(data["d"])
    except (signing.BadSignature, KeyError, ValueError):
        return None
    if day < timezone.localdate():
        return None
    return data["a"], data["v"], day
