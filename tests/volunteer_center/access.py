"""Who may open each staff URL of the project itself (DESIGN.md, Roles)."""

C = "coordinator"

ACCESS = {
    # Others are sent on to their own start page (test_security.py).
    "dashboard": {C},
    "report": {C},
}
