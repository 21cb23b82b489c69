"""Columns and the writers of the CSV and XLSX files."""

import csv
import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal

from django.db import models
from django.utils import timezone, translation
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import gettext

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
# Rows fetched from the database at a time, with their prefetched relations:
# an export of the whole register never holds more than this in memory.
CHUNK_ROWS = 2000
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def attachment(response, filename: str):
    """Marks a response as a file download that caches must not keep (it
    holds personal data)."""
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


# Characters that make a spreadsheet read a text cell as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


# A path ending in Django's ``get_<field>_display``.
DISPLAY = re.compile(r"get_(\w+)_display")


class Column:
    def __init__(self, header, accessor: Callable | str, permission: str = ""):
        self.header = header
        self.accessor = accessor
        self.permission = permission
        self._path = accessor.split(".") if isinstance(accessor, str) else []
        # A choice's label is looked up and translated once per export, not
        # once per row: ``get_status_display`` costs more than writing the line.
        self._labels = None
        if self._path and (display := DISPLAY.fullmatch(self._path[-1])):
            self._path[-1] = display[1]
            self._labels = {}

    def value(self, row):
        if callable(self.accessor):
            return self.accessor(row)
        value = owner = row
        for name in self._path:
            owner = value
            value = getattr(value, name, None) if value is not None else None
            if callable(value) and not isinstance(value, models.Manager):
                value = value()
        if self._labels is None or owner is None:
            return value
        key = make_hashable(value)
        if key not in self._labels:
            self._labels[key] = _label(owner, self._path[-1], key)
        return self._labels[key]


def _label(obj, field_name: str, value):
    """What ``obj.get_<field_name>_display()`` shows for ``value``, as Django
    finds it (``Model._get_FIELD_display``)."""
    choices = dict(make_hashable(obj._meta.get_field(field_name).flatchoices))
    return force_str(choices.get(value, value), strings_only=True)


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


# --- Writing the files ------------------------------------------------------------


class _Echo:
    """csv.writer writes each line here and gets it back to stream it."""

    def write(self, value: str) -> str:
        return value


# Lines sent to the client at once: one write per line would cost a system
# call each, 100,000 of them for the whole register.
LINES_PER_CHUNK = 500


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
        yes_no = {True: gettext("yes"), False: gettext("no")}
        lines = []
        for row in table:
            lines.append(writer.writerow([csv_text(value, yes_no) for value in row]))
            if len(lines) == LINES_PER_CHUNK:
                yield "".join(lines)
                lines = []
        if lines:
            yield "".join(lines)


def csv_text(value, yes_no: dict[bool, str]) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_PREFIXES) else value
    if isinstance(value, bool):
        return yes_no[value]
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


def write_xlsx(out, headers: list[str], table: Iterable[list], *, title: str) -> None:
    """Writes the workbook to the file object ``out``, row by row: openpyxl's
    write-only mode keeps the sheet in a temporary file, not in memory."""
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
    workbook.save(out)


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
