"""Reading the files staff import, as spreadsheets save them.

Polish Excel saves "CSV" with semicolons and in Windows-1250 (or UTF-8, with or
without a BOM); other programs use commas or tabs. An XLSX sheet may claim a
million rows for one stray cell. Both readers give a dataset of the rows that
hold something, each with the row of the sheet it came from (``SHEET_ROW``),
so a rejected row is reported by the number staff see in their program.

Before anything is parsed, a file larger than ``IMPORT_MAX_MEGABYTES`` (or a
workbook unpacking to more than ten times that: a "zip bomb") is refused, and
``rows_claimed()`` says cheaply how many rows a file may hold, so that the
admin sends a large one to the task queue instead of reading it in the request.
"""

import csv
import io
import re
import zipfile

import openpyxl
import tablib
from django.conf import settings
from django.utils.translation import gettext as _
from import_export.formats import base_formats

# The column each dataset row carries: its row in the file (headers are row 1).
SHEET_ROW = "sheet_row"
# An XLSX row of the register takes at least this many bytes of sheet XML, so
# the unpacked size bounds the rows a sheet can hold, whatever it claims.
XLSX_BYTES_PER_ROW = 200
# More headings than any resource has columns: a sheet is not widened past
# them (a cell at column XFD would make every row 16,384 cells).
MAX_COLUMNS = 100
DIMENSION = re.compile(rb"<(?:\w+:)?dimension ref=\"[A-Z]+\d+:[A-Z]+(\d+)\"")


class ImportFileError(ValueError):
    """A file refused before it is read; the message is for the person."""


def _limit() -> int:
    return settings.IMPORT_MAX_MEGABYTES * 1024 * 1024


def _check_size(data: bytes) -> None:
    if len(data) > _limit():
        raise ImportFileError(
            _("The file is larger than %(size)s MB; split it into smaller files.")
            % {"size": settings.IMPORT_MAX_MEGABYTES}
        )


def _text(data: bytes | str) -> str:
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # What Polish Excel writes for "CSV (rozdzielany przecinkami)".
        return data.decode("cp1250")


def _delimiter(first_line: str) -> str:
    try:
        return csv.Sniffer().sniff(first_line, delimiters=";,\t").delimiter
    except csv.Error:
        return ","


def _filled(values) -> bool:
    return any(v is not None and str(v).strip() for v in values)


def _dataset(headers, numbered_rows) -> tablib.Dataset:
    headers = [str(h or "").strip() for h in headers[: MAX_COLUMNS + 1]]
    while headers and not headers[-1]:
        headers.pop()
    if len(headers) > MAX_COLUMNS:
        raise ImportFileError(
            _("The first row has more than %(count)s column headings.")
            % {"count": MAX_COLUMNS}
        )
    dataset = tablib.Dataset(headers=[*headers, SHEET_ROW])
    width = len(headers)
    for number, values in numbered_rows:
        values = list(values)[:width]
        if _filled(values):
            dataset.append([*values, *[None] * (width - len(values)), number])
    return dataset


class SpreadsheetCSV(base_formats.CSV):
    """CSV with semicolons, commas or tabs, in UTF-8 or Windows-1250."""

    def is_binary(self):
        # Read as bytes: the encoding is found here, not assumed by the admin.
        return True

    def get_read_mode(self):
        return "rb"

    def rows_claimed(self, data: bytes) -> int:
        """At most this many rows (a quoted field may span lines)."""
        _check_size(data)
        lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
        return max(lines - 1, 0)

    def create_dataset(self, in_stream, **kwargs):
        _check_size(in_stream)
        text = _text(in_stream)
        delimiter = _delimiter(text.split("\n", 1)[0])
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        headers = next(reader, [])
        return _dataset(headers, ((reader.line_num, row) for row in reader))


def _workbook(data: bytes) -> zipfile.ZipFile:
    """The workbook's archive, or a refusal: not a workbook, or one that
    unpacks to more than ten times the size limit (read from the archive's
    directory: nothing is unpacked)."""
    _check_size(data)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise ImportFileError(
            _("The file is not an XLSX workbook; save it again as .xlsx or .csv.")
        ) from error
    if sum(member.file_size for member in archive.infolist()) > 10 * _limit():
        archive.close()
        raise ImportFileError(
            _(
                "The workbook unpacks to more than %(size)s MB; "
                "save only the sheet to import, as .xlsx or .csv."
            )
            % {"size": 10 * settings.IMPORT_MAX_MEGABYTES}
        )
    return archive


class SpreadsheetXLSX(base_formats.XLSX):
    """The first sheet of a workbook, read row by row (a stray cell at the
    sheet's last row costs a second, not the million empty rows before it)."""

    def rows_claimed(self, data: bytes) -> int:
        """The most rows a sheet says it has or its size allows: a sheet that
        claims a million rows goes to the task queue, whatever it holds."""
        claimed = 0
        with _workbook(data) as archive:
            for member in archive.infolist():
                if not member.filename.startswith("xl/worksheets/"):
                    continue
                with archive.open(member) as xml:
                    found = DIMENSION.search(xml.read(4096))
                rows = int(found.group(1)) if found else 0
                claimed = max(claimed, rows, member.file_size // XLSX_BYTES_PER_ROW)
        return claimed

    def create_dataset(self, in_stream, **kwargs):
        _workbook(in_stream).close()
        book = openpyxl.load_workbook(
            io.BytesIO(in_stream), read_only=True, data_only=True
        )
        try:
            sheet = book.active
            # What the sheet claims is not believed: each row as wide as its
            # last cell, and no empty rows padded after the last one.
            sheet.reset_dimensions()
            rows = sheet.iter_rows(values_only=True)
            headers = next(rows, ())
            return _dataset(headers, enumerate(rows, start=2))
        finally:
            book.close()


IMPORT_FORMATS = [SpreadsheetCSV, SpreadsheetXLSX]
