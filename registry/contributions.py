"""What the register contributes to the foundation's registries
(volunteer_center/core/registries.py): its menu and its part of a
volunteer's data."""

from django.utils.translation import gettext_lazy as _

from registry import selectors
from volunteer_center.core import registries


def volunteer_register_data(volunteer) -> registries.DataSection:
    return registries.DataSection(
        key="register",
        title=str(_("Register")),
        data=selectors.volunteer_personal_data(volunteer),
    )


def register() -> None:
    registries.nav_menus.register("registry/_nav.html", order=20)
    registries.person_data.register(
        volunteer_register_data, model="registry.volunteer", order=10
    )
