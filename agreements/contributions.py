"""What the agreements app contributes to the lower layers through the
foundation's registries (volunteer_center/core/registries.py): the written
agreement that long work needs before it starts, panels on a person's page,
its menu and its part of a volunteer's data."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements import selectors
from agreements.models import Certificate, InsurancePolicy, Reference
from agreements.templatetags import agreements_panels as panels_tags
from matching import rules
from matching import selectors as matching_selectors
from volunteer_center.core import registries


def _dates(start, end) -> dict:
    return {"start": start.strftime("%d.%m.%Y"), "end": end.strftime("%d.%m.%Y")}


def written_agreement_check(*, assignment, volunteer, request, day) -> str | None:
    """Work longer than 30 days starts only under a signed written agreement
    covering the assignment (art. 44 ust. 4 of the act on volunteering); the
    30 days run across the volunteer's consecutive assignments with the same
    host, so a chain of short ones counts as one."""
    start, end = matching_selectors.assignment_service_chain(assignment)
    if not rules.needs_written_agreement(start, end):
        return None
    if selectors.volunteer_agreement_covering(
        volunteer_id=volunteer.pk, start=assignment.date_from, end=assignment.date_to
    ):
        return None
    if (start, end) != (assignment.date_from, assignment.date_to):
        return _(
            "With the volunteer's assignments for the same host before and after "
            "it, the work lasts from %(chain_start)s to %(chain_end)s, over 30 "
            "days: it needs a signed written agreement covering %(start)s–%(end)s "
            "(art. 44 ust. 4 of the act on volunteering)."
        ) % {
            "chain_start": start.strftime("%d.%m.%Y"),
            "chain_end": end.strftime("%d.%m.%Y"),
            **_dates(assignment.date_from, assignment.date_to),
        }
    return _(
        "Work longer than 30 days needs a signed written agreement "
        "covering %(start)s–%(end)s (art. 44 ust. 4 of the act on volunteering)."
    ) % _dates(assignment.date_from, assignment.date_to)


def insurance_check(*, assignment, volunteer, request, day) -> str | None:
    """Work of up to 30 days starts only insured against accidents (art. 46
    ust. 3): a policy of the centre covering its dates (one group policy may
    cover everybody), or the host institution's insurance, recorded by a
    coordinator."""
    start, end = matching_selectors.assignment_service_chain(assignment)
    if rules.needs_written_agreement(start, end) or assignment.host_insurance:
        return None
    if InsurancePolicy.objects.covering(
        volunteer_id=volunteer.pk, start=assignment.date_from, end=assignment.date_to
    ).exists():
        return None
    return _(
        "Work of up to 30 days starts only with accident insurance (NNW, art. 46 "
        "ust. 3 of the act on volunteering): record a policy covering "
        "%(start)s–%(end)s, or that the host institution insures the volunteer."
    ) % _dates(assignment.date_from, assignment.date_to)


def _labels(**labels) -> dict:
    return {key: str(label) for key, label in labels.items()}


def party_agreements_data(party) -> registries.DataSection:
    agreements = selectors.party_agreements(party).order_by("date_from", "pk")
    return registries.DataSection(
        key="agreements",
        title=str(gettext_lazy("Agreements")),
        data=[
            {
                "number": agreement.number,
                "status": agreement.get_state_display(),
                "from": agreement.date_from.isoformat(),
                "until": agreement.date_to.isoformat() if agreement.date_to else None,
                "signed_on": (
                    agreement.signed_on.isoformat() if agreement.signed_on else None
                ),
            }
            for agreement in agreements
        ],
        labels=_labels(
            number=_("number"),
            status=_("status"),
            signed_on=_("signed on"),
            **{"from": _("from"), "until": _("until")},
        ),
    )


def volunteer_issued_data(volunteer) -> registries.DataSection:
    documents = [
        (str(kind._meta.verbose_name), document)
        for kind in (Certificate, Reference)
        for document in kind.objects.filter(volunteer=volunteer).order_by("pk")
    ]
    return registries.DataSection(
        key="certificates_and_references",
        title=str(gettext_lazy("Certificates and references")),
        data=[
            {
                "kind": kind,
                "number": document.number,
                "from": document.date_from.isoformat(),
                "until": document.date_to.isoformat(),
                "scope": document.scope,
            }
            for kind, document in documents
        ],
        labels=_labels(
            kind=_("document"),
            number=_("number"),
            scope=_("scope of the services"),
            **{"from": _("from"), "until": _("until")},
        ),
    )


def register() -> None:
    registries.assignment_start_checks.register(written_agreement_check)
    registries.assignment_start_checks.register(insurance_check)
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
        registries.person_panel_reads.register(
            panels_tags.PARTY_PANEL_READ, model=f"registry.{model}"
        )
    registries.person_panel_reads.register(
        panels_tags.CERTIFICATES_PANEL_READ, model="registry.volunteer"
    )
    for model in ("registry.volunteer", "registry.beneficiary"):
        registries.person_data.register(party_agreements_data, model=model, order=30)
    registries.person_data.register(
        volunteer_issued_data, model="registry.volunteer", order=31
    )
