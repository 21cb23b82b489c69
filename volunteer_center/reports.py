"""The periodic report for the OPS management and the municipal council.

One function computes every figure for a period; the printable page, the
PDF and the XLSX file are three renderings of the same ``Report``. Each table
is one aggregate query, so the cost does not depend on the data size.
"""

import datetime as dt
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Case, CharField, Count, F, Sum, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from agreements import selectors as agreement_selectors
from agreements.models import Agreement, Certificate, Reference
from matching.models import Assignment, HelpRequest, HoursEntry, Programme
from matching.selectors import active_volunteers, working_in
from registry.models import (
    Category,
    Consultation,
    ConsultationTopic,
    District,
    Volunteer,
)
from registry.rules import years_ago
from volunteer_center.core.dates import local_days
from volunteer_center.core.figures import kept

AGE_GROUPS = ((0, 17), (18, 25), (26, 40), (41, 60), (61, 200))


def count_heading() -> str:
    """The heading of every column of counts: "Liczba"."""
    return pgettext("heading of a column of counts", "Number")


@dataclass
class Table:
    title: str
    header: tuple[str, str]
    rows: list[tuple[str, float]] = field(default_factory=list)
    # The XLSX sheet's name, which Excel limits to 31 characters.
    sheet: str = ""
    # Printed under the table (how its rows were made).
    note: str = ""

    @property
    def total(self) -> float:
        return sum(value for _, value in self.rows)


@dataclass
class Report:
    date_from: dt.date
    date_to: dt.date
    figures: list[tuple[str, float]]
    tables: list[Table]


def _age_group(age: int) -> str:
    for low, high in AGE_GROUPS:
        if low <= age <= high:
            if low == 0:
                return _("under 18")
            if high == 200:
                return _("%(age)s and over") % {"age": low}
            return f"{low}–{high}"
    return "—"


def _counted(
    pairs: list[tuple[str, int]], order: list[str] | None = None
) -> list[tuple[str, float]]:
    """Counts of (key, count) pairs summed per key: in ``order``, else the
    largest first."""
    counts: dict[str, int] = {}
    for key, n in pairs:
        counts[key] = counts.get(key, 0) + n
    keys = order or sorted(counts, key=lambda k: (-counts[k], k))
    return [(key, counts.get(key, 0)) for key in keys]


def _age_group_on(day: dt.date) -> Case:
    """The database's ``_age_group`` of a volunteer's age on ``day``: an age of
    N or more is a birth date on or before ``years_ago(day, N)``."""
    return Case(
        When(birth_date__gt=day, then=Value("—")),
        *(
            When(birth_date__gt=years_ago(day, high + 1), then=Value(_age_group(low)))
            for low, high in AGE_GROUPS
        ),
        default=Value("—"),
        output_field=CharField(),
    )


def active_volunteer_counts(
    date_from: dt.date, date_to: dt.date, *, using: str = "default"
) -> list[tuple[str, str, int]]:
    """(age group on ``date_to``, district, how many) of the period's active
    volunteers, counted by the database in one pass rather than every
    volunteer's row read into Python (benchmarks/RESULTS.md, report)."""
    return list(
        active_volunteers(date_from, date_to)
        .using(using)
        .order_by()
        .values(age=_age_group_on(date_to), district_name=F("district__name"))
        .annotate(n=Count("pk"))
        .values_list("age", "district_name", "n")
    )


# Every table the report reads: a change to any of them counts it again
# (volunteer_center/core/figures.py).
REPORT_READS = (
    Volunteer,
    Assignment,
    HelpRequest,
    HoursEntry,
    Consultation,
    Agreement,
    Certificate,
    Reference,
    Category,
    District,
    ConsultationTopic,
    Programme,
)


def kept_build(date_from: dt.date, date_to: dt.date) -> Report:
    """``build``, counted once for as long as the tables it reads stay as
    they are."""
    return kept(
        "report",
        lambda: build(date_from, date_to),
        depends_on=REPORT_READS,
        args=(date_from, date_to, settings.REPORT_MIN_COUNT),
    )


def build(date_from: dt.date, date_to: dt.date) -> Report:
    working = Assignment.objects.filter(working_in(date_from, date_to))
    active = active_volunteer_counts(date_from, date_to)
    start, end = local_days(date_from, date_to)
    new_volunteers = Volunteer.objects.filter(
        created_at__gte=start, created_at__lt=end
    ).count()
    beneficiaries = (
        working.exclude(request__beneficiary=None)
        .values("request__beneficiary_id")
        .distinct()
        .count()
    )
    hours = HoursEntry.objects.approved().filter(date__gte=date_from, date__lte=date_to)
    hours_total = hours.aggregate(total=Sum("hours"))["total"] or 0
    requests = HelpRequest.objects.filter(
        date_from__gte=date_from, date_from__lte=date_to
    )
    figures = [
        (_("New volunteers"), new_volunteers),
        (_("Active volunteers"), sum(n for _a, _d, n in active)),
        (_("Beneficiaries helped"), beneficiaries),
        (_("Help requests"), requests.count()),
        (_("Approved hours"), float(hours_total)),
    ]
    tables = [
        *_volunteer_tables(active),
        *_request_tables(requests),
        _hours_table(hours),
        *_agreement_tables(date_from, date_to),
        _advice_table(date_from, date_to),
    ]
    return Report(date_from=date_from, date_to=date_to, figures=figures, tables=tables)


