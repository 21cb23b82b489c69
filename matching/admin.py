"""Django admin of matching: bulk edits for coordinators. Status changes go
through ``matching.services`` so the rules (places, clashes, agreements) hold
here as everywhere else."""

from django.contrib import admin, messages
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from matching import services
from matching.models import (
    Assignment,
    HelpRequest,
    HoursEntry,
    Programme,
    ProgrammePartner,
    RequestSlot,
)
from volunteer_center.core.admin import PersonalDataAdminMixin


def _each(request, objects, service, done: str) -> None:
    """Runs ``service`` for each object; a refusal is reported and the rest go on."""
    count = 0
    for obj in objects:
        try:
            service(obj)
        except services.MatchingError as error:
            messages.error(request, f"{obj}: {error.message}")
        else:
            count += 1
    if count:
        messages.success(request, done % {"count": count})


class RequestSlotInline(admin.TabularInline):
    model = RequestSlot
    extra = 0


@admin.register(HelpRequest)
class HelpRequestAdmin(PersonalDataAdminMixin, SimpleHistoryAdmin):
    list_display = [
        "title",
        "category",
        "district",
        "date_from",
        "date_to",
        "needed",
        "urgency",
        "status",
    ]
    list_filter = ["status", "urgency", "kind", "category", "district", "programme"]
    search_fields = ["title", "description"]
    list_select_related = ["category", "district"]
    autocomplete_fields = ["beneficiary", "institution", "programme"]
    readonly_fields = ["status", "created_by"]
    inlines = [RequestSlotInline]
    actions = ["open_requests", "cancel_requests"]

    @admin.action(description=_("Open the chosen requests for volunteers"))
    def open_requests(self, request, queryset):
        _each(
            request,
            queryset,
            lambda r: services.help_request_open(actor=request.user, request=r),
            _("Opened: %(count)s."),
        )

    @admin.action(description=_("Cancel the chosen requests"))
    def cancel_requests(self, request, queryset):
        _each(
            request,
            queryset,
            lambda r: services.help_request_cancel(
                actor=request.user,
                request=r,
                reason=str(_("cancelled in bulk in the administration panel")),
            ),
            _("Cancelled: %(count)s."),
        )


@admin.register(Assignment)
class AssignmentAdmin(PersonalDataAdminMixin, SimpleHistoryAdmin):
    list_display = ["volunteer", "request", "status", "date_from", "date_to", "place"]
    list_filter = ["status"]
    search_fields = ["volunteer__search_text", "request__title"]
    list_select_related = ["volunteer", "request"]
    autocomplete_fields = ["volunteer", "request"]
    # The reasons are kept as codes: shown in words, never edited.
    exclude = ["reasons"]
    readonly_fields = ["status", "place", "score", "reasons_in_words", "proposed_by"]
    actions = ["complete_assignments", "cancel_assignments"]

    @admin.display(description=_("reasons at proposal"))
    def reasons_in_words(self, obj) -> str:
        return format_html_join(
            mark_safe("<br>"), "{}", ((text,) for text in obj.reason_texts)
        )

    @admin.action(description=_("Complete the chosen assignments"))
    def complete_assignments(self, request, queryset):
        _each(
            request,
            queryset,
            lambda a: services.assignment_complete(actor=request.user, assignment=a),
            _("Completed: %(count)s."),
        )

    @admin.action(description=_("Cancel the chosen assignments"))
    def cancel_assignments(self, request, queryset):
        _each(
            request,
            queryset,
            lambda a: services.assignment_cancel(actor=request.user, assignment=a),
            _("Cancelled: %(count)s."),
        )


@admin.register(HoursEntry)
class HoursEntryAdmin(PersonalDataAdminMixin, SimpleHistoryAdmin):
    list_display = ["assignment", "date", "hours", "status", "logged_by", "approved_by"]
    list_filter = ["status", "date"]
    search_fields = ["assignment__volunteer__search_text", "assignment__request__title"]
    list_select_related = ["assignment__volunteer", "assignment__request", "logged_by"]
    autocomplete_fields = ["assignment"]
    readonly_fields = ["status", "approved_by", "approved_at", "logged_by"]
    actions = ["approve_hours"]

    @admin.action(description=_("Approve the chosen hours"))
    def approve_hours(self, request, queryset):
        count = services.hours_approve(actor=request.user, entries=list(queryset))
        messages.success(request, _("Approved entries: %(count)s.") % {"count": count})


class ProgrammePartnerInline(admin.TabularInline):
    model = ProgrammePartner
    extra = 1
    autocomplete_fields = ["institution"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "date_from", "date_to", "coordinator"]
    list_filter = ["date_from"]
    search_fields = ["name", "description"]
    list_select_related = ["coordinator"]
    autocomplete_fields = ["volunteers"]
    inlines = [ProgrammePartnerInline]
