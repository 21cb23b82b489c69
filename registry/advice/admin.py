"""The advice register in the Django admin."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from registry.admin.dictionaries import DictionaryAdmin
from registry.advice import services
from registry.models import (
    ClosureDay,
    Consultation,
    ConsultationTopic,
    OfficeHours,
)
from volunteer_center.core.admin import (
    PersonalDataAdminMixin,
    ServiceAdminMixin,
    form_fields,
)


@admin.register(ConsultationTopic)
class ConsultationTopicAdmin(DictionaryAdmin):
    pass


@admin.register(OfficeHours)
class OfficeHoursAdmin(ServiceAdminMixin, admin.ModelAdmin):
    """The office hours shown on the public page and offered for booking."""

    list_display = ("__str__", "start", "end", "slot_minutes", "is_active")
    list_filter = ("weekday", "is_active")
    readonly_fields = ("created_at", "updated_at")

    def save_with_service(self, request, form, formsets, change):
        return services.office_hours_save(
            actor=request.user, office_hours=form.instance, fields=form_fields(form)
        )


@admin.register(ClosureDay)
class ClosureDayAdmin(ServiceAdminMixin, admin.ModelAdmin):
    """Days the office is closed besides the public holidays, which the
    booking leaves out by itself. Removing one opens the day again."""

    list_display = ("date", "reason")
    date_hierarchy = "date"
    search_fields = ("reason",)

    def save_with_service(self, request, form, formsets, change):
        return services.closure_day_save(
            actor=request.user, closure=form.instance, fields=form_fields(form)
        )

    def has_delete_permission(self, request, obj=None):
        return admin.ModelAdmin.has_delete_permission(self, request, obj)

    def delete_model(self, request, obj):
        services.closure_days_remove(actor=request.user, closures=[obj])

    def delete_queryset(self, request, queryset):
        services.closure_days_remove(actor=request.user, closures=list(queryset))


@admin.register(Consultation)
class ConsultationAdmin(ServiceAdminMixin, PersonalDataAdminMixin, SimpleHistoryAdmin):
    list_display = ("starts_at", "person", "topic", "form", "status", "advisor")
    list_filter = ("status", "form", "topic", "follow_up", "booked_online")
    search_fields = (
        "walk_in_name",
        "volunteer__last_name",
        "beneficiary__last_name",
        "institution__name",
    )
    list_select_related = (
        "topic",
        "volunteer",
        "beneficiary",
        "institution",
        "advisor",
    )
    date_hierarchy = "starts_at"
    autocomplete_fields = ("volunteer", "beneficiary", "institution")
    # A planned visit is held, cancelled or missed through the staff screen's
    # buttons; the consent is recorded by the public booking.
    readonly_fields = (
        "status",
        "booked_online",
        "consent_clause_version",
        "consent_given_at",
        "created_at",
        "updated_at",
    )

    @admin.display(description=_("person advised"))
    def person(self, obj):
        return obj.person_name

    def save_with_service(self, request, form, formsets, change):
        fields = form_fields(form)
        if change:
            return services.consultation_update(
                actor=request.user, consultation=form.instance, fields=fields
            )
        return services.consultation_create(actor=request.user, fields=fields)
