"""Middleware of the whole site: no page is stored by a cache, and a staff
session ends after a spell of inactivity (docs/ARCHITECTURE.md)."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import SuspiciousOperation
from django.dispatch import receiver

# Session keys: when the session signed in, and when it was last active.
STARTED = "cw_session_started"
SEEN = "cw_session_seen"
# The activity stamp is refreshed at most this often (seconds), so that a busy
# session is not written back on every request.
SEEN_RESOLUTION = 60


class RefuseNulMiddleware:
    """A 400 for a NUL byte anywhere in the query string or the form data: no
    PostgreSQL text can hold one, so wherever it lands (a search box, an admin
    filter, the login's lock-out check) the query would fail as a server
    error. Nobody types one; files are not looked at."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        data = [request.GET]
        if request.method == "POST":
            data.append(request.POST)
        for values in data:
            for key, items in values.lists():
                if "\x00" in key or any("\x00" in item for item in items):
                    raise SuspiciousOperation("NUL byte in the request data")
        return self.get_response(request)


class NoStoreMiddleware:
    """``Cache-Control: no-store`` on every page the project renders: staff
    pages, exports, documents, the iCal feed and the public forms carry
    personal data, and a shared computer's browser or a proxy must keep none
    of it. Static files are answered by WhiteNoise before this runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "no-store" not in response.get("Cache-Control", ""):
            response["Cache-Control"] = "no-store"
        return response


@receiver(user_logged_in, dispatch_uid="stamp_session_start")
def stamp_session_start(sender, request, user, **kwargs) -> None:
    """The clock of both limits starts at sign-in, in the write that the
    sign-in makes anyway."""
    now = time.time()
    request.session[STARTED] = request.session[SEEN] = now


class StaffSessionTimeoutMiddleware:
    """Signs a staff account out after settings.STAFF_IDLE_TIMEOUT_MINUTES
    without a request, and in any case settings.SESSION_COOKIE_AGE after it
    signed in: refreshing the activity stamp saves the session, which would
    otherwise push its expiry on and on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request) -> None:
        now = time.time()
        session = request.session
        started = session.setdefault(STARTED, now)
        seen = session.get(SEEN, now)
        idle = settings.STAFF_IDLE_TIMEOUT_MINUTES * 60
        if now - seen > idle or now - started > settings.SESSION_COOKIE_AGE:
            logout(request)
        elif now - seen >= SEEN_RESOLUTION:
            session[SEEN] = now
