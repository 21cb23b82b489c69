"""The coordinator's home page: what needs doing today, and the charts.

Every figure is one aggregate query, so the page costs the same number of
queries whatever the size of the register.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.db.models.functions import Least, TruncMonth
from django.utils import timezone
from django.utils.formats import date_format

from agreements.models import Agreement
from matching import selectors as matching_selectors
from matching.models import Assignment, HelpRequest, HoursEntry
from registry.advice import selectors as advice_selectors
from registry.advice.models import Consultation, ConsultationTopic
from registry.models import Beneficiary, Category, District, Institution, Volunteer
from volunteer_center.core.figures import Tables, kept, kept_here, user_args
from volunteer_center.reports import grouped_counts, status_counts
from volunteer_center.volunteer_area import selectors as area_selectors
from volunteer_center.volunteer_area.models import VolunteerRequest

LIST_LENGTH = 8
# What the to-do lists show of each row: whole records with their relations
# cost more to build than the rest of the page.
UNSTAFFED_SHOWN = ("title", "places_taken", "needed", "date_from")
CANDIDATE_SHOWN = ("first_name", "last_name", "created_at")
# A consultation's line: when, the topic and the person's name (not the
# person's whole record, nor the notes of the visit).
CONSULTATION_SHOWN = (
    "starts_at",
    "follow_up_due",
    "walk_in_name",
    "topic__name",
    "volunteer__first_name",
    "volunteer__last_name",
    "beneficiary__first_name",
    "beneficiary__last_name",
    "institution__name",
)


def _consultation_lines(consultations) -> list:
    shown = (
        consultations.select_related(None)
        .select_related("topic", "volunteer", "beneficiary", "institution")
        .only(*CONSULTATION_SHOWN)
    )
    return list(shown[:LIST_LENGTH])


@dataclass(frozen=True)
class Series:
    """One chart: labelled values, drawn as bars and given as a table."""

    title: str
    rows: list[tuple[str, float]]
    unit: str = ""

    @property
    def maximum(self) -> float:
        return max((value for _, value in self.rows), default=0)


def months_back(today: dt.date, count: int) -> list[dt.date]:
    first = today.replace(day=1)
    months = []
    for _ in range(count):
        months.append(first)
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return months[::-1]


def _month_label(month: dt.date) -> str:
    return date_format(month, "M Y")


def todo(user, *, today: dt.date | None = None, tables: Tables | None = None) -> dict:
    """The to-do lists. All but the visits still to come (which move with the
    clock) are read once and kept while the tables they show stand as they
    are, for this user with these permissions (``core.figures.kept_here``)."""
    today = today or timezone.localdate()
    visits = advice_selectors.booked_visits()
    lists = kept_here(
        "dashboard-todo",
        lambda: _todo(user, today),
        depends_on=TODO_READ,
        args=(*user_args(user), today),
        tables=tables,
    )
    return {
        **lists,
        "visits": _consultation_lines(visits),
        "visits_count": visits.count(),
    }


# What the kept to-do lists show: the rows, and the names they show of them.
TODO_READ = (
    HelpRequest,
    Assignment,
    Volunteer,
    Beneficiary,
    Institution,
    Consultation,
    ConsultationTopic,
    VolunteerRequest,
)


def _todo(user, today: dt.date) -> dict:
    # The same set as the request list's "places still free" filter, so each
    # count matches the list its link opens.
    unstaffed = matching_selectors.request_list(user).with_free_places()
    by_urgency = Counter(
        dict(
            unstaffed.order_by()
            .values("urgency")
            # COUNT(*): read off helprequest_free_places_idx alone.
            .annotate(n=Count("*"))
            .values_list("urgency", "n")
        )
    )
    candidates = Volunteer.objects.candidates().not_anonymised()
    follow_ups = advice_selectors.consultation_list().follow_up_due(on=today)
    return {
        "follow_ups": _consultation_lines(follow_ups.order_by("follow_up_due", "pk")),
        "follow_ups_count": follow_ups.count(),
        "open_by_urgency": [
            (value, label, by_urgency[value])
            for value, label in reversed(HelpRequest.Urgency.choices)
        ],
        "unstaffed": list(
            unstaffed.select_related(None).only(*UNSTAFFED_SHOWN)[:LIST_LENGTH]
        ),
        "unstaffed_count": by_urgency.total(),
        # The newest sign-ups first: they are the ones waiting for a call.
        "candidates": list(
            newest_first(candidates).only(*CANDIDATE_SHOWN)[:LIST_LENGTH]
        ),
        "candidates_count": candidates.count(),
        "volunteer_requests": list(area_selectors.open_requests()[:LIST_LENGTH]),
    }


def newest_first(volunteers):
    """Newest sign-ups first: read off ``volunteer_newest_by_status_idx``
    for one status, however long the register."""
    return volunteers.order_by("-created_at", "-pk")


def active_volunteers_this_year(*, today: dt.date | None = None) -> int:
    """The report's figure for its default period, this year to date."""
    today = today or timezone.localdate()
    first = today.replace(month=1, day=1)
    return matching_selectors.active_volunteer_count(first, today)


