from django.urls import reverse
from django.utils.dates import WEEKDAYS


def office_hours() -> list[dict]:
    """The office hours in use with the day's name, Monday first; the
    administrator edits them (registry.OfficeHours)."""
    from registry.models import OfficeHours

    return [
        {
            "weekday": hours.weekday,
            "start": f"{hours.start:%H:%M}",
            "end": f"{hours.end:%H:%M}",
            "day": WEEKDAYS[hours.weekday],
        }
        for hours in OfficeHours.objects.active().order_by("weekday", "start")
    ]


def role_home_url(user) -> str:
    """Where a user lands after login: the page their role works from."""
    if user.has_perm("volunteer_center.view_dashboard"):
        return reverse("dashboard")
    if user.is_staff:
        return reverse("admin:index")
    return reverse("home")
