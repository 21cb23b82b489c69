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

__all__ = [
    "Assignment",
    "AssignmentQuerySet",
    "BatchProposal",
    "HelpRequest",
    "HelpRequestQuerySet",
    "HoursEntry",
    "HoursEntryQuerySet",
    "Programme",
    "ProgrammePartner",
    "RequestSlot",
    "Weekday",
    "hours_between",
    "party_key",
]
