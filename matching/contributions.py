"""What matching contributes to the lower layers' pages and data through the
foundation's registries (volunteer_center/core/registries.py)."""

from django.utils.translation import gettext_lazy as _

from matching import selectors
from volunteer_center.core import registries


def volunteer_assignments_data(volunteer) -> registries.DataSection:
    return registries.DataSection(
        key="assignments",
        title=str(_("Assignments")),
        data=[
            {
                "request": assignment.request.title,
                "status": assignment.get_status_display(),
                "from": assignment.date_from.isoformat(),
                "until": assignment.date_to.isoformat(),
                "hours_approved": str(assignment.hours_approved or 0),
            }
            for assignment in selectors.volunteer_assignments(volunteer)
        ],
    )


def register() -> None:
    registries.nav_menus.register("matching/_nav.html", order=30)
    for model in ("volunteer", "beneficiary", "institution"):
        registries.person_panels.register(
            f"matching/_{model}_panel.html", model=f"registry.{model}", order=10
        )
    registries.person_data.register(
        volunteer_assignments_data, model="registry.volunteer", order=20
    )
