"""Panels the agreements app adds to other apps' pages: each runs a fixed
number of queries, whatever the number of rows."""

from django import template
from django.utils import timezone

from agreements import selectors
from agreements.models import Agreement, Certificate, Reference
from matching.models import Assignment, HelpRequest
from registry.models import Beneficiary, Institution, Volunteer
from volunteer_center.core.figures import kept_here

register = template.Library()

DASHBOARD_ROWS = 10


def _allowed(context, permission: str) -> bool:
    user = context.get("user")
    return bool(user and user.has_perm(permission))


# What a person's page shows of each agreement, certificate and reference:
# not the frozen text of the document, not the other party's whole record.
# What the panels on a person's page show: kept while these stand.
PARTY_PANEL_READ = (Agreement,)
CERTIFICATES_PANEL_READ = (Certificate, Reference)
PARTY_SHOWN = ("kind", "number", "status", "date_from", "date_to", "insurance_nnw")
REFERENCE_SHOWN = ("number", "date_from", "date_to")
CERTIFICATE_SHOWN = (*REFERENCE_SHOWN, "hours")


def _shown(documents, volunteer, fields):
    return documents.select_related(None).filter(volunteer=volunteer).only(*fields)


@register.inclusion_tag("agreements/_party_agreements.html", takes_context=True)
def party_agreements_panel(context, party):
    """The agreements with a volunteer, a beneficiary or an institution, on
    their page, kept while the agreements stand (core.figures)."""
    if not _allowed(context, "agreements.view_agreement"):
        return {"show": False}
    agreements = kept_here(
        "party-agreements-panel",
        lambda: list(
            selectors.party_agreements(party)
            .select_related(None)
            .only(*PARTY_SHOWN)
            .order_by("-date_from", "-pk")
        ),
        depends_on=PARTY_PANEL_READ,
        args=(party._meta.label, party.pk),
        tables=context.get("kept_tables"),
    )
    return {
        "show": True,
        "party": party,
        "kind": party._meta.model_name,
        "agreements": agreements,
        "perms": context.get("perms"),
    }


@register.inclusion_tag("agreements/_volunteer_certificates.html", takes_context=True)
def volunteer_certificates_panel(context, volunteer):
    if not _allowed(context, "agreements.view_certificate"):
        return {"show": False}
    documents = kept_here(
        "volunteer-certificates-panel",
        lambda: {
            "certificates": list(
                _shown(selectors.certificate_list(), volunteer, CERTIFICATE_SHOWN)
            ),
            "references": list(
                _shown(selectors.reference_list(), volunteer, REFERENCE_SHOWN)
            ),
        },
        depends_on=CERTIFICATES_PANEL_READ,
        args=(volunteer.pk,),
        tables=context.get("kept_tables"),
    )
    return {
        "show": True,
        "volunteer": volunteer,
        **documents,
        "perms": context.get("perms"),
    }


@register.inclusion_tag("agreements/_dashboard_lists.html", takes_context=True)
def agreements_dashboard(context):
    if not _allowed(context, "agreements.view_agreement"):
        return {"show": False}
    return {
        "show": True,
        **kept_here(
            "agreements-dashboard",
            _dashboard_lists,
            depends_on=DASHBOARD_READ,
            args=(timezone.localdate(),),
            # The page's own reading of where the tables stand, if it has one.
            tables=context.get("kept_tables"),
        ),
    }


def _dashboard_lists() -> dict:
    ending = selectors.agreements_ending_soon().only(*ENDING_SHOWN)
    lacking = selectors.assignments_lacking_agreement().only(*LACKING_SHOWN)
    return {
        "ending": list(ending[:DASHBOARD_ROWS]),
        "lacking": list(lacking[:DASHBOARD_ROWS]),
    }


# Kept while what the two lists show stands, the parties' names too.
DASHBOARD_READ = (
    Agreement,
    Assignment,
    HelpRequest,
    Volunteer,
    Beneficiary,
    Institution,
)


# What the dashboard's two lists show of each row: the parties' whole records
# (sixty columns for a volunteer) cost more to build than the rest of the page.
NAME = ("first_name", "last_name")
ENDING_SHOWN = (
    "number",
    "kind",
    "date_to",
    *(f"volunteer__{f}" for f in NAME),
    *(f"beneficiary__{f}" for f in NAME),
    "institution__name",
)
LACKING_SHOWN = (
    "date_from",
    "date_to",
    *(f"volunteer__{f}" for f in NAME),
    "request__title",
)
