from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from volunteer_center.core.roles import ADMINISTRATOR, COORDINATOR, ROLE_GROUPS


@transaction.atomic
def staff_user_create(
    *,
    username: str,
    password: str | None,
    role: str,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
):
    """Creates a staff account in the group of ``role``.

    Coordinators and administrators get access to the Django admin (bulk edits);
    what they can do there is limited by their group's permissions.
    """
    if role not in ROLE_GROUPS:
        raise ValueError(f"Unknown role {role!r}")
    user = get_user_model()(
        username=username,
        email=email,
        first_name=first_name,
        last_name=last_name,
        is_staff=role in {COORDINATOR, ADMINISTRATOR},
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    user.groups.add(Group.objects.get(name=ROLE_GROUPS[role]))
    return user
