"""The administrator's screens. Agreements, certificates and references are
changed only through the services (staff screens and the actions below), so
their admin is read-only; agreement texts get a new version on every edit."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from agreements import services
from agreements.models import (
    Agreement,
    AgreementTemplate,
    Certificate,
    CertificateBatch,
    InsurancePolicy,
    Reference,
    SafetyInformation,
    Signatory,
)
from agreements.services import AgreementError
from volunteer_center.core.admin import PersonalDataAdminMixin, service_action
from volunteer_center.core.admin_widgets import ValidIdsAutocompleteMixin


class AgreementTemplateForm(forms.ModelForm):
    class Meta:
        model = AgreementTemplate
        fields = ["kind", "title", "body", "is_active"]
        widgets = {"body": forms.Textarea(attrs={"rows": 30, "cols": 100})}

    def clean_body(self):
        body = self.cleaned_data["body"]
        try:
            services.check_template_syntax(body)
        except AgreementError as error:
            raise forms.ValidationError(error.message) from error
        return body

    def clean(self):
        # The admin saves in the transaction that validates: the lock taken
        # here holds until the new version is published.
        cleaned = super().clean()
        if self.instance.pk and {"title", "body", "kind"} & set(self.changed_data):
            try:
                services.check_newest_version(self.instance)
            except AgreementError as error:
                raise forms.ValidationError(error.message) from error
        return cleaned


@admin.register(AgreementTemplate)
class AgreementTemplateAdmin(admin.ModelAdmin):
    form = AgreementTemplateForm
    list_display = ["title", "kind", "version", "is_active", "created_by", "created_at"]
    list_filter = ["kind", "is_active"]
    search_fields = ["title", "body"]
    list_select_related = ["created_by"]
    readonly_fields = ["version", "created_by", "created_at"]

    def save_model(self, request, obj, form, change):
        """Editing the text publishes a new version; agreements already made
        keep the one they were made from."""
        if change and not {"title", "body", "kind"} & set(form.changed_data):
            services.agreement_template_set_in_use(
                actor=request.user, template=obj, in_use=form.cleaned_data["is_active"]
            )
            return
        published = services.agreement_template_publish(
            actor=request.user,
            kind=form.cleaned_data["kind"],
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
            based_on=form.instance if change else None,
        )
        obj.pk, obj.version = published.pk, published.version
        messages.info(
            request,
            _("Version %(version)d of this text is now in use.")
            % {"version": published.version},
        )


@service_action(_("Record the signing"), _("Agreements signed: %(count)d."))
def sign_agreements(actor, agreement):
    """Signed today: the document prepared for signing is the one recorded."""
    return services.agreement_sign(
        actor=actor, agreement=agreement, document_sha256=agreement.document_sha256
    )


@service_action(_("Bring into force"), _("Agreements in force: %(count)d."))
def activate_agreements(actor, agreement):
    return services.agreement_activate(actor=actor, agreement=agreement)


@admin.action(
    description=_("Mark those past their end as expired"), permissions=["change"]
)
def expire_agreements(modeladmin, request, queryset):
    count = services.agreement_expire_due(actor=request.user)
    modeladmin.message_user(
        request, _("Agreements expired: %(count)d.") % {"count": count}
    )


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # The change list and actions stay available; the form is read-only.
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Agreement)
class AgreementAdmin(PersonalDataAdminMixin, ReadOnlyAdmin):
    list_display = [
        "number",
        "kind",
        "party_display",
        "status",
        "date_from",
        "date_to",
        "signed_on",
        "insurance_nnw",
    ]
    list_filter = ["kind", "status", "insurance_nnw", "safety_info_given"]
    search_fields = [
        "number",
        "volunteer__last_name",
        "volunteer__first_name",
        "institution__name",
        "beneficiary__last_name",
    ]
    list_select_related = ["volunteer", "institution", "beneficiary"]
    date_hierarchy = "date_from"
    actions = [sign_agreements, activate_agreements, expire_agreements]

    @admin.display(description=_("party"))
    def party_display(self, obj):
        return obj.party


class IssuedDocumentAdmin(PersonalDataAdminMixin, ReadOnlyAdmin):
    list_display = [
        "number",
        "volunteer",
        "date_from",
        "date_to",
        "hours",
        "issued_by",
        "issued_at",
    ]
    list_filter = ["issued_at"]
    search_fields = ["number", "volunteer__last_name", "volunteer__first_name"]
    list_select_related = ["volunteer", "issued_by"]
    date_hierarchy = "issued_at"


@admin.register(Certificate)
class CertificateAdmin(IssuedDocumentAdmin):
    pass


@admin.register(Reference)
class ReferenceAdmin(IssuedDocumentAdmin):
    pass


@admin.register(CertificateBatch)
class CertificateBatchAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "status", "done", "total", "requested_by", "created_at"]
    list_filter = ["status"]
    list_select_related = ["requested_by"]


@admin.register(Signatory)
class SignatoryAdmin(ValidIdsAutocompleteMixin, admin.ModelAdmin):
    """Who may sign for the OPS: the Director and those on their authorisation."""

    list_display = ["name", "function", "on_authorisation", "user", "is_active"]
    list_filter = ["is_active", "on_authorisation"]
    search_fields = ["name", "function"]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]


@admin.register(SafetyInformation)
class SafetyInformationAdmin(admin.ModelAdmin):
    list_display = ["title", "category", "is_active"]
    list_filter = ["is_active", "category"]
    search_fields = ["title", "text"]
    list_select_related = ["category"]


@admin.register(InsurancePolicy)
class InsurancePolicyAdmin(ValidIdsAutocompleteMixin, admin.ModelAdmin):
    """NNW policies: short work starts only under one (art. 46 ust. 3)."""

    list_display = ["number", "insurer", "date_from", "date_to", "covers_everybody"]
    list_filter = ["covers_everybody", "insurer"]
    search_fields = ["number", "insurer"]
    date_hierarchy = "date_from"
    autocomplete_fields = ["volunteers"]
