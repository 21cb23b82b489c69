"""Who may open each staff URL of matching (docs/ARCHITECTURE.md, Roles)."""

C, S, A = "coordinator", "social_worker", "administrator"

ACCESS = {
    "matching:request-list": {C, S},
    "matching:request-create": {C, S},
    "matching:request-detail": {C, S},
    "matching:request-update": {C, S},
    "matching:request-status": {C},
    "matching:assignment-propose": {C},
    "matching:assignment-list": {C},
    "matching:assignment-status": {C},
    "matching:hours-log": {C},
    "matching:hours-list": {C},
    "matching:hours-approve": {C},
    "matching:hours-change": {C},
    "matching:batch": {C},
    "matching:batch-detail": {C},
    "matching:programme-list": {C},
    "matching:programme-create": {C},
    "matching:programme-detail": {C},
    "matching:programme-update": {C},
    "matching:cover-stop": {C},
}
# Public: the volunteer's answer page and calendar feed, guarded by a signed
# token instead.
PUBLIC = {"matching:respond", "matching:volunteer-ical", "matching:host-hours"}
