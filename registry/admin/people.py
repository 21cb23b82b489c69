"""Django admin of the register: bulk edits for coordinators and dictionaries
for the administrator.

Every change form and action goes through ``registry.services``, as the
staff screens do (validation, the duplicate check, the allowed paths of a
status, the history with its author); volunteers and institutions are
imported and exported as CSV or XLSX through ``registry.resources``, whose
rows go through the same services, all or nothing.
"""

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from registry import services
from registry.admin.imports import RegistryImportExportAdmin
from registry.models import (
    CONTACT,
    GUARDIAN,
    OFFER,
    Availability,
    Beneficiary,
    ContactPerson,
    GuardianConsentRequest,
    Institution,
    Volunteer,
)
from registry.resources import InstitutionResource, VolunteerResource
from volunteer_center.core.admin import (
    FoldedSearchMixin,
    PersonalDataAdminMixin,
    ServiceAdminMixin,
    form_fields,
    inline_rows,
    service_action,
)
from volunteer_center.core.audit import access_log_export
from volunteer_center.core.roles import ROLE_GROUPS, SOCIAL_WORKER


class ContactPersonInline(admin.TabularInline):
    model = ContactPerson
    extra = 0
    fields = ("name", "position", "phone", "email")


@admin.register(Institution)
class InstitutionAdmin(
    ServiceAdminMixin,
    FoldedSearchMixin,
    PersonalDataAdminMixin,  # its contact persons
    RegistryImportExportAdmin,
    SimpleHistoryAdmin,
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

    def save_with_service(self, request, form, formsets, change):
        rows = inline_rows(formsets, ContactPerson)
        kwargs = {
            "actor": request.user,
            "fields": form_fields(form),
            "contacts": None if rows is None else [_contact(row) for row in rows],
        }
        if change:
            return services.institution_update(institution=form.instance, **kwargs)
        return services.institution_create(**kwargs)


def _contact(row: dict) -> dict:
    existing = row.get("id")
    return {
        "id": existing.pk if existing else None,
        **{name: row[name] for name in ("name", "position", "phone", "email")},
    }


class AvailabilityInline(admin.TabularInline):
    model = Availability
    extra = 0


@service_action(
    _("Activate selected volunteers"), _("Volunteers activated: %(count)d.")
)
def activate(actor, volunteer):
    return services.volunteer_activate(actor=actor, volunteer=volunteer)


@service_action(_("Pause selected volunteers"), _("Volunteers paused: %(count)d."))
def pause(actor, volunteer):
    return services.volunteer_pause(actor=actor, volunteer=volunteer)


@service_action(
    _("Mark selected volunteers as former"),
    _("Volunteers marked as former: %(count)d."),
)
def mark_former(actor, volunteer):
    return services.volunteer_mark_former(actor=actor, volunteer=volunteer)


class PersonAdminForm(forms.ModelForm):
    """The staff form's choice for the services' duplicate check."""

    save_anyway = forms.BooleanField(
        label=_("This is a different person: save anyway"), required=False
    )


class PersonAdminMixin(ServiceAdminMixin, FoldedSearchMixin, PersonalDataAdminMixin):
    """A person of the register: saved through the services with the duplicate
    check (``PersonAdminForm``), found by name or e-mail, each look logged."""

    form = PersonAdminForm
    search_fields = ("last_name", "first_name", "email")


@admin.register(Volunteer)
class VolunteerAdmin(PersonAdminMixin, RegistryImportExportAdmin, SimpleHistoryAdmin):
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
        "guardian_consent",
        "guardian_consent_on",
        "guardian_consent_method",
        "guardian_consent_recorded_by",
        "vetting_verified_by",
        "consent_clause_version",
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
        (_("Contact and address"), {"fields": CONTACT}),
        (_("Help offered"), {"fields": (*OFFER, "source", "sending_institution")}),
        (
            _("Legal representative (parent or legal guardian)"),
            {
                "fields": (
                    *GUARDIAN,
                    "guardian_consent",
                    "guardian_consent_on",
                    "guardian_consent_method",
                    "guardian_consent_recorded_by",
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
                    "save_anyway",
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

    def save_with_service(self, request, form, formsets, change):
        data = form.cleaned_data
        rows = inline_rows(formsets, Availability)
        kwargs = {
            "actor": request.user,
            "fields": form_fields(form),
            **{
                name: data[name]
                for name in ("skills", "interests", "reachable_districts")
                if name in data
            },
            "availability": None
            if rows is None
            else [(row["weekday"], row["part"]) for row in rows],
            "different_person": data.get("save_anyway", False),
        }
        if change:
            return services.volunteer_update(volunteer=form.instance, **kwargs)
        kwargs["availability"] = kwargs["availability"] or ()
        return services.volunteer_create(**kwargs)

    def get_export_queryset(self, request):
        return (
            super()
            .get_export_queryset(request)
            .select_related("district", "sending_institution")
            .prefetch_related("skills", "interests", "reachable_districts")
        )

    def get_data_for_export(self, request, queryset, **kwargs):
        data = super().get_data_for_export(request, queryset, **kwargs)
        access_log_export(
            actor=request.user,
            subjects={Volunteer: queryset.values_list("pk", flat=True)},
            detail="admin",
        )
        return data


@admin.register(Beneficiary)
class BeneficiaryAdmin(PersonAdminMixin, SimpleHistoryAdmin):
    list_display = (
        "last_name",
        "first_name",
        "status",
        "district",
        "social_worker",
        "preferred_contact",
    )
    list_filter = ("status", "district", "preferred_contact", "social_worker")
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

    def save_with_service(self, request, form, formsets, change):
        kwargs = {
            "actor": request.user,
            "fields": form_fields(form),
            "different_person": form.cleaned_data.get("save_anyway", False),
        }
        if change:
            return services.beneficiary_update(beneficiary=form.instance, **kwargs)
        return services.beneficiary_create(**kwargs)


@admin.register(GuardianConsentRequest)
class GuardianConsentRequestAdmin(admin.ModelAdmin):
    """The links sent to legal representatives: read-only, for answering
    "did the parent get it?"; a consent is given only through the link."""

    list_display = ["volunteer", "email", "created_at", "expires_at", "confirmed_at"]
    list_select_related = ["volunteer"]
    search_fields = ["email", "volunteer__last_name"]
    readonly_fields = [
        "volunteer",
        "email",
        "expires_at",
        "confirmed_at",
        "confirmed_name",
        "created_at",
    ]
    exclude = ["token_hash"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)
