from django.conf import settings

from volunteer_center.core.roles import user_roles


def centre(request):
    user = getattr(request, "user", None)
    return {
        "CENTRE": settings.CENTRE,
        "MIN_VOLUNTEER_AGE": settings.MIN_VOLUNTEER_AGE,
        "user_roles": user_roles(user) if user is not None else frozenset(),
    }
