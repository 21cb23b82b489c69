"""Staff screens of beneficiaries and institutions."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import (
    CreateView,
    DetailView,
    ListView,
    UpdateView,
)

from registry import notices, selectors, services
from registry.filters import (
    BeneficiaryFilter,
    InstitutionFilter,
)
from registry.forms import (
    BeneficiaryForm,
    InstitutionForm,
)
from registry.models import Beneficiary, Institution
from registry.views.person_data import PersonDataView
from volunteer_center.core.exports import ExportMixin, phone
from volunteer_center.core.mixins import (
    AuditedDetailMixin,
    ChangeHistoryMixin,
    FilteredListMixin,
    ScopedObjectMixin,
    ServiceFormMixin,
    StaffPermissionRequiredMixin,
    StatusActionView,
)


class BeneficiaryScopeMixin(ScopedObjectMixin):
    """A social worker works only with their own beneficiaries (the scope)."""

    scope = selectors.beneficiary_scope

    def get_queryset(self):
        return super().get_queryset().select_related("district", "social_worker")


class BeneficiaryListView(
    StaffPermissionRequiredMixin, FilteredListMixin, ExportMixin, ListView
):
    permission_required = "registry.view_beneficiary"
    filterset_class = BeneficiaryFilter
    template_name = "registry/beneficiary_list.html"
    export_filename = "odbiorcy"
    export_columns = [
        (_("last name"), "last_name"),
        (_("first name"), "first_name"),
        (_("status"), "get_status_display"),
        (_("district"), "district.name"),
        (_("street and number"), "street"),
        (_("postal code"), "postal_code"),
        (_("town"), "city"),
        (_("phone"), phone("phone_display")),
        (_("e-mail"), "email"),
        (_("responsible social worker"), "social_worker.get_full_name"),
    ]

    def get_queryset(self):
        self.queryset = selectors.beneficiary_list(self.request.user)
        return super().get_queryset()


class BeneficiaryDetailView(
    StaffPermissionRequiredMixin,
    BeneficiaryScopeMixin,
    AuditedDetailMixin,
    ChangeHistoryMixin,
    DetailView,
):
    permission_required = "registry.view_beneficiary"
    template_name = "registry/beneficiary_detail.html"


class BeneficiaryExportDataView(BeneficiaryScopeMixin, PersonDataView):
    """Everything held about the beneficiary (RODO art. 15 and 20)."""

    permission_required = "registry.view_beneficiary"
    filename_prefix = "podopieczny"


class PrivacyNoticeView(StaffPermissionRequiredMixin, AuditedDetailMixin, DetailView):
    """The information of RODO art. 13–14 for one person, to print and hand
    over (a person whose data came from someone else gets it by e-mail too)."""

    template_name = "registry/privacy_notice.html"
    context_object_name = "person"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(notices.notice_context(self.object))
        return context


class BeneficiaryPrivacyNoticeView(BeneficiaryScopeMixin, PrivacyNoticeView):
    permission_required = "registry.view_beneficiary"


class VolunteerPrivacyNoticeView(PrivacyNoticeView):
    permission_required = "registry.view_volunteer"
    scope = selectors.volunteer_scope

    def get_queryset(self):
        volunteers = super().get_queryset().not_anonymised()
        return volunteers.select_related("sending_institution")


class BeneficiaryAnonymiseView(BeneficiaryScopeMixin, StatusActionView):
    """The right to erasure (RODO art. 17) for a former beneficiary."""

    permission_required = "registry.delete_beneficiary"
    service_arg = "beneficiary"
    actions = {
        "anonymise": (
            services.beneficiary_anonymise,
            _("The beneficiary's data has been anonymised."),
        )
    }


class BeneficiaryFormMixin(ServiceFormMixin):
    form_class = BeneficiaryForm
    template_name = "registry/person_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}


class BeneficiaryCreateView(
    StaffPermissionRequiredMixin, BeneficiaryFormMixin, CreateView
):
    permission_required = "registry.add_beneficiary"
    model = Beneficiary
    success_message = _("%(name)s has been added to the register.")
    extra_context = {"page_title": _("New beneficiary")}

    def call_service(self, form):
        return services.beneficiary_create(
            actor=self.request.user, **form.service_kwargs()
        )


class BeneficiaryUpdateView(
    StaffPermissionRequiredMixin,
    AuditedDetailMixin,
    BeneficiaryScopeMixin,
    BeneficiaryFormMixin,
    UpdateView,
):
    permission_required = "registry.change_beneficiary"
    success_message = _("The changes to %(name)s have been saved.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_title"] = _("Edit: %(name)s") % {"name": self.object}
        return context

    def call_service(self, form):
        return services.beneficiary_update(
            actor=self.request.user, beneficiary=self.object, **form.service_kwargs()
        )


class InstitutionListView(
    StaffPermissionRequiredMixin, FilteredListMixin, ExportMixin, ListView
):
    permission_required = "registry.view_institution"
    filterset_class = InstitutionFilter
    template_name = "registry/institution_list.html"
    export_filename = "instytucje"
    # Institutions are not persons: their export is not an access to
    # personal data (contact persons are not in it).
    export_audit = ()
    export_columns = [
        (_("name"), "name"),
        (_("kind"), "get_kind_display"),
        (_("receives help"), "receives_help"),
        (_("sends volunteers"), "sends_volunteers"),
        (_("district"), "district.name"),
        (_("street and number"), "street"),
        (_("postal code"), "postal_code"),
        (_("town"), "city"),
        (_("phone"), phone("phone_display")),
        (_("e-mail"), "email"),
        (_("NIP"), "nip"),
    ]

    def get_queryset(self):
        self.queryset = selectors.institution_list()
        return super().get_queryset()


class InstitutionDetailView(
    StaffPermissionRequiredMixin,
    AuditedDetailMixin,
    ChangeHistoryMixin,
    DetailView,
):
    permission_required = "registry.view_institution"
    template_name = "registry/institution_detail.html"
    scope = selectors.institution_scope

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("district")
            .prefetch_related("contacts")
        )

    def audited(self, obj) -> list:
        # The page shows its contact persons: each is a person whose data
        # was seen.
        return [obj, *obj.contacts.all()]


class InstitutionCreateView(StaffPermissionRequiredMixin, ServiceFormMixin, CreateView):
    permission_required = "registry.add_institution"
    model = Institution
    form_class = InstitutionForm
    template_name = "registry/person_form.html"
    success_message = _("%(name)s has been added to the register.")
    extra_context = {"page_title": _("New institution")}

    def call_service(self, form):
        return services.institution_create(
            actor=self.request.user, **form.service_kwargs()
        )


class InstitutionUpdateView(
    StaffPermissionRequiredMixin,
    AuditedDetailMixin,
    ServiceFormMixin,
    UpdateView,
):
    permission_required = "registry.change_institution"
    scope = selectors.institution_scope
    form_class = InstitutionForm
    template_name = "registry/person_form.html"
    success_message = _("The changes to %(name)s have been saved.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_title"] = _("Edit: %(name)s") % {"name": self.object}
        return context

    def call_service(self, form):
        return services.institution_update(
            actor=self.request.user, institution=self.object, **form.service_kwargs()
        )
