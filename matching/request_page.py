"""A request's staff page: everything it shows besides the suggestions, read
once and kept while the tables it is drawn from stand (docs/ARCHITECTURE.md,
"Kept figures")."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone

from matching.models import (
    Assignment,
    CoverChain,
    CoverOffer,
    HelpRequest,
    HoursEntry,
    Programme,
    VisitAbsence,
)
from matching.selectors import (
    HoursTotals,
    hours_totals,
    request_absences,
    request_assignments,
    request_cover_chains,
    request_detail,
)
from registry.models import (
    Beneficiary,
    Category,
    District,
    Institution,
    Skill,
    Volunteer,
)
from volunteer_center.core.figures import Tables, kept_here, user_args


@dataclass(frozen=True)
class RequestPage:
    """What a request's page shows besides its suggestions."""

    request: HelpRequest
    assignments: list[Assignment]
    hours: HoursTotals
    cover_chains: list[CoverChain]
    absences: list[VisitAbsence]


def request_page(requests: QuerySet[HelpRequest], pk: int) -> RequestPage | None:
    """The request ``pk`` from ``requests`` (a user's scope) with everything
    its page shows: nine queries; None where the request is not in scope."""
    request = request_detail(requests).filter(pk=pk).first()
    if request is None:
        return None
    return RequestPage(
        request=request,
        assignments=list(request_assignments(request)),
        hours=hours_totals(request_id=request.pk),
        cover_chains=list(request_cover_chains(request)),
        absences=list(request_absences(request)),
    )


def request_page_read() -> tuple:
    """What a request's page is drawn from: the request with its slots and
    skills (saved with it), its assignments and their hours, its cover
    chains and visits called off, the people and staff accounts it names,
    the dictionaries and programmes."""
    return (
        HelpRequest,
        Assignment,
        HoursEntry,
        CoverChain,
        CoverOffer,
        VisitAbsence,
        Volunteer,
        Beneficiary,
        Institution,
        Programme,
        District,
        Category,
        Skill,
        get_user_model(),
    )


def kept_request_page(
    requests: QuerySet[HelpRequest], pk: int, *, user, tables: Tables | None = None
) -> RequestPage | None:
    """``request_page``, kept for this user with these permissions (their
    scope) while the tables it is drawn from stand, for the day (the visits
    called off are those still to come; docs/ARCHITECTURE.md, "Kept
    figures"): a coordinator opens the same request many times a day."""
    return kept_here(
        "request-page",
        lambda: request_page(requests, pk),
        depends_on=request_page_read(),
        args=(pk, *user_args(user), timezone.localdate()),
        tables=tables,
    )