def _volunteer_tables(active: list[tuple[str, str, int]]) -> list[Table]:
    group_order = [_age_group(low) for low, _high in AGE_GROUPS]
    return [
        _people_table(
            _("Active volunteers by age group"),
            (_("age"), count_heading()),
            _counted([(age, n) for age, _d, n in active], group_order),
            sheet=_("Volunteers by age"),
        ),
        _people_table(
            _("Active volunteers by district"),
            (_("district"), count_heading()),
            _counted([(d or "—", n) for _a, d, n in active]),
            sheet=_("Volunteers by district"),
        ),
    ]


def small_groups_merged(rows: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """The groups counted fewer than REPORT_MIN_COUNT times, in one row that
    names none of them: the report leaves the centre (the management, the
    council), and a district or a kind of help asked for once points at the
    person who asked (docs/ARCHITECTURE.md, "Where each rule lives")."""
    minimum = settings.REPORT_MIN_COUNT
    kept = [(label, n) for label, n in rows if not 0 < n < minimum]
    small = sum(n for _label, n in rows if 0 < n < minimum)
    if small:
        kept.append((_("other (each fewer than %(n)d)") % {"n": minimum}, small))
    return kept


def _merged_note() -> str:
    return _(
        "Groups of fewer than %(n)d are shown together as “other”, so that "
        "no figure points at one person."
    ) % {"n": settings.REPORT_MIN_COUNT}


def _people_table(title, header, rows, sheet) -> Table:
    """A table counting people: volunteers, or the requests and visits of
    people who receive help."""
    merged = small_groups_merged(rows)
    note = _merged_note() if merged != rows else ""
    return Table(title, header, merged, sheet=sheet, note=note)


def _request_tables(requests) -> list[Table]:
    return [
        _people_table(
            _("Help requests by category"),
            (_("category"), count_heading()),
            grouped_counts(requests, "category__name"),
            sheet=_("Requests by category"),
        ),
        _people_table(
            _("Help requests by district"),
            (_("district"), count_heading()),
            grouped_counts(requests, "district__name"),
            sheet=_("Requests by district"),
        ),
        Table(
            _("Help requests by status"),
            (_("status"), count_heading()),
            status_counts(requests),
            sheet=_("Requests by status"),
        ),
    ]


def _hours_table(hours) -> Table:
    programme = "assignment__request__programme__name"
    return Table(
        _("Approved hours by programme"),
        (_("programme"), _("hours")),
        [
            (name or _("outside programmes"), float(total))
            for name, total in hours.values(programme)
            .annotate(total=Sum("hours"))
            .order_by(programme)
            .values_list(programme, "total")
        ],
        sheet=_("Hours by programme"),
    )


def _advice_table(date_from: dt.date, date_to: dt.date) -> Table:
    held = Consultation.objects.filter(
        status=Consultation.Status.HELD,
        starts_at__date__gte=date_from,
        starts_at__date__lte=date_to,
    )
    return _people_table(
        _("Advice given by topic"),
        (_("topic"), count_heading()),
        grouped_counts(held, "topic__name"),
        sheet=_("Advice by topic"),
    )


def grouped_counts(queryset, field_name: str) -> list[tuple[str, float]]:
    return [
        (name or "—", n)
        for name, n in queryset.values(field_name)
        .annotate(n=Count("pk"))
        .order_by("-n", field_name)
        .values_list(field_name, "n")
    ]


def status_counts(requests) -> list[tuple[str, float]]:
    counts = dict(
        requests.values("status")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("status", "n")
    )
    return [
        (label, counts.get(value, 0)) for value, label in HelpRequest.Status.choices
    ]


def _agreement_tables(date_from: dt.date, date_to: dt.date) -> list[Table]:
    """Agreements signed and certificates issued, from the agreements app."""
    signed, certificates = agreement_selectors.report_figures(
        date_from=date_from, date_to=date_to
    )
    return [
        Table(
            _("Agreements signed"),
            (_("kind"), count_heading()),
            signed,
            sheet=_("Agreements"),
        ),
        Table(
            _("Certificates and references issued"),
            (_("document"), count_heading()),
            certificates,
            sheet=_("Certificates and references"),
        ),
    ]


# --- Renderings ------------------------------------------------------------------


def to_xlsx(report: Report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("Summary")[:31]
    bold = Font(bold=True)
    sheet.append([_("Report for %(start)s–%(end)s") % _period(report)])
    sheet["A1"].font = bold
    for label, value in report.figures:
        sheet.append([str(label), value])
    for table in report.tables:
        sheet = book.create_sheet(_sheet_title(table.sheet or table.title))
        sheet.append([str(cell) for cell in table.header])
        for cell in sheet[1]:
            cell.font = bold
        for label, value in table.rows:
            sheet.append([str(label), value])
        sheet.append([_("total"), table.total])
        if table.note:
            sheet.append([str(table.note)])
        sheet.column_dimensions["A"].width = 40
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_title(title: str) -> str:
    """A sheet name Excel accepts: no []:*?/\\, at most 31 characters, cut
    after a whole word."""
    for char in "[]:*?/\\":
        title = title.replace(char, " ")
    title = " ".join(title.split())
    if len(title) <= 31:
        return title
    return title[:32].rsplit(" ", 1)[0] if " " in title[:32] else title[:31]


def _period(report: Report) -> dict:
    return {
        "start": report.date_from.strftime("%d.%m.%Y"),
        "end": report.date_to.strftime("%d.%m.%Y"),
    }
