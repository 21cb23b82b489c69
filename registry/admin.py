"""Django admin of the register: bulk edits for coordinators and dictionaries
for the administrator.

Status changes go through ``registry.services`` (the allowed paths, the
history with its author); volunteers and institutions are imported and
exported as CSV or XLSX through ``registry.resources``, all or nothing.
"""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportModelAdmin
from import_export.formats import base_formats
from simple_history.admin import SimpleHistoryAdmin

from registry import services
from registry.models import (
    Availability,
    Beneficiary,
    Category,
    Consultation,
    ConsultationTopic,
    ContactPerson,
    District,
    Institution,
    OfficeHours,
    Skill,
    Volunteer,
)
from registry.resources import InstitutionResource, VolunteerResource
from volunteer_center.core.audit import access_log, access_log_many
from volunteer_center.core.models import AccessLog
from volunteer_center.core.roles import ROLE_GROUPS, SOCIAL_WORKER

# --- Shared pieces --------------------------------------------------------------


class FoldedSearchMixin:
    """Admin search (and autocomplete) through ``search_text``: "zolc" finds
    "Żółć", the same as the staff lists."""

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return queryset.search(search_term), False


class PersonalDataAdminMixin:
    """Records each opening of a record with personal data in the access log."""

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and request.method == "GET":
            access_log(
                actor=request.user,
                action=AccessLog.Action.VIEW,
                obj=obj,
                detail="admin",
            )
        return obj


class RegistryImportExportAdmin(ImportExportModelAdmin):
    import_formats = [base_formats.CSV, base_formats.XLSX]
    export_formats = [base_formats.CSV, base_formats.XLSX]
    import_template_name = "admin/registry/import.html"
    # Excel opens a UTF-8 file with Polish letters correctly only with a BOM.
    to_encoding = "utf-8-sig"

    # Without a setting, django-import-export lets any staff member import;
    # here importing needs the add and change permissions, exporting the view
    # permission of the model.
    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            # The file changed between the preview and the confirmation, or the
            # data did: the transaction was rolled back, so nothing was saved.
            self.message_user(
                request,
                _(
                    "Nothing was imported: some rows are no longer valid. "
                    "Upload the file again to see why."
                ),
                messages.ERROR,
            )
            return HttpResponseRedirect(
                reverse("admin:{}_{}_import".format(*self.get_model_info()))
            )
        return super().process_result(result, request)


# --- Dictionaries ---------------------------------------------------------------


@admin.action(description=_("Mark as in use"), permissions=["change"])
def mark_in_use(modeladmin, request, queryset):
    count = queryset.update(is_active=True, updated_at=timezone.now())
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d entry marked as in use.",
            "%(count)d entries marked as in use.",
            count,
        )
        % {"count": count},
        messages.SUCCESS,
    )


@admin.action(description=_("Mark as not in use"), permissions=["change"])
def mark_not_in_use(modeladmin, request, queryset):
    count = queryset.update(is_active=False, updated_at=timezone.now())
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d entry marked as not in use.",
            "%(count)d entries marked as not in use.",
            count,
        )
        % {"count": count},
        messages.SUCCESS,
    )


class DictionaryAdmin(admin.ModelAdmin):
    list_display = ("name", "is_active", "description", "updated_at")
    list_filter = ("is_active",)
    search_fields = ("name", "description")
    actions = (mark_in_use, mark_not_in_use)
    readonly_fields = ("created_at", "updated_at")


@admin.register(Skill)
class SkillAdmin(DictionaryAdmin):
    pass


@admin.register(Category)
class CategoryAdmin(DictionaryAdmin):
    pass


@admin.register(District)
class DistrictAdmin(DictionaryAdmin):
    list_display = ("name", "kind", "is_active", "latitude", "longitude")
    list_filter = ("kind", "is_active")


# --- Institutions ---------------------------------------------------------------


class ContactPersonInline(admin.TabularInline):
    model = ContactPerson
    extra = 0
    fields = ("name", "position", "phone", "email")


@admin.register(Institution)
class InstitutionAdmin(
    FoldedSearchMixin, RegistryImportExportAdmin, SimpleHistoryAdmin
):
    resource_classes = [InstitutionResource]
    list_display = (
        "name",
        "kind",
        "receives_help",
        "sends_volunteers",
        "programme_partner",
        "district",
        "nip",
        "phone",
    )
    list_filter = (
        "kind",
        "receives_help",
        "sends_volunteers",
        "programme_partner",
        "district",
    )
    search_fields = ("name", "nip", "email")
    list_select_related = ("district",)
    autocomplete_fields = ("district",)
    readonly_fields = ("created_at", "updated_at")
    inlines = (ContactPersonInline,)

    def get_export_queryset(self, request):
        return super().get_export_queryset(request).select_related("district")


# --- Volunteers -----------------------------------------------------------------


class AvailabilityInline(admin.TabularInline):
    model = Availability
    extra = 0


def _change_status(modeladmin, request, queryset, service, done: str) -> None:
    """Runs one status service per volunteer; a refusal is reported for that
    volunteer and does not stop the others."""
    changed = 0
    for volunteer in queryset:
        try:
            service(actor=request.user, volunteer=volunteer)
        except services.RegistryError as error:
            modeladmin.message_user(
                request, f"{volunteer}: {error.message}", messages.ERROR
            )
        else:
            changed += 1
    if changed:
        modeladmin.message_user(request, done % {"count": changed}, messages.SUCCESS)


