"""What the agreements app contributes to the lower layers through the
foundation's registries (volunteer_center/core/registries.py): the written
agreement that long work needs before it starts, panels on a person's page,
its menu and its part of a volunteer's data."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements import selectors
from matching import rules
from volunteer_center.core import registries


def written_agreement_check(*, assignment, volunteer, request, day) -> str | None:
    """Work longer than 30 days starts only under a signed written agreement
    covering its whole period (art. 44 ust. 2 of the act on volunteering)."""
    if not rules.needs_written_agreement(assignment.date_from, assignment.date_to):
        return None
    if selectors.volunteer_agreement_covering(
        volunteer_id=volunteer.pk, start=assignment.date_from, end=assignment.date_to
    ):
        return None
    return _(
        "Work longer than 30 days needs a signed written agreement "
        "covering %(start)s–%(end)s (art. 44 of the act on volunteering)."
    ) % {
        "start": assignment.date_from.strftime("%d.%m.%Y"),
        "end": assignment.date_to.strftime("%d.%m.%Y"),
    }


def volunteer_documents_data(volunteer) -> registries.DataSection:
    agreements = selectors.party_agreements(volunteer).order_by("date_from", "pk")
    return registries.DataSection(
        key="agreements",
        title=str(gettext_lazy("Agreements")),
        data=[
            {
                "number": agreement.number,
                "status": agreement.get_status_display(),
                "from": agreement.date_from.isoformat(),
                "until": agreement.date_to.isoformat() if agreement.date_to else None,
            }
            for agreement in agreements
        ],
    )


def register() -> None:
    registries.assignment_start_checks.register(written_agreement_check)
    registries.nav_menus.register("agreements/_nav.html", order=40)
    panels = {
        "volunteer": (
            "agreements/_volunteer_panel.html",
            "agreements/_certificates_panel.html",
        ),
        "beneficiary": ("agreements/_beneficiary_panel.html",),
        "institution": ("agreements/_institution_panel.html",),
    }
    for model, templates in panels.items():
        for order, template in enumerate(templates, start=20):
            registries.person_panels.register(
                template, model=f"registry.{model}", order=order
            )
    registries.person_data.register(
        volunteer_documents_data, model="registry.volunteer", order=30
    )
