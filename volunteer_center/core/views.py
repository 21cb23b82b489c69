"""The staff pages a register is built from (core/mixins.py): its list, a
record's page, and its new and edit forms."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from volunteer_center.core.exports import ExportMixin
from volunteer_center.core.mixins import (
    AuditedDetailMixin,
    ChangeHistoryMixin,
    FilteredListMixin,
    KeptRecordMixin,
    ServiceFormMixin,
    StaffPermissionRequiredMixin,
)


class RegisterListView(
    StaffPermissionRequiredMixin, FilteredListMixin, ExportMixin, ListView
):
    """A register's list: filtered, paginated, and exported as CSV or XLSX."""


class RecordDetailView(
    StaffPermissionRequiredMixin,
    AuditedDetailMixin,
    KeptRecordMixin,
    ChangeHistoryMixin,
    DetailView,
):
    """A record's page: fetched through its scope (and kept, where the view
    names its ``record_reads``), its reading logged, its change history shown
    to those allowed to see it."""


class ServiceCreateView(StaffPermissionRequiredMixin, ServiceFormMixin, CreateView):
    """A register's "new" page: its form saved through ``service``."""

    success_message = _("%(name)s has been added to the register.")


class ServiceUpdateView(
    StaffPermissionRequiredMixin, AuditedDetailMixin, ServiceFormMixin, UpdateView
):
    """A register's edit page: the record is fetched through its scope and its
    reading logged, as on its detail page; the form is saved through
    ``service``."""

    success_message = _("The changes to %(name)s have been saved.")
    page_title = _("Edit: %(name)s")