# What the charts and the year's active volunteers read: a change to any of
# these tables counts them again (volunteer_center/core/figures.py).
CHARTS_READ = (Assignment, HoursEntry, HelpRequest, Category, District)


def kept_tables() -> Tables:
    """Where the tables stand that the page's kept parts read (the charts, the
    to-do lists, the agreements' lists), asked in one query."""
    return Tables((*CHARTS_READ, *TODO_READ, Agreement))


def kept_charts(
    *, today: dt.date | None = None, tables: Tables | None = None
) -> tuple[int, list[Series]]:
    """The year's active volunteers and the charts, counted once for as long
    as the tables they read stay as they are."""
    today = today or timezone.localdate()
    return kept(
        "dashboard-charts",
        lambda: (active_volunteers_this_year(today=today), charts(today=today)),
        depends_on=CHARTS_READ,
        args=(today,),
        tables=tables,
    )


def charts(*, today: dt.date | None = None, months: int = 12) -> list[Series]:
    from django.utils.translation import gettext as _

    today = today or timezone.localdate()
    period = months_back(today, months)
    start = period[0]
    requests = HelpRequest.objects.all()
    return [
        Series(
            _("Active volunteers per month"), _active_per_month(period, start, today)
        ),
        Series(
            _("Hours per month, approved and awaiting approval"),
            _hours_per_month(period, start),
            unit="h",
        ),
        Series(_("Requests by category"), grouped_counts(requests, "category__name")),
        Series(_("Requests by status"), status_counts(requests)),
        Series(_("Requests by district"), grouped_counts(requests, "district__name")),
        Series(_("Fill rate by month of start"), fill_rate(period), unit="%"),
    ]


def _active_per_month(period, start, today: dt.date) -> list[tuple[str, float]]:
    """Volunteers with accepted, active or completed work in each month: one
    aggregate with a distinct count per month. The current month counts up to
    today: work that starts later in it is not active yet."""
    working = Assignment.objects.filter(
        status__in=Assignment.WORKING, date_to__gte=start
    )
    counts = working.aggregate(
        **{
            f"m{i}": Count(
                "volunteer",
                distinct=True,
                filter=matching_selectors.working_in(
                    month, min(_next_month(month) - dt.timedelta(days=1), today)
                ),
            )
            for i, month in enumerate(period)
        }
    )
    return [(_month_label(m), counts[f"m{i}"]) for i, m in enumerate(period)]


def _next_month(month: dt.date) -> dt.date:
    return (month + dt.timedelta(days=32)).replace(day=1)


def _hours_per_month(period, start) -> list[tuple[str, float]]:
    sums = dict(
        HoursEntry.objects.counted()
        .filter(date__gte=start)
        .annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(total=Sum("hours"))
        .order_by()
        .values_list("month", "total")
    )
    return [(_month_label(m), float(sums.get(m, 0) or 0)) for m in period]


def fill_rate(period: list[dt.date], *, using: str = "default") -> list:
    """Places taken out of places needed, for requests starting each month of
    ``period`` (a request counts at most its places), in one pass: the
    requests of the period joined to their working assignments and grouped
    per request, then summed per month in the same query, instead of a
    correlated count per request (benchmarks/RESULTS.md, dashboard)."""
    end = _next_month(period[-1])
    requests = (
        HelpRequest.objects.using(using)
        .filter(date_from__gte=period[0], date_from__lt=end)
        .exclude(status=HelpRequest.Status.CANCELLED)
        .annotate(
            working=Count(
                "assignments",
                filter=Q(assignments__status__in=Assignment.WORKING),
            )
        )
    )
    sums = {}
    for i, month in enumerate(period):
        starting = Q(date_from__gte=month, date_from__lt=_next_month(month))
        sums[f"needed{i}"] = Sum("needed", filter=starting)
        sums[f"filled{i}"] = Sum(Least("needed", "working"), filter=starting)
    totals = requests.aggregate(**sums)
    return [
        (_month_label(m), _percent(totals[f"filled{i}"], totals[f"needed{i}"]))
        for i, m in enumerate(period)
    ]


def _percent(part, whole) -> int:
    return round(100 * part / whole) if whole else 0
