"""Read-side queries of agreements, certificates and references; the check
before long work starts (agreements/contributions.py) reads
``volunteer_agreement_covering``."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Exists,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Sum,
)

from agreements.models import (
    ENDING_SOON_DAYS,
    PARTY_FIELD,
    Agreement,
    AgreementKind,
    Certificate,
    CertificateBatch,
    Reference,
)
from matching import rules
from matching.models import Assignment, HoursEntry
from registry import selectors as registry_selectors
from registry.models import Volunteer


def volunteer_agreement_covering(*, volunteer_id: int, start: dt.date, end: dt.date):
    """The signed (or active) written volunteer agreement that covers the whole
    period ``start``–``end``, or None."""
    return (
        Agreement.objects.binding()
        .filter(kind=AgreementKind.VOLUNTEER, volunteer_id=volunteer_id)
        .covering(start, end)
        .order_by("date_from", "pk")
        .first()
    )


# The one access scope of each model (as in registry.selectors): all that a
# user's detail, edit and action pages may fetch.


def agreement_scope(user) -> QuerySet[Agreement]:
    return Agreement.objects.all()


def certificate_scope(user) -> QuerySet[Certificate]:
    return Certificate.objects.all()


def reference_scope(user) -> QuerySet[Reference]:
    return Reference.objects.all()


def certificate_batch_scope(user) -> QuerySet[CertificateBatch]:
    return CertificateBatch.objects.all()


PARTY_SCOPES = {
    AgreementKind.VOLUNTEER: registry_selectors.volunteer_scope,
    AgreementKind.BENEFICIARY: registry_selectors.beneficiary_scope,
    AgreementKind.INSTITUTION: registry_selectors.institution_scope,
}


def agreement_list() -> QuerySet[Agreement]:
    return Agreement.objects.with_parties()


def agreement_detail(agreements: QuerySet[Agreement]) -> QuerySet[Agreement]:
    return agreements.with_parties().select_related(
        "template", "signed_by_centre", "created_by", "signatory", "safety_information"
    )


def agreements_ending_soon(
    days: int = ENDING_SOON_DAYS, today: dt.date | None = None
) -> QuerySet[Agreement]:
    """Signed or active agreements whose period ends within ``days``."""
    return (
        Agreement.objects.ending_within(days, today)
        .with_parties()
        .order_by("date_to", "pk")
    )


def _covering_agreement_exists():
    return Exists(
        Agreement.objects.binding().filter(
            Q(date_to__isnull=True) | Q(date_to__gte=OuterRef("date_to")),
            kind=AgreementKind.VOLUNTEER,
            volunteer=OuterRef("volunteer"),
            date_from__lte=OuterRef("date_from"),
        )
    )


def assignments_lacking_agreement() -> QuerySet[Assignment]:
    """Active assignments longer than 30 days that no signed volunteer
    agreement covers (art. 44: such work needs a written agreement)."""
    return (
        Assignment.objects.filter(status=Assignment.Status.ACTIVE)
        .filter(rules.needs_written_agreement_q())
        .filter(~_covering_agreement_exists())
        .select_related("volunteer", "request")
        .order_by("date_from", "pk")
    )


def agreement_parties(kind: str, user) -> QuerySet:
    """Who ``user`` can make an agreement of ``kind`` with: the party's own
    access scope, where anonymised people are no longer anyone's party."""
    parties = PARTY_SCOPES[AgreementKind(kind)](user)
    if any(f.name == "anonymised_at" for f in parties.model._meta.get_fields()):
        parties = parties.filter(anonymised_at__isnull=True)
    return parties


def party_agreements(party) -> QuerySet[Agreement]:
    """The agreements with a volunteer, a beneficiary or an institution."""
    kind = AgreementKind(party._meta.model_name)
    return Agreement.objects.filter(
        kind=kind, **{PARTY_FIELD[kind]: party}
    ).select_related("template")


def agreement_covered_assignments(agreement: Agreement) -> QuerySet[Assignment]:
    """The volunteer's assignments that fall inside the agreement's period."""
    if agreement.kind != AgreementKind.VOLUNTEER:
        return Assignment.objects.none()
    query = Assignment.objects.filter(
        volunteer_id=agreement.volunteer_id, date_from__gte=agreement.date_from
    )
    if agreement.date_to is not None:
        query = query.filter(date_to__lte=agreement.date_to)
    return query.select_related("request", "request__category").order_by(
        "date_from", "pk"
    )


