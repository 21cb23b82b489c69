"""What matching contributes to the lower layers' pages and data through the
foundation's registries (volunteer_center/core/registries.py)."""

from django.utils.translation import gettext_lazy as _

from matching import selectors
from matching.models import Assignment, HelpRequest, HoursEntry
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


def erase_volunteer_notes(*, person, actor) -> None:
    """Notes on the volunteer's assignments and hours may name them; the dates,
    hours and statuses stay for statistics. Old values go with the history."""
    assignments = Assignment.objects.filter(volunteer=person)
    entries = HoursEntry.objects.filter(assignment__volunteer=person)
    assignments.update(note="")
    entries.update(note="")
    Assignment.history.filter(volunteer_id=person.pk).delete()
    HoursEntry.history.filter(assignment__volunteer=person).delete()


def erase_beneficiary_requests(*, person, actor) -> None:
    """A request's title, description and address describe the beneficiary; the
    category, district, dates and hours stay for statistics."""
    requests = HelpRequest.objects.filter(beneficiary=person).select_related("category")
    for request in requests:
        HelpRequest.objects.filter(pk=request.pk).update(
            title=request.category.name, description="", address=""
        )
    HelpRequest.history.filter(beneficiary_id=person.pk).delete()
    Assignment.objects.filter(request__beneficiary=person).update(note="")


def register() -> None:
    registries.nav_menus.register("matching/_nav.html", order=30)
    for model in ("volunteer", "beneficiary", "institution"):
        registries.person_panels.register(
            f"matching/_{model}_panel.html", model=f"registry.{model}", order=10
        )
    registries.person_data.register(
        volunteer_assignments_data, model="registry.volunteer", order=20
    )
    registries.person_erasure.register(
        erase_volunteer_notes, model="registry.volunteer", order=20
    )
    registries.person_erasure.register(
        erase_beneficiary_requests, model="registry.beneficiary", order=20
    )
