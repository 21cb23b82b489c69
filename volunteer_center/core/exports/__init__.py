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
it. A CSV streams from the database in chunks, whatever the list's length; an
XLSX of more than ``settings.EXPORT_XLSX_INLINE_ROWS`` rows is built by the
task queue (``jobs``) behind a progress page. Each export is one entry of the
access log: who, the filter, and the ids of everyone in it.
"""

from volunteer_center.core.exports.files import (
    CSV_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    Column,
    attachment,
    csv_lines,
    phone,
    resolve,
    write_xlsx,
)
from volunteer_center.core.exports.views import ExportMixin

__all__ = [
    "CSV_CONTENT_TYPE",
    "XLSX_CONTENT_TYPE",
    "Column",
    "ExportMixin",
    "attachment",
    "csv_lines",
    "phone",
    "resolve",
    "write_xlsx",
]
