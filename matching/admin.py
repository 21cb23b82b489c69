"""Django admin of matching: bulk edits for coordinators. Every change form
and action goes through ``matching.services``, as the staff screens do, so the
rules (places, clashes, skills, agreements) hold here as everywhere else; what
only a service moves is read-only, and an assignment or an hours entry, once
made, changes only by its actions."""

from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from matching import selectors, services
from matching.models import (
    Assignment,
    HelpRequest,
    HoursEntry,
    Programme,
    ProgrammePartner,
    RequestSlot,
)
from volunteer_center.core.admin import (
    PersonalDataAdminMixin,
    ServiceAdminMixin,
    form_fields,
    inline_rows,
    service_action,
)
from volunteer_center.core.admin_widgets import ValidIdsAutocompleteMixin


@service_action(_("Open the chosen requests for volunteers"), _("Opened: %(count)s."))
def open_requests(actor, help_request):
    return services.help_request_open(actor=actor, request=help_request)


@service_action(_("Cancel the chosen requests"), _("Cancelled: %(count)s."))
def cancel_requests(actor, help_request):
    return services.help_request_cancel(
        actor=actor,
        request=help_request,
        reason=str(_("cancelled in bulk in the administration panel")),
    )


class ReadOnlyOnceMadeMixin:
    """Made through the add form's service; afterwards only its actions (and
    their services) change it, so its change form is read-only."""

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)


class RequestSlotInline(admin.TabularInline):
    model = RequestSlot
    extra = 0


@admin.register(HelpRequest)
class HelpRequestAdmin(ServiceAdminMixin, PersonalDataAdminMixin, SimpleHistoryAdmin):
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
    readonly_fields = ["status", "cancellation_reason", "places_taken", "created_by"]
    inlines = [RequestSlotInline]
    actions = [
        open_requests,
        cancel_requests,
    ]

    def save_with_service(self, request, form, formsets, change):
        data = form.cleaned_data
        rows = inline_rows(formsets, RequestSlot)
        slots = (
            None
            if rows is None
            else [(r["weekday"], r["start"], r["end"]) for r in rows]
        )
        kwargs = {
            "actor": request.user,
            "fields": form_fields(form),
            **{
                name: data[name]
                for name in ("required_skills", "nice_skills")
                if name in data
            },
        }
        if change:
            return services.help_request_update(
                request=form.instance, slots=slots, **kwargs
            )
        return services.help_request_create(slots=slots or (), **kwargs)


ASSIGNMENT_ACTIONS = [
    ("contact_assignments", _("Mark as contacted"), services.assignment_contact),
    ("accept_assignments", _("The volunteer accepted"), services.assignment_accept),
    ("decline_assignments", _("The volunteer declined"), services.assignment_decline),
    ("activate_assignments", _("Start the work"), services.assignment_activate),
    (
        "complete_assignments",
        _("Complete the chosen assignments"),
        services.assignment_complete,
    ),
    (
        "cancel_assignments",
        _("Cancel the chosen assignments"),
        services.assignment_cancel,
    ),
]


def _assignment_action(name: str, description, service):
    return service_action(description, _("Done: %(count)s."), name=name)(
        lambda actor, assignment: service(actor=actor, assignment=assignment)
    )


@admin.register(Assignment)
class AssignmentAdmin(
    ReadOnlyOnceMadeMixin, ServiceAdminMixin, PersonalDataAdminMixin, SimpleHistoryAdmin
):
    list_display = ["volunteer", "request", "status", "date_from", "date_to", "place"]
    list_filter = ["status"]
    search_fields = ["volunteer__search_text", "request__title"]
    list_select_related = ["volunteer", "request"]
    autocomplete_fields = ["volunteer", "request"]
    # The reasons are kept as codes: shown in words, never edited.
    exclude = ["reasons"]
    readonly_fields = ["reasons_in_words"]
    actions = [_assignment_action(*row) for row in ASSIGNMENT_ACTIONS]

    @admin.display(description=_("reasons at proposal"))
    def reasons_in_words(self, obj) -> str:
        return format_html_join(
            mark_safe("<br>"), "{}", ((text,) for text in obj.reason_texts)
        )

    def get_fields(self, request, obj=None):
        # A new assignment is a proposal: who for which request; the service
        # gives it its dates, hours, score and reasons.
        if obj is None:
            return ["request", "volunteer"]
        return super().get_fields(request, obj)

    def save_with_service(self, request, form, formsets, change):
        help_request = form.cleaned_data["request"]
        volunteer = form.cleaned_data["volunteer"]
        scored = selectors.score_for(help_request, volunteer)
        return services.assignment_propose(
            actor=request.user,
            request=help_request,
            volunteer=volunteer,
            score=scored.score,
            reasons=scored.reasons,
        )


@admin.register(HoursEntry)
class HoursEntryAdmin(
    ReadOnlyOnceMadeMixin, ServiceAdminMixin, PersonalDataAdminMixin, SimpleHistoryAdmin
):
    list_display = ["assignment", "date", "hours", "status", "logged_by", "approved_by"]
    list_filter = ["status", "date"]
    search_fields = ["assignment__volunteer__search_text", "assignment__request__title"]
    list_select_related = ["assignment__volunteer", "assignment__request", "logged_by"]
    autocomplete_fields = ["assignment"]
    actions = ["approve_hours"]

    def get_fields(self, request, obj=None):
        # Logged hours: the service records who logged them and checks the date.
        if obj is None:
            return ["assignment", "date", "hours", "note"]
        return super().get_fields(request, obj)

    @admin.action(description=_("Approve the chosen hours"), permissions=["change"])
    def approve_hours(self, request, queryset):
        count = services.hours_approve(actor=request.user, entries=list(queryset))
        self.message_user(request, _("Approved entries: %(count)s.") % {"count": count})

    def save_with_service(self, request, form, formsets, change):
        return services.hours_log(actor=request.user, **form_fields(form))


class ProgrammePartnerInline(ValidIdsAutocompleteMixin, admin.TabularInline):
    model = ProgrammePartner
    extra = 1
    autocomplete_fields = ["institution"]


@admin.register(Programme)
class ProgrammeAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = ["name", "date_from", "date_to", "coordinator"]
    list_filter = ["date_from"]
    search_fields = ["name", "description"]
    list_select_related = ["coordinator"]
    autocomplete_fields = ["volunteers"]
    inlines = [ProgrammePartnerInline]

    def save_with_service(self, request, form, formsets, change):
        rows = inline_rows(formsets, ProgrammePartner)
        return services.programme_save(
            actor=request.user,
            programme=form.instance if change else None,
            fields=form_fields(form),
            partners=None
            if rows is None
            else [(row["institution"], row["role"]) for row in rows],
            volunteers=form.cleaned_data.get("volunteers"),
        )
