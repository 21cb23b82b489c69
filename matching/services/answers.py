"""The volunteer's answer through the link in the invitation (no login)."""

from django.utils.translation import gettext_lazy as _

from matching.errors import MatchingError
from matching.models import Assignment
from matching.services.assignments import assignment_accept, assignment_decline
from matching.services.mail import RESPONSE_LINK


def assignment_from_token(token: str) -> Assignment:
    """The assignment a link was sent for; MatchingError when the link was
    tampered with or has expired."""
    data = RESPONSE_LINK.data(token)
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
