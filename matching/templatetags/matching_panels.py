"""Panels matching adds to the register's pages (the register does not import
matching: its templates include these partials, which call the tags here).
Each panel runs a fixed number of queries."""

from django import template
from django.urls import reverse

from matching import ical, selectors
from matching.models import Assignment, HelpRequest, HoursEntry
from registry.models import Category
from volunteer_center.core.figures import kept_here

register = template.Library()

# What the volunteer's page shows of each assignment (not the request's
# description and addresses).
ASSIGNMENT_SHOWN = (
    "date_from",
    "date_to",
    "status",
    "request__title",
    "request__category__name",
)


# What the volunteer's panel shows: kept while these stand (core.figures).
VOLUNTEER_PANEL_READ = (Assignment, HoursEntry, HelpRequest, Category)


@register.inclusion_tag("matching/_volunteer_panel_body.html", takes_context=True)
def volunteer_matching_panel(context, volunteer):
    return {
        "perms": context.get("perms"),
        "volunteer": volunteer,
        **kept_here(
            "volunteer-matching-panel",
            lambda: _volunteer_work(volunteer),
            depends_on=VOLUNTEER_PANEL_READ,
            args=(volunteer.pk,),
            tables=context.get("kept_tables"),
        ),
        "ical_url": _ical_url(context, volunteer),
    }


def _volunteer_work(volunteer) -> dict:
    assignments = selectors.volunteer_assignments(volunteer).only(*ASSIGNMENT_SHOWN)
    return {
        "assignments": list(assignments[:20]),
        "hours": selectors.hours_totals(volunteer_id=volunteer.pk),
    }


def _ical_url(context, volunteer) -> str:
    if volunteer.is_anonymised or "request" not in context:
        return ""
    path = reverse("matching:volunteer-ical", args=[ical.volunteer_token(volunteer)])
    return context["request"].build_absolute_uri(path)


@register.inclusion_tag("matching/_party_panel_body.html", takes_context=True)
def party_matching_panel(context, beneficiary=None, institution=None):
    user = context["request"].user
    requests = selectors.request_list(user)
    if beneficiary is not None:
        requests = requests.filter(beneficiary=beneficiary)
        hours = selectors.hours_totals(beneficiary_id=beneficiary.pk)
    else:
        requests = requests.filter(institution=institution)
        hours = selectors.hours_totals(institution_id=institution.pk)
    return {
        "perms": context.get("perms"),
        "beneficiary": beneficiary,
        "requests": list(requests.order_by("-date_from", "-pk")[:20]),
        "hours": hours,
        "statuses": HelpRequest.Status,
    }
