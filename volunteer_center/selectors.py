from django.conf import settings
from django.urls import reverse
from django.utils.dates import WEEKDAYS


def office_hours() -> list[dict]:
    """The configured office hours with the day's name, Monday first."""
    return [
        {**slot, "day": WEEKDAYS[slot["weekday"]]}
        for slot in sorted(
            settings.OFFICE_HOURS, key=lambda s: (s["weekday"], s["start"])
        )
    ]


def role_home_url(user) -> str:
    """Where a user lands after login: the page their role works from."""
    if user.has_perm("volunteer_center.view_dashboard"):
        return reverse("dashboard")
    if user.is_staff:
        return reverse("admin:index")
    return reverse("home")
