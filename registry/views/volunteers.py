"""Staff screens of the volunteers register."""

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from registry import consents, selectors, services, vetting
from registry.errors import RegistryError
from registry.filters import (
    VolunteerFilter,
)
from registry.forms import (
    GuardianConsentRecordForm,
    VettingForm,
    VolunteerForm,
)
from registry.models import Volunteer
from registry.views.person_data import PersonDataView
from volunteer_center.core.exports import phone
from volunteer_center.core.mixins import RecordActionView, StatusActionView
from volunteer_center.core.views import (
    RecordDetailView,
    RegisterListView,
    ServiceCreateView,
    ServiceUpdateView,
)

STATUSES = dict(Volunteer.Status.choices)


class VolunteerListView(RegisterListView):
    permission_required = "registry.view_volunteer"
    page_title = _("Volunteers")
    filterset_class = VolunteerFilter
    template_name = "registry/volunteer_list.html"
    export_filename = "wolontariusze"
    export_columns = [
        (_("last name"), "last_name"),
        (_("first name"), "first_name"),
        # One word per status, whoever it is said of: a spreadsheet groups by it.
        (_("status"), lambda row: STATUSES.get(row.status, row.status)),
        (_("under 18"), "is_minor"),
        (_("district"), "district_name"),
        (_("town"), "city"),
        (_("phone"), phone("phone_display")),
        (_("e-mail"), "email"),
        (_("skills"), lambda row: ", ".join(row.skill_names)),
        (_("signed up"), "created_at"),
    ]

    list_fields = (
        "first_name",
        "last_name",
        "birth_date",
        "status",
        "gender",  # the status agrees with it (``Volunteer.get_status_display``)
        "district__name",
        "phone",
        "email",
        "created_at",
    )
    # The district's name read with the row, not as a District built for each
    # of 100,000 rows (``get_export_queryset``).
    export_fields = (
        *(name for name in list_fields if name != "district__name"),
        "city",
    )
    # Every write that can change who is listed (the record, its skills,
    # interests and availability) leaves a history row of the volunteer.
    count_depends_on = (Volunteer,)

    def get_queryset(self):
        self.queryset = selectors.volunteer_list()
        return super().get_queryset()

    def get_export_queryset(self, queryset):
        return queryset.select_related(None).annotate(district_name=F("district__name"))

    def export_chunk(self, rows):
        return selectors.with_skill_names(rows)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        page.object_list = selectors.with_skill_names(page.object_list)
        context["object_list"] = page.object_list
        return context


class VolunteerDetailView(RecordDetailView):
    permission_required = "registry.view_volunteer"
    template_name = "registry/volunteer_detail.html"
    scope = selectors.volunteer_scope
    record_reads = selectors.VOLUNTEER_PAGE_READ

    def get_queryset(self):
        return selectors.volunteer_detail(super().get_queryset())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["availability_grid"] = selectors.availability_grid(self.object)
        context["vetting_form"] = VettingForm(instance=self.object)
        context["voluntary_consents"] = consents.voluntary_consents(self.object)
        if self.object.is_minor:
            context["consent_form"] = GuardianConsentRecordForm(volunteer=self.object)
            context["consent_request"] = self.object.guardian_consent_requests.order_by(
                "-created_at"
            ).first()
        return context


class VolunteerFormMixin:
    form_class = VolunteerForm
    template_name = "registry/person_form.html"


class VolunteerCreateView(VolunteerFormMixin, ServiceCreateView):
    permission_required = "registry.add_volunteer"
    service = services.volunteer_create
    success_message = _("Volunteer %(name)s has been added.")
    page_title = _("New volunteer")


class VolunteerUpdateView(VolunteerFormMixin, ServiceUpdateView):
    permission_required = "registry.change_volunteer"
    scope = selectors.volunteer_scope
    service = services.volunteer_update
    service_arg = "volunteer"

    def get_queryset(self):
        return selectors.volunteer_detail(super().get_queryset()).not_anonymised()


class VolunteerStatusView(StatusActionView):
    """Activate a candidate (or a paused or former volunteer), pause, or mark
    as former: POST only."""

    permission_required = "registry.change_volunteer"
    scope = selectors.volunteer_scope
    service_arg = "volunteer"
    actions = {
        "activate": (services.volunteer_activate, _("%(name)s is now active.")),
        "pause": (services.volunteer_pause, _("%(name)s is now paused.")),
        "former": (
            services.volunteer_mark_former,
            _("%(name)s is now a former volunteer."),
        ),
    }


class VolunteerExportDataView(PersonDataView):
    """Everything held about the volunteer (RODO art. 15 and 20)."""

    permission_required = "registry.view_volunteer"
    scope = selectors.volunteer_scope
    filename_prefix = "wolontariusz"


class VolunteerRecordActionView(RecordActionView):
    """A POST from the volunteer's page that records something about them
    (a consent, a check): a change to the record, never to an anonymised one."""

    permission_required = "registry.change_volunteer"
    scope = selectors.volunteer_scope

    def get_queryset(self):
        return super().get_queryset().not_anonymised()


class VolunteerAnonymiseView(RecordActionView):
    permission_required = "registry.delete_volunteer"
    scope = selectors.volunteer_scope

    def act(self, volunteer) -> str:
        services.volunteer_anonymise(actor=self.request.user, volunteer=volunteer)
        return _("The volunteer's data has been anonymised.")


class VolunteerGuardianConsentView(VolunteerRecordActionView):
    """The legal representative's consent from the volunteer's page: send them
    the link, record a consent given in writing, or its withdrawal."""

    def do_send_link(self, volunteer) -> str:
        request = consents.guardian_consent_request(
            actor=self.request.user, volunteer=volunteer
        )
        return _("The link has been sent to %(email)s.") % {"email": request.email}

    def do_record(self, volunteer) -> str:
        data = self.cleaned_post(
            GuardianConsentRecordForm,
            _("Give the name, the date and how the consent was given."),
        )
        consents.guardian_consent_record(
            actor=self.request.user, volunteer=volunteer, **data
        )
        return _("The consent has been recorded.")

    def do_withdraw(self, volunteer) -> str:
        consents.guardian_consent_withdraw(actor=self.request.user, volunteer=volunteer)
        return _("The withdrawal of the consent has been recorded.")


class VolunteerConsentWithdrawView(VolunteerRecordActionView):
    """The volunteer withdrew a voluntary consent (news, photographs) by
    telling the staff: it is recorded from their page."""

    def act(self, volunteer) -> str:
        consents.volunteer_consent_withdraw(
            actor=self.request.user,
            volunteer=volunteer,
            purpose=self.request.POST.get("purpose", ""),
        )
        return _("The withdrawal of the consent is recorded.")


class VolunteerVettingView(VolunteerRecordActionView):
    """The checks before work with minors and the acknowledgement of the
    child protection standards, recorded from the volunteer's page."""

    def act(self, volunteer) -> str:
        if self.request.POST.get("action") == "acknowledge":
            vetting.volunteer_standards_acknowledge(
                actor=self.request.user, volunteer=volunteer
            )
            return _("The acknowledgement is recorded.")
        form = VettingForm(self.request.POST, instance=volunteer)
        if not form.is_valid():
            raise RegistryError(
                " ".join(str(e) for errors in form.errors.values() for e in errors)
            )
        vetting.volunteer_vetting_record(
            actor=self.request.user, volunteer=volunteer, fields=form.service_fields()
        )
        return _("The checks are recorded.")
