"""The advice register in the Django admin."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from registry.admin.dictionaries import DictionaryAdmin
from registry.models import (
    ClosureDay,
    Consultation,
    ConsultationTopic,
    OfficeHours,
)
from volunteer_center.core.admin import PersonalDataAdminMixin


@admin.register(ConsultationTopic)
class ConsultationTopicAdmin(DictionaryAdmin):
    pass


@admin.register(OfficeHours)
class OfficeHoursAdmin(admin.ModelAdmin):
    """The office hours shown on the public page and offered for booking."""

    list_display = ("__str__", "start", "end", "slot_minutes", "is_active")
    list_filter = ("weekday", "is_active")
    readonly_fields = ("created_at", "updated_at")


@admin.register(ClosureDay)
class ClosureDayAdmin(admin.ModelAdmin):
    """Days the office is closed besides the public holidays, which the
    booking leaves out by itself."""

    list_display = ("date", "reason")
    date_hierarchy = "date"
    search_fields = ("reason",)


@admin.register(Consultation)
class ConsultationAdmin(PersonalDataAdminMixin, SimpleHistoryAdmin):
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
