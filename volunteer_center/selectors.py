from django.urls import reverse


def role_home_url(user) -> str:
    """Where a user lands after login: the page their role works from."""
    if user.has_perm("volunteer_center.view_dashboard"):
        return reverse("dashboard")
    if user.is_staff:
        return reverse("admin:index")
    return reverse("home")
