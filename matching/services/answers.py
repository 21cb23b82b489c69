"""The volunteer's answer through the link in the invitation (no login)."""

import datetime as dt

from django.core import signing
from django.utils.translation import gettext_lazy as _

from matching.errors import MatchingError
from matching.models import Assignment
from matching.services.assignments import assignment_accept, assignment_decline
from matching.services.mail import TOKEN_MAX_AGE, TOKEN_SALT


def signed_data(token: str, *, salt: str, max_age: dt.timedelta) -> dict:
    """What a signed link carries; MatchingError when it was tampered with or
    has expired (the volunteer's answer, the host's hours)."""
    try:
        return signing.loads(token, salt=salt, max_age=max_age.total_seconds())
    except signing.SignatureExpired:
        raise MatchingError(
            _("This link has expired. Please call the Volunteer Centre.")
        ) from None
    except signing.BadSignature:
        raise MatchingError(_("This link is not valid.")) from None


def assignment_from_token(token: str) -> Assignment:
    """The assignment a link was sent for; MatchingError when the link was
    tampered with or has expired."""
    data = signed_data(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    try:
        return Assignment.objects.select_related("request", "volunteer").get(
            pk=data["a"], volunteer_id=data["v"]
        )
    except Assignment.DoesNotExist:
        raise MatchingError(_("This link is not valid.")) from None


def assignment_respond(*, token: str, accept: bool) -> Assignment:
    """The volunteer answers through the link in the e-mail (no login)."""
    assignment = assignment_from_token(token)
    if accept:
        return assignment_accept(actor=None, assignment=assignment)
    return assignment_decline(actor=None, assignment=assignment)
