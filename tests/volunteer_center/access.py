"""Who may open each staff URL of the project itself (docs/ARCHITECTURE.md, Roles)."""

C = "coordinator"
SW = "social_worker"

ACCESS = {
    # Others are sent on to their own start page (test_security.py).
    "dashboard": {C},
    "report": {C},
    # A background export's pages: whoever asked for it, in any role that may
    # export a list; anybody else gets 404 (test_export_jobs.py).
    "core:export-job": {C, SW},
    "core:export-progress": {C, SW},
    "core:export-download": {C, SW},
}
ACCESS["volunteer-request-action"] = {C}
ACCESS["volunteer-request-certificate"] = {C}
