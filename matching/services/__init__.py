"""Changes to help requests, assignments, hours and programmes, split by
subject; import them from here. Lock order: docs/ARCHITECTURE.md, Locks."""

from matching.errors import MatchingError
from matching.services.answers import assignment_from_token, assignment_respond
from matching.services.assignments import (
    ASSIGNMENT_TRANSITIONS,
    assignment_accept,
    assignment_activate,
    assignment_cancel,
    assignment_complete,
    assignment_contact,
    assignment_decline,
    assignment_propose,
    assignment_record_host_insurance,
)
from matching.services.cover import cover_expire_due, cover_stop
from matching.services.hosts import (
    host_token,
    hours_host_confirm,
    request_from_host_token,
)
from matching.services.hours import (
    hours_approve,
    hours_correct,
    hours_log,
    hours_reject,
)
from matching.services.mail import response_token
from matching.services.programmes import programme_save
from matching.services.requests import (
    REQUEST_TRANSITIONS,
    help_request_cancel,
    help_request_complete,
    help_request_create,
    help_request_open,
    help_request_reopen,
    help_request_update,
)
from matching.services.visits import visit_call_off, visit_dates

__all__ = [
    "ASSIGNMENT_TRANSITIONS",
    "REQUEST_TRANSITIONS",
    "MatchingError",
    "assignment_accept",
    "assignment_activate",
    "assignment_cancel",
    "assignment_complete",
    "assignment_contact",
    "assignment_decline",
    "assignment_from_token",
    "assignment_propose",
    "assignment_record_host_insurance",
    "assignment_respond",
    "cover_expire_due",
    "cover_stop",
    "help_request_cancel",
    "help_request_complete",
    "help_request_create",
    "help_request_open",
    "help_request_reopen",
    "help_request_update",
    "host_token",
    "hours_approve",
    "hours_correct",
    "hours_host_confirm",
    "hours_log",
    "hours_reject",
    "programme_save",
    "request_from_host_token",
    "response_token",
    "visit_call_off",
    "visit_dates",
]
