"""What matching contributes to the lower layers' pages and data through the
foundation's registries (volunteer_center/core/registries.py)."""

from django.utils.translation import gettext_lazy as _

from matching import selectors
from matching.models import Assignment, HelpRequest, HoursEntry
from matching.templatetags import matching_panels
from volunteer_center.core import registries

ASSIGNMENT_LABELS = {
    "request": _("request"),
    "status": _("status"),
    "from": _("from"),
    "until": _("until"),
    "hours_approved": _("approved hours"),
}


def _labels(labels: dict) -> dict:
    return {key: str(label) for key, label in labels.items()}


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
        labels=_labels(ASSIGNMENT_LABELS),
    )


HOURS_LABELS = {
    "request": _("request"),
    "date": _("date"),
    "hours": _("hours"),
    "status": _("status"),
    "note": _("note"),
}


def volunteer_hours_data(volunteer) -> registries.DataSection:
    entries = HoursEntry.objects.filter(assignment__volunteer=volunteer)
    return registries.DataSection(
        key="hours",
        title=str(_("Hours")),
        data=[
            {
                "request": entry.assignment.request.title,
                "date": entry.date.isoformat(),
                "hours": str(entry.hours),
                "status": str(entry.get_status_display()),
                "note": entry.note,
            }
            for entry in entries.select_related("assignment__request").order_by(
                "date", "pk"
            )
        ],
        labels=_labels(HOURS_LABELS),
    )


REQUEST_LABELS = {
    "title": _("title"),
    "category": _("category"),
    "status": _("status"),
    "from": _("from"),
    "until": _("until"),
    "address": _("address"),
}


def beneficiary_requests_data(beneficiary) -> registries.DataSection:
    requests = beneficiary.help_requests.select_related("category")
    return registries.DataSection(
        key="requests",
        title=str(_("Help requests")),
        data=[
            {
                "title": request.title,
                "category": str(request.category),
                "status": str(request.get_status_display()),
                "from": request.date_from.isoformat(),
                "until": request.date_to.isoformat() if request.date_to else None,
                "address": request.address,
            }
            for request in requests.order_by("date_from", "pk")
        ],
        labels=_labels(REQUEST_LABELS),
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
    registries.person_panel_reads.register(
        matching_panels.VOLUNTEER_PANEL_READ, model="registry.volunteer"
    )
    registries.person_data.register(
        volunteer_assignments_data, model="registry.volunteer", order=20
    )
    registries.person_data.register(
        volunteer_hours_data, model="registry.volunteer", order=21
    )
    registries.person_data.register(
        beneficiary_requests_data, model="registry.beneficiary", order=20
    )
    registries.person_erasure.register(
        erase_volunteer_notes, model="registry.volunteer", order=20
    )
    registries.person_erasure.register(
        erase_beneficiary_requests, model="registry.beneficiary", order=20
    )
