"""What the agreements views share: files served only after the permission
check, never from a public URL, and written to the access log."""

import io
import mimetypes
from pathlib import PurePath

from django.http import (
    FileResponse,
    Http404,
)

from volunteer_center.core.audit import access_log
from volunteer_center.core.models import AccessLog


def _file_response(field, filename: str) -> FileResponse:
    if not field:
        raise Http404
    content_type = mimetypes.guess_type(field.name)[0] or "application/octet-stream"
    # Files are at most 10 MB: read at once, so no handle stays open when a
    # client drops the download.
    with field.open("rb") as stored:
        data = io.BytesIO(stored.read())
    return FileResponse(
        data,
        as_attachment=True,
        filename=filename + PurePath(field.name).suffix,
        content_type=content_type,
    )


def _exported_file(
    request, field, filename: str, *, obj=None, detail: str = ""
) -> FileResponse:
    """A stored file handed out to the staff member: an export of personal
    data in the access log, about ``obj`` (or only described by ``detail``)."""
    access_log(
        actor=request.user, action=AccessLog.Action.EXPORT, obj=obj, detail=detail
    )
    return _file_response(field, filename)


def _safe_name(number: str) -> str:
    return number.replace("/", "-")
