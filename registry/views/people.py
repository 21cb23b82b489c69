"""Staff screens of beneficiaries and institutions."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

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
from volunteer_center.core.exports import phone
from volunteer_center.core.mixins import (
    AuditedDetailMixin,
    FormUserMixin,
    ScopedObjectMixin,
    StaffPermissionRequiredMixin,
    StatusActionView,
)
from volunteer_center.core.views import (
    RecordDetailView,
    RegisterListView,
    ServiceCreateView,
    ServiceUpdateView,
)

# The address and contact columns of both registers' exports.
CONTACT_COLUMNS = [
    (_("district"), "district.name"),
    (_("street and number"), "street"),
    (_("postal code"), "postal_code"),
    (_("town"), "city"),
    (_("phone"), phone("phone_display")),
    (_("e-mail"), "email"),
]


class BeneficiaryScopeMixin(ScopedObjectMixin):
    """A social worker works only with their own beneficiaries (the scope)."""

    scope = selectors.beneficiary_scope

    def get_queryset(self):
        return super().get_queryset().select_related("district", "social_worker")


class BeneficiaryListView(RegisterListView):
    permission_required = "registry.view_beneficiary"
    page_title = _("Beneficiaries")
    filterset_class = BeneficiaryFilter
    count_depends_on = (Beneficiary,)
    template_name = "registry/beneficiary_list.html"
    export_filename = "odbiorcy"
    export_columns = [
        (_("last name"), "last_name"),
        (_("first name"), "first_name"),
        (_("status"), "get_status_display"),
        *CONTACT_COLUMNS,
        (_("responsible social worker"), "social_worker.get_full_name"),
    ]

    def get_queryset(self):
        self.queryset = selectors.beneficiary_list(self.request.user)
        return super().get_queryset()


class BeneficiaryDetailView(BeneficiaryScopeMixin, RecordDetailView):
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


class BeneficiaryFormMixin(FormUserMixin):
    form_class = BeneficiaryForm
    template_name = "registry/person_form.html"


class BeneficiaryCreateView(BeneficiaryFormMixin, ServiceCreateView):
    permission_required = "registry.add_beneficiary"
    service = services.beneficiary_create
    page_title = _("New beneficiary")


class BeneficiaryUpdateView(
    BeneficiaryScopeMixin, BeneficiaryFormMixin, ServiceUpdateView
):
    permission_required = "registry.change_beneficiary"
    service = services.beneficiary_update
    service_arg = "beneficiary"


class InstitutionListView(RegisterListView):
    permission_required = "registry.view_institution"
    page_title = _("Institutions")
    filterset_class = InstitutionFilter
    count_depends_on = (Institution,)
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
        *CONTACT_COLUMNS,
        (_("NIP"), "nip"),
    ]

    def get_queryset(self):
        self.queryset = selectors.institution_list()
        return super().get_queryset()


class InstitutionDetailView(RecordDetailView):
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


class InstitutionFormMixin:
    form_class = InstitutionForm
    template_name = "registry/person_form.html"


class InstitutionCreateView(InstitutionFormMixin, ServiceCreateView):
    permission_required = "registry.add_institution"
    service = services.institution_create
    page_title = _("New institution")


class InstitutionUpdateView(InstitutionFormMixin, ServiceUpdateView):
    permission_required = "registry.change_institution"
    scope = selectors.institution_scope
    service = services.institution_update
    service_arg = "institution"
