from django.urls import reverse


def role_home_url(user) -> str:
    """Where a user lands after login: the page their role works from."""
    if user.has_perm("volunteer_center.view_dashboard"):
        return reverse("dashboard")
    if user.is_staff:
        return reverse("admin:index")
    if user.has_perm("matching.view_helprequest"):
        # A social worker works from the requests they filed for their people.
        return reverse("matching:request-list")
    return reverse("home")
