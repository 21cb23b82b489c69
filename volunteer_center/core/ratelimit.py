"""The one limiter of public forms (the sign-up, a booking): accepted
submissions per hour, per client address and per e-mail address.

Only what is accepted counts: the view calls ``take`` after the form is valid,
inside the transaction that stores the submission, so a refused form never
counts and a rolled-back one gives its place back. The counters are rows
locked with ``select_for_update``: a burst of simultaneous submissions cannot
pass the limit (a cache's read-then-write could).
"""

import datetime as dt
import hashlib

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from volunteer_center.core.clientip import client_ip
from volunteer_center.core.models import RateLimitCounter

WINDOW = dt.timedelta(hours=1)


def _key(form: str, kind: str, value: str) -> str:
    digest = hashlib.sha256(f"{form}:{kind}:{value}".encode()).hexdigest()
    return f"{form}:{kind}:{digest[:64]}"


def _locked(key: str, now: dt.datetime) -> RateLimitCounter:
    counter, _created = RateLimitCounter.objects.select_for_update().get_or_create(
        key=key, defaults={"window_ends": now + WINDOW}
    )
    if counter.window_ends <= now:
        counter.count, counter.window_ends = 0, now + WINDOW
    return counter


def take(request, form: str, *, email: str = "") -> bool:
    """Counts one accepted submission of ``form`` from the request's client
    address (and for ``email``, when given) and returns True; returns False
    and counts nothing when either already reached its hourly limit
    (settings.RATE_LIMIT_PER_ADDRESS_PER_HOUR, RATE_LIMIT_PER_EMAIL_PER_HOUR)."""
    limits = {
        _key(form, "address", client_ip(request)): (
            settings.RATE_LIMIT_PER_ADDRESS_PER_HOUR
        )
    }
    if email.strip():
        limits[_key(form, "email", email.strip().casefold())] = (
            settings.RATE_LIMIT_PER_EMAIL_PER_HOUR
        )
    return _take(limits)


@transaction.atomic
def _take(limits: dict[str, int]) -> bool:
    now = timezone.now()
    RateLimitCounter.objects.filter(window_ends__lt=now).delete()
    # Always in key order, so two submissions sharing both keys queue.
    counters = [_locked(key, now) for key in sorted(limits)]
    if any(counter.count >= limits[counter.key] for counter in counters):
        return False
    for counter in counters:
        counter.count += 1
        counter.save()
    return True