# --- Services performed: what certificates and references state -------------


@dataclass
class AssignmentSummary:
    title: str
    category: str
    date_from: dt.date
    date_to: dt.date
    hours: Decimal

    def as_json(self) -> dict:
        return {
            "title": self.title,
            "category": self.category,
            "date_from": self.date_from.isoformat(),
            "date_to": self.date_to.isoformat(),
            "hours": str(self.hours),
        }


@dataclass
class ServiceSummary:
    hours: Decimal = Decimal(0)
    assignments: list[AssignmentSummary] = field(default_factory=list)

    @property
    def first_day(self) -> dt.date | None:
        return min((a.date_from for a in self.assignments), default=None)

    @property
    def last_day(self) -> dt.date | None:
        return max((a.date_to for a in self.assignments), default=None)

    def scope(self) -> str:
        """The kinds of help given, when the coordinator writes no scope."""
        categories = dict.fromkeys(a.category for a in self.assignments)
        return ", ".join(categories) + "."


def task_title(request) -> str:
    """How a document names a task: the institution's request by its title; a
    beneficiary's only as individual help, since a certificate may be shown
    to anybody and the beneficiary is protected (art. 100 ust. 1 u.p.s.)."""
    if request.institution_id:
        return f"{request.institution.name}: {request.title}"
    return "pomoc indywidualna"


def volunteer_service_summary(
    volunteer: Volunteer, date_from: dt.date, date_to: dt.date
) -> ServiceSummary:
    """Approved hours in the period, per assignment: two queries."""
    approved = HoursEntry.objects.approved().filter(
        date__gte=date_from, date__lte=date_to
    )
    in_period = Q(
        hours__status=HoursEntry.Status.APPROVED,
        hours__date__gte=date_from,
        hours__date__lte=date_to,
    )
    assignments = (
        Assignment.objects.filter(volunteer=volunteer)
        .filter(Exists(approved.filter(assignment=OuterRef("pk"))))
        .select_related("request", "request__category", "request__institution")
        .annotate(
            approved_hours=Sum("hours__hours", filter=in_period),
            first_day=Min("hours__date", filter=in_period),
            last_day=Max("hours__date", filter=in_period),
        )
        .order_by("first_day", "pk")
    )
    summary = ServiceSummary()
    for assignment in assignments:
        hours = assignment.approved_hours or Decimal(0)
        summary.hours += hours
        summary.assignments.append(
            AssignmentSummary(
                title=task_title(assignment.request),
                category=assignment.request.category.name,
                date_from=assignment.first_day,
                date_to=assignment.last_day,
                hours=hours,
            )
        )
    return summary


def volunteers_with_approved_hours(
    date_from: dt.date, date_to: dt.date, *, programme=None
) -> QuerySet[Volunteer]:
    """Volunteers with approved hours in the period (in ``programme``, when
    given: the programme's bulk certificates). Anonymised people get no
    certificates, so they are left out."""
    hours = HoursEntry.objects.approved().filter(
        assignment__volunteer=OuterRef("pk"), date__gte=date_from, date__lte=date_to
    )
    if programme is not None:
        hours = hours.filter(assignment__request__programme=programme)
    return (
        Volunteer.objects.not_anonymised()
        .filter(Exists(hours))
        .order_by("last_name", "first_name", "pk")
    )


def certificate_list() -> QuerySet[Certificate]:
    return Certificate.objects.select_related("volunteer", "issued_by")


def reference_list() -> QuerySet[Reference]:
    return Reference.objects.select_related("volunteer", "issued_by")


def report_figures(*, date_from: dt.date, date_to: dt.date):
    """For the periodic report: agreements signed in the period by kind, and
    certificates and references issued in it."""
    from django.db.models import Count
    from django.utils.translation import gettext as _

    signed = dict(
        Agreement.objects.filter(signed_on__gte=date_from, signed_on__lte=date_to)
        .values("kind")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("kind", "n")
    )
    issued = [
        (
            label,
            model.objects.filter(
                issued_at__date__gte=date_from, issued_at__date__lte=date_to
            ).count(),
        )
        for label, model in (
            (_("certificates"), Certificate),
            (_("references"), Reference),
        )
    ]
    return (
        [(label, signed.get(value, 0)) for value, label in AgreementKind.choices],
        issued,
    )
