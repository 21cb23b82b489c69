"""Everything held about one person (RODO art. 15 and 20): every app's part
(volunteer_center/core/registries.py, ``person_data``) as JSON to take away,
or as a readable page in Polish to print (``?format=html``)."""

import json

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View

from volunteer_center.core import registries
from volunteer_center.core.audit import access_log
from volunteer_center.core.mixins import (
    ScopedObjectMixin,
    StaffPermissionRequiredMixin,
)
from volunteer_center.core.models import AccessLog


def readable(value) -> str:
    """A value of the JSON data as words: lists joined, rows flattened."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, list):
        return "; ".join(readable(item) for item in value) or "—"
    if isinstance(value, dict):
        return ", ".join(readable(item) for item in value.values())
    return str(value)


def _readable_section(section: registries.DataSection) -> dict:
    labels = section.labels
    if isinstance(section.data, dict):
        rows = [(labels.get(k, k), readable(v)) for k, v in section.data.items()]
        return {"title": section.title, "fields": rows}
    keys = list(section.data[0]) if section.data else []
    return {
        "title": section.title,
        "columns": [labels.get(key, key) for key in keys],
        "rows": [[readable(row.get(key)) for key in keys] for row in section.data],
    }


class PersonDataView(StaffPermissionRequiredMixin, ScopedObjectMixin, View):
    filename_prefix = ""

    def person_name(self, person) -> str:
        return str(person)

    def get(self, request, *args, **kwargs):
        person = self.get_object()
        access_log(actor=request.user, action=AccessLog.Action.EXPORT, obj=person)
        sections = registries.person_data_sections(person)
        if request.GET.get("format") == "html":
            return render(
                request,
                "registry/person_data.html",
                {
                    "person": person,
                    "person_name": self.person_name(person),
                    "sections": [_readable_section(s) for s in sections],
                },
            )
        data = {section.key: section.data for section in sections}
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="{self.filename_prefix}-{person.pk}.json"'
        )
        return response
