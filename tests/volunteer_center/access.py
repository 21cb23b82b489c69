"""Who may open each staff URL of the project itself (docs/ARCHITECTURE.md, Roles)."""

C = "coordinator"

ACCESS = {
    # Others are sent on to their own start page (test_security.py).
    "dashboard": {C},
    "report": {C},
}
