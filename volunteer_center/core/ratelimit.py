"""A per-address limit on public forms (the sign-up, a booking)."""

from django.conf import settings
from django.core.cache import cache


def allowed(request, form: str, *, per_hour: int | None = None) -> bool:
    """At most ``per_hour`` submissions of ``form`` per client address per hour
    (settings.SIGNUP_RATE_LIMIT_PER_HOUR by default)."""
    limit = settings.SIGNUP_RATE_LIMIT_PER_HOUR if per_hour is None else per_hour
    return allowed_for(f"{form}-rate:{request.META.get('REMOTE_ADDR', '')}", limit)


def allowed_for(key: str, per_hour: int) -> bool:
    """At most ``per_hour`` uses of ``key`` per hour, whatever the key names
    (an address, an e-mail's hash)."""
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=3600)
        count = 1
    return count <= per_hour
