"""What the area shows a volunteer: only their own records, each page in a
fixed number of queries (tests/volunteer_area/test_queries.py)."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from agreements.models import Agreement, Certificate, Reference
from agreements.selectors import party_agreements
from matching.ical import occurrences
from matching.models import Assignment, HoursEntry, RequestSlot
from registry.models import Volunteer
from registry.selectors import volunteer_scope
from volunteer_center.volunteer_area.models import VolunteerRequest

# Visits listed ahead on an assignment's page.
VISITS_AHEAD_DAYS = 56


def own_assignments(volunteer: Volunteer) -> QuerySet[Assignment]:
    """The one access scope of the area's assignment pages: another
    volunteer's id in the URL is a 404."""
    return (
        Assignment.objects.filter(volunteer=volunteer)
        .select_related("request__district", "request__category", "proposed_by")
        .prefetch_related(
            Prefetch("request__slots", queryset=RequestSlot.objects.order_by()),
            "cover_offer",
        )
    )


def own_assignment(volunteer: Volunteer, pk: int) -> Assignment:
    return get_object_or_404(own_assignments(volunteer), pk=pk)


@dataclass(frozen=True)
class AssignmentGroups:
    proposals: list
    upcoming: list
    current: list
    past: list


def assignment_groups(volunteer: Volunteer, today: dt.date | None = None):
    today = today or timezone.localdate()
    groups = AssignmentGroups([], [], [], [])
    for assignment in own_assignments(volunteer).order_by("date_from", "pk"):
        if assignment.status in (
            Assignment.Status.PROPOSED,
            Assignment.Status.CONTACTED,
        ):
            groups.proposals.append(assignment)
        elif assignment.status not in Assignment.HOLDING_PLACE or (
            assignment.date_to < today
        ):
            groups.past.append(assignment)
        elif assignment.date_from > today:
            groups.upcoming.append(assignment)
        else:
            groups.current.append(assignment)
    groups.past.reverse()
    return groups


@dataclass(frozen=True)
class Visit:
    date: dt.date
    slots: tuple
    called_off: object  # the VisitAbsence, or None

    @property
    def times(self) -> str:
        """ "13:00–15:00": the line already names the day."""
        return ", ".join(slot.span for slot in self.slots)


def upcoming_visits(
    assignment: Assignment, today: dt.date | None = None
) -> list[Visit]:
    """The assignment's next visits with their times and whether one was
    called off (one query for the absences)."""
    today = today or timezone.localdate()
    end = today + dt.timedelta(days=VISITS_AHEAD_DAYS)
    absences = {a.date: a for a in assignment.absences.filter(date__gte=today)}
    by_day: dict[dt.date, list] = {}
    for slot, day in occurrences(assignment, today, end):
        by_day.setdefault(day, []).append(slot)
    return [
        Visit(
            date=day,
            slots=tuple(sorted(slots, key=lambda s: s.start)),
            called_off=absences.get(day),
        )
        for day, slots in sorted(by_day.items())
    ]


def own_hours(volunteer: Volunteer) -> QuerySet[HoursEntry]:
    return (
        HoursEntry.objects.filter(assignment__volunteer=volunteer)
        .select_related("assignment__request")
        .order_by("-date", "pk")
    )


def loggable_assignments(volunteer: Volunteer) -> QuerySet[Assignment]:
    """Hours are logged for the volunteer's own active assignments."""
    return own_assignments(volunteer).filter(status=Assignment.Status.ACTIVE)


def own_documents(volunteer: Volunteer) -> dict:
    return {
        "agreements": list(
            party_agreements(volunteer).exclude(status=Agreement.Status.DRAFT)
        ),
        "certificates": list(Certificate.objects.filter(volunteer=volunteer)),
        "references": list(Reference.objects.filter(volunteer=volunteer)),
        "requests": list(
            VolunteerRequest.objects.filter(
                volunteer=volunteer, kind=VolunteerRequest.Kind.CERTIFICATE
            )
        ),
    }


def own_agreement(volunteer: Volunteer, pk: int) -> Agreement:
    return get_object_or_404(
        party_agreements(volunteer).exclude(status=Agreement.Status.DRAFT), pk=pk
    )


def own_certificate(volunteer: Volunteer, pk: int) -> Certificate:
    return get_object_or_404(Certificate.objects.filter(volunteer=volunteer), pk=pk)


def own_reference(volunteer: Volunteer, pk: int) -> Reference:
    return get_object_or_404(Reference.objects.filter(volunteer=volunteer), pk=pk)


def open_removal(volunteer: Volunteer) -> VolunteerRequest | None:
    return VolunteerRequest.objects.filter(
        volunteer=volunteer,
        kind=VolunteerRequest.Kind.REMOVAL,
        status=VolunteerRequest.Status.OPEN,
    ).first()


def open_requests() -> QuerySet[VolunteerRequest]:
    """What volunteers asked staff for, for the dashboard."""
    return VolunteerRequest.objects.filter(
        status=VolunteerRequest.Status.OPEN
    ).select_related("volunteer")


def volunteer_request_scope(user) -> QuerySet[VolunteerRequest]:
    """What volunteers asked for, of the volunteers the user may see (the one
    access scope of the model, docs/ARCHITECTURE.md)."""
    return VolunteerRequest.objects.filter(
        volunteer__in=volunteer_scope(user).values("pk")
    )
