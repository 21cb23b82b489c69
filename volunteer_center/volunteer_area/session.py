"""Who is signed in to the area. A volunteer's session is not a Django
login: it holds the volunteer's id under its own key, so staff views (which
require a logged-in user) never open for it, and the area never opens for a
staff login (docs/ARCHITECTURE.md, "The volunteer area")."""

import datetime as dt

from django.conf import settings
from django.contrib.auth import logout
from django.utils import timezone

from registry.models import Volunteer
from volunteer_center.core.actors import SelfServiceActor

SESSION_KEY = "volunteer_area_volunteer"
SINCE_KEY = "volunteer_area_since"


def session_length() -> dt.timedelta:
    return dt.timedelta(hours=settings.VOLUNTEER_SESSION_HOURS)


def sign_in(request, volunteer: Volunteer) -> None:
    """A fresh session for the volunteer alone: any staff login in this
    browser ends, and the old session key is never reused."""
    logout(request)
    request.session[SESSION_KEY] = volunteer.pk
    request.session[SINCE_KEY] = timezone.now().isoformat()
    request.session.set_expiry(int(session_length().total_seconds()))


def sign_out(request) -> None:
    request.session.flush()


def signed_in_volunteer(request) -> Volunteer | None:
    """The volunteer of this session, or None: never with a staff login, never
    past the session's length, never an anonymised record."""
    if request.user.is_authenticated:
        return None
    pk = request.session.get(SESSION_KEY)
    since = request.session.get(SINCE_KEY)
    if pk is None or since is None:
        return None
    if timezone.now() - dt.datetime.fromisoformat(since) > session_length():
        sign_out(request)
        return None
    return Volunteer.objects.not_anonymised().filter(pk=pk).first()


def actor_for(volunteer: Volunteer) -> SelfServiceActor:
    return SelfServiceActor(kind="volunteer", pk=volunteer.pk, name=str(volunteer))
