"""Matching's models, split by subject; import them from here."""

from matching.models.assignments import (
    Assignment,
    AssignmentQuerySet,
    HoursEntry,
    HoursEntryQuerySet,
)
from matching.models.batch import BatchProposal
from matching.models.programmes import Programme, ProgrammePartner
from matching.models.requests import (
    HelpRequest,
    HelpRequestQuerySet,
    RequestSlot,
    Weekday,
    hours_between,
    party_key,
)
from matching.models.visits import (
    CoverChain,
    CoverOffer,
    DigestRun,
    VisitAbsence,
    VisitReminder,
)

__all__ = [
    "Assignment",
    "AssignmentQuerySet",
    "BatchProposal",
    "CoverChain",
    "CoverOffer",
    "DigestRun",
    "HelpRequest",
    "HelpRequestQuerySet",
    "HoursEntry",
    "HoursEntryQuerySet",
    "Programme",
    "ProgrammePartner",
    "RequestSlot",
    "VisitAbsence",
    "VisitReminder",
    "Weekday",
    "hours_between",
    "party_key",
]
