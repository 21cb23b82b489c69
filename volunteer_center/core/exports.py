"""CSV and XLSX downloads of the staff lists: ``?export=csv`` or ``?export=xlsx``
on any FilteredListMixin list returns every row the filters keep (not only the
page), in the columns the view declares and the user's role may see.

A view opts in with two lines::

    class ThingListView(StaffPermissionRequiredMixin, FilteredListMixin,
                        ExportMixin, ListView):
        export_columns = [(_("name"), "name"), (_("phone"), "phone_display", PERM)]

A column is ``(header, accessor)`` or ``(header, accessor, permission)``: the
accessor is a callable taking the row or a dotted attribute path (a method at
its end is called); a column with a permission is left out for users without
it. Each export of personal data is written to the access log, one row per
person, in one query.
"""

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal

from django.db import models
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext

from volunteer_center.core.audit import access_log_many
from volunteer_center.core.models import AccessLog

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def attachment(response, filename: str):
    """Marks a response as a file download that caches must not keep (it
    holds personal data)."""
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


# Characters that make a spreadsheet read a text cell as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class Column:
    def __init__(self, header, accessor: Callable | str, permission: str = ""):
        self.header = header
        self.accessor = accessor
        self.permission = permission

    def value(self, row):
        if callable(self.accessor):
            return self.accessor(row)
        value = row
        for name in self.accessor.split("."):
            value = getattr(value, name, None) if value is not None else None
            if callable(value) and not isinstance(value, models.Manager):
                value = value()
        return value


def phone(path: str) -> Callable:
    """A phone column: Polish numbers without "+48", which a spreadsheet would
    take for the start of a formula."""

    def value(row):
        text = Column(None, path).value(row) or ""
        return text.removeprefix("+48 ")

    return value


def resolve(obj, path: str) -> list:
    """The objects at a dotted path; managers and lists on the way fan out."""
    values = [obj]
    for name in path.split(".") if path else ():
        found = []
        for value in values:
            attr = getattr(value, name, None)
            if isinstance(attr, models.Manager):
                found.extend(attr.all())
            elif isinstance(attr, (list, tuple)):
                found.extend(attr)
            elif attr is not None:
                found.append(attr)
        values = found
    return values


class ExportMixin:
    """Adds ``?export=csv|xlsx`` to a FilteredListMixin list view."""

    export_columns: list[tuple] = []
    # The file's name before the date, e.g. "wolontariusze-2026-11-27.csv".
    export_filename = "eksport"
    # Whose personal data a row carries (dotted paths, "" is the row itself):
    # each of them gets an access-log entry. Empty: the list holds none.
    export_audit: tuple[str, ...] = ("",)
    export_formats = ("csv", "xlsx")

    def get(self, request, *args, **kwargs):
        export_format = request.GET.get("export")
        if export_format not in self.export_formats:
            return super().get(request, *args, **kwargs)
        columns = self.get_export_columns()
        rows = list(self.get_export_queryset(self.get_queryset()))
        self.log_export(rows, export_format)
        headers = [capfirst(str(column.header)) for column in columns]
        table = ([column.value(row) for column in columns] for row in rows)
        filename = f"{self.export_filename}-{timezone.localdate():%Y-%m-%d}"
        if export_format == "csv":
            response = StreamingHttpResponse(
                csv_lines(headers, table, language=translation.get_language()),
                content_type=CSV_CONTENT_TYPE,
            )
        else:
            response = HttpResponse(
                xlsx_bytes(headers, table, title=self.export_filename),
                content_type=XLSX_CONTENT_TYPE,
            )
        return attachment(response, f"{filename}.{export_format}")

    def get_context_data(self, **kwargs):
        return super().get_context_data(export_formats=self.export_formats, **kwargs)

    def get_export_columns(self) -> list[Column]:
        user = self.request.user
        columns = [Column(*spec) for spec in self.export_columns]
        return [c for c in columns if not c.permission or user.has_perm(c.permission)]

    def get_export_queryset(self, queryset):
        """The filtered list; views add what only the export needs here."""
        return queryset

    def export_subjects(self, rows: Iterable) -> list[models.Model]:
        seen, subjects = set(), []
        for row in rows:
            for path in self.export_audit:
                for subject in resolve(row, path):
                    key = (type(subject), subject.pk)
                    if key not in seen:
                        seen.add(key)
                        subjects.append(subject)
        return subjects

    def log_export(self, rows: list, export_format: str) -> None:
        subjects = self.export_subjects(rows)
        if subjects:
            access_log_many(
                actor=self.request.user,
                action=AccessLog.Action.EXPORT,
                objects=subjects,
                detail=f"{self.export_filename}.{export_format}: "
                f"{self.request.get_full_path()}",
            )


# --- Writing the files ------------------------------------------------------------


class _Echo:
    """csv.writer writes each line here and gets it back to stream it."""

    def write(self, value: str) -> str:
        return value


def csv_lines(
    headers: list[str], table: Iterable[list], *, language: str | None = None
) -> Iterator[str]:
    # The byte order mark and ";" make Polish Excel open the file as UTF-8
    # columns instead of one column of mangled letters.
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff" + writer.writerow(headers)
    # Lines are written while the response streams, after the request's
    # language may have been switched off: "tak"/"nie" stay in its language.
    with translation.override(language):
        for row in table:
            yield writer.writerow([csv_text(value) for value in row])


def csv_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, dt.datetime):
        return f"{timezone.localtime(value):%d.%m.%Y %H:%M}"
    if isinstance(value, dt.date):
        # Polish Excel reads 27.11.2026 as a date.
        return f"{value:%d.%m.%Y}"
    if isinstance(value, (Decimal, float)):
        # Polish Excel reads "2,5" as a number and "2.5" as text.
        return str(value).replace(".", ",")
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def xlsx_bytes(headers: list[str], table: Iterable[list], *, title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in table:
        sheet.append([xlsx_cell(sheet, value, WriteOnlyCell) for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def xlsx_cell(sheet, value, cell_class):
    if isinstance(value, bool):
        value = gettext("yes") if value else gettext("no")
    elif isinstance(value, dt.datetime):
        value = timezone.localtime(value).replace(tzinfo=None)
    elif value is not None and not isinstance(value, (dt.date, Decimal, int, float)):
        value = str(value)
    cell = cell_class(sheet, value=value)
    if isinstance(value, str):
        # A name starting with "=" stays text, never a formula.
        cell.data_type = "s"
    elif isinstance(value, dt.datetime):
        cell.number_format = "DD.MM.YYYY HH:MM"
    elif isinstance(value, dt.date):
        cell.number_format = "DD.MM.YYYY"
    return cell