@admin.action(description=_("Activate selected volunteers"), permissions=["change"])
def activate(modeladmin, request, queryset):
    _change_status(
        modeladmin,
        request,
        queryset,
        services.volunteer_activate,
        _("Volunteers activated: %(count)d."),
    )


@admin.action(description=_("Pause selected volunteers"), permissions=["change"])
def pause(modeladmin, request, queryset):
    _change_status(
        modeladmin,
        request,
        queryset,
        services.volunteer_pause,
        _("Volunteers paused: %(count)d."),
    )


@admin.action(
    description=_("Mark selected volunteers as former"), permissions=["change"]
)
def mark_former(modeladmin, request, queryset):
    _change_status(
        modeladmin,
        request,
        queryset,
        services.volunteer_mark_former,
        _("Volunteers marked as former: %(count)d."),
    )


@admin.register(Volunteer)
class VolunteerAdmin(
    FoldedSearchMixin,
    PersonalDataAdminMixin,
    RegistryImportExportAdmin,
    SimpleHistoryAdmin,
):
    resource_classes = [VolunteerResource]
    list_display = (
        "last_name",
        "first_name",
        "status",
        "district",
        "phone",
        "email",
        "birth_date",
        "source",
    )
    list_filter = (
        "status",
        "source",
        "district",
        "has_driving_licence",
        "has_car",
        "skills",
        "interests",
    )
    search_fields = ("last_name", "first_name", "email")
    list_select_related = ("district",)
    autocomplete_fields = (
        "district",
        "reachable_districts",
        "skills",
        "interests",
        "sending_institution",
    )
    # The status moves only along the allowed paths (the actions); the checks
    # and consents are recorded with their author on the staff screens.
    readonly_fields = (
        "status",
        "vetting_verified_by",
        "consent_given_at",
        "anonymised_at",
        "created_at",
        "updated_at",
    )
    fieldsets = (
        (
            None,
            {"fields": ("first_name", "last_name", "birth_date", "pesel", "status")},
        ),
        (
            _("Contact and address"),
            {
                "fields": (
                    "email",
                    "phone",
                    "street",
                    "postal_code",
                    "city",
                    "district",
                    "reachable_districts",
                )
            },
        ),
        (
            _("Help offered"),
            {
                "fields": (
                    "skills",
                    "interests",
                    "languages",
                    "has_driving_licence",
                    "has_car",
                    "max_hours_per_week",
                    "source",
                    "sending_institution",
                )
            },
        ),
        (
            _("Legal guardian"),
            {
                "fields": (
                    "guardian_name",
                    "guardian_phone",
                    "guardian_email",
                    "guardian_consent",
                    "guardian_consent_on",
                )
            },
        ),
        (
            _("Checks and consents"),
            {
                "fields": (
                    "criminal_record_checked_on",
                    "sex_offender_register_checked_on",
                    "vetting_verified_by",
                    "legal_basis",
                    "consent_clause_version",
                    "consent_given_at",
                    "notes",
                    "anonymised_at",
                    "created_at",
                    "updated_at",
                )
            },
        ),
    )
    inlines = (AvailabilityInline,)
    actions = (activate, pause, mark_former)

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_anonymised:
            return False
        return super().has_change_permission(request, obj)

    def get_export_queryset(self, request):
        return (
            super()
            .get_export_queryset(request)
            .select_related("district", "sending_institution")
            .prefetch_related("skills", "interests", "reachable_districts")
        )

    def get_data_for_export(self, request, queryset, **kwargs):
        data = super().get_data_for_export(request, queryset, **kwargs)
        access_log_many(
            actor=request.user,
            action=AccessLog.Action.EXPORT,
            objects=queryset,
            detail="admin",
        )
        return data


# --- Beneficiaries --------------------------------------------------------------


@admin.register(Beneficiary)
class BeneficiaryAdmin(FoldedSearchMixin, PersonalDataAdminMixin, SimpleHistoryAdmin):
    list_display = (
        "last_name",
        "first_name",
        "status",
        "district",
        "social_worker",
        "preferred_contact",
    )
    list_filter = ("status", "district", "preferred_contact", "social_worker")
    search_fields = ("last_name", "first_name", "email")
    list_select_related = ("district", "social_worker")
    autocomplete_fields = ("district",)
    readonly_fields = ("anonymised_at", "created_at", "updated_at")

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "social_worker":
            # Only the staff who can be responsible for a beneficiary.
            kwargs["queryset"] = get_user_model().objects.filter(
                groups__name=ROLE_GROUPS[SOCIAL_WORKER], is_active=True
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


# --- Advice and support ---------------------------------------------------------


@admin.register(ConsultationTopic)
class ConsultationTopicAdmin(DictionaryAdmin):
    pass


@admin.register(OfficeHours)
class OfficeHoursAdmin(admin.ModelAdmin):
    """The office hours shown on the public page and offered for booking."""

    list_display = ("__str__", "start", "end", "slot_minutes", "is_active")
    list_filter = ("weekday", "is_active")
    readonly_fields = ("created_at", "updated_at")


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
