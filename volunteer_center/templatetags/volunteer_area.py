"""The volunteer area's own words for what staff see in theirs."""

from django import template
from django.utils.translation import gettext as _

from matching.models import Assignment

register = template.Library()

AWAITING_ANSWER = {Assignment.Status.PROPOSED, Assignment.Status.CONTACTED}


@register.filter
def area_status(assignment: Assignment) -> str:
    """An assignment's status as the volunteer reads it: a proposal or a
    contact made is a question to them, not a step of the coordinator's."""
    if assignment.status in AWAITING_ANSWER:
        return _("waiting for your answer")
    return assignment.get_status_display()
