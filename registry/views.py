"""Staff screens of the register: thin views over forms, selectors and services."""

import datetime as dt
import json

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import (
    CreateView,
    DetailView,
    FormView,
    ListView,
    TemplateView,
    UpdateView,
)
from django.views.generic.detail import SingleObjectMixin

from registry import selectors, services
from registry.filters import (
    BeneficiaryFilter,
    ConsultationFilter,
    InstitutionFilter,
    VolunteerFilter,
)
from registry.forms import (
    BeneficiaryForm,
    ConsultationBookingForm,
    ConsultationForm,
    InstitutionForm,
    SignUpForm,
    VolunteerForm,
)
from registry.models import Beneficiary, Consultation, Institution, Volunteer
from volunteer_center.core import registries
from volunteer_center.core.audit import access_log
from volunteer_center.core.exports import ExportMixin, phone
from volunteer_center.core.mixins import (
    AuditedDetailMixin,
    ChangeHistoryMixin,
    FilteredListMixin,
    StaffPermissionRequiredMixin,
)
from volunteer_center.core.mixins import ServiceFormMixin as BaseServiceFormMixin
from volunteer_center.core.models import AccessLog


class ServiceFormMixin(BaseServiceFormMixin):
    service_errors = (services.RegistryError,)


# --- Volunteers -----------------------------------------------------------------


def _names(related: str):
    return lambda row: ", ".join(str(o) for o in getattr(row, related).all())


class VolunteerListView(
    StaffPermissionRequiredMixin, FilteredListMixin, ExportMixin, ListView
):
    permission_required = "registry.view_volunteer"
    filterset_class = VolunteerFilter
    template_name = "registry/volunteer_list.html"
    export_filename = "wolontariusze"
    export_columns = [
        (_("last name"), "last_name"),
        (_("first name"), "first_name"),
        (_("status"), "get_status_display"),
        (_("under 18"), "is_minor"),
        (_("district"), "district.name"),
        (_("town"), "city"),
        (_("phone"), phone("phone_display")),
        (_("e-mail"), "email"),
        (_("skills"), _names("skills")),
    ]

    def get_queryset(self):
        self.queryset = selectors.volunteer_list()
        return super().get_queryset()


class VolunteerDetailView(
    StaffPermissionRequiredMixin, AuditedDetailMixin, ChangeHistoryMixin, DetailView
):
    permission_required = "registry.view_volunteer"
    template_name = "registry/volunteer_detail.html"

    def get_queryset(self):
        return selectors.volunteer_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["availability_grid"] = selectors.availability_grid(self.object)
        return context


class VolunteerCreateView(StaffPermissionRequiredMixin, ServiceFormMixin, CreateView):
    permission_required = "registry.add_volunteer"
    model = Volunteer
    form_class = VolunteerForm
    template_name = "registry/person_form.html"
    success_message = _("Volunteer %(name)s has been added.")
    extra_context = {"page_title": _("New volunteer")}

    def call_service(self, form):
        return services.volunteer_create(
            actor=self.request.user, **form.service_kwargs()
        )


class VolunteerUpdateView(StaffPermissionRequiredMixin, ServiceFormMixin, UpdateView):
    permission_required = "registry.change_volunteer"
    form_class = VolunteerForm
    template_name = "registry/person_form.html"
    success_message = _("The changes to %(name)s have been saved.")

    def get_queryset(self):
        return selectors.volunteer_detail().not_anonymised()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_title"] = _("Edit: %(name)s") % {"name": self.object}
        return context

    def call_service(self, form):
        return services.volunteer_update(
            actor=self.request.user, volunteer=self.object, **form.service_kwargs()
        )


class VolunteerStatusView(StaffPermissionRequiredMixin, SingleObjectMixin, View):
    """Activate a candidate, pause, or mark as former: POST only."""

    permission_required = "registry.change_volunteer"
    model = Volunteer
    http_method_names = ["post"]
    ACTIONS = {
        "activate": (services.volunteer_activate, _("%(name)s is now active.")),
        "pause": (services.volunteer_pause, _("%(name)s is now paused.")),
        "former": (
            services.volunteer_mark_former,
            _("%(name)s is now a former volunteer."),
        ),
    }

    def post(self, request, *args, **kwargs):
        volunteer = self.get_object()
        action = self.ACTIONS.get(request.POST.get("action", ""))
        if action is None:
            messages.error(request, _("Unknown status change."))
        else:
            service, message = action
            try:
                volunteer = service(actor=request.user, volunteer=volunteer)
            except services.RegistryError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, message % {"name": volunteer})
        return HttpResponseRedirect(volunteer.get_absolute_url())


class VolunteerExportDataView(StaffPermissionRequiredMixin, SingleObjectMixin, View):
    """Everything held about the volunteer as JSON (RODO art. 15 and 20)."""

    permission_required = "registry.view_volunteer"
    model = Volunteer

    def get(self, request, *args, **kwargs):
        volunteer = self.get_object()
        access_log(actor=request.user, action=AccessLog.Action.EXPORT, obj=volunteer)
        data = {
            section.key: section.data
            for section in registries.person_data_sections(volunteer)
        }
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="wolontariusz-{volunteer.pk}.json"'
        )
        return response


class VolunteerAnonymiseView(StaffPermissionRequiredMixin, SingleObjectMixin, View):
    permission_required = "registry.delete_volunteer"
    model = Volunteer
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        volunteer = self.get_object()
        try:
            services.volunteer_anonymise(actor=request.user, volunteer=volunteer)
        except services.RegistryError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The volunteer's data has been anonymised."))
        return HttpResponseRedirect(
            reverse("registry:volunteer-detail", args=[volunteer.pk])
        )


# --- Public sign-up -----------------------------------------------------------


class SignUpView(FormView):
    """The public volunteer sign-up form (no login)."""

    template_name = "registry/sign_up.html"
    form_class = SignUpForm
    success_url = reverse_lazy("registry:signup-thanks")

    def post(self, request, *args, **kwargs):
        if not sign_up_allowed(request):
            return render(request, "registry/sign_up_limited.html", status=429)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            clause_version=settings.PRIVACY_CLAUSE_VERSION, **kwargs
        )

    def form_valid(self, form):
        if not form.is_robot():
            services.volunteer_sign_up(
                clause_version=settings.PRIVACY_CLAUSE_VERSION, **form.service_kwargs()
            )
        # The same answer whether the address was new, known or a robot's.
        return super().form_valid(form)


def sign_up_allowed(request, form: str = "signup") -> bool:
    """At most SIGNUP_RATE_LIMIT_PER_HOUR submissions of a public form (the
    sign-up, a booking) per address per hour."""
    key = f"{form}-rate:{request.META.get('REMOTE_ADDR', '')}"
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=3600)
        count = 1
    return count <= settings.SIGNUP_RATE_LIMIT_PER_HOUR


class SignUpThanksView(TemplateView):
    template_name = "registry/sign_up_thanks.html"


# --- Beneficiaries --------------------------------------------------------------


class BeneficiaryScopeMixin:
    """A social worker works only with their own beneficiaries."""

    def get_queryset(self):
        return selectors.beneficiary_list(self.request.user)


class BeneficiaryListView(
    StaffPermissionRequiredMixin,
    FilteredListMixin,
    ExportMixin,
    BeneficiaryScopeMixin,
    ListView,
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


class BeneficiaryDetailView(
    StaffPermissionRequiredMixin,
    BeneficiaryScopeMixin,
    AuditedDetailMixin,
    ChangeHistoryMixin,
    DetailView,
):
    permission_required = "registry.view_beneficiary"
    template_name = "registry/beneficiary_detail.html"


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


# --- Institutions ---------------------------------------------------------------


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
    StaffPermissionRequiredMixin, ChangeHistoryMixin, DetailView
):
    permission_required = "registry.view_institution"
    template_name = "registry/institution_detail.html"

    def get_queryset(self):
        return selectors.institution_list().prefetch_related("contacts")


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


class InstitutionUpdateView(StaffPermissionRequiredMixin, ServiceFormMixin, UpdateView):
    permission_required = "registry.change_institution"
    model = Institution
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


# --- Consultations (advice and support) ----------------------------------------


class ConsultationListView(
    StaffPermissionRequiredMixin, FilteredListMixin, ExportMixin, ListView
):
    permission_required = "registry.view_consultation"
    filterset_class = ConsultationFilter
    template_name = "registry/consultation_list.html"
    export_filename = "porady"
    # Each consultation is logged, as its page is: a walk-in person's data
    # lives in the consultation itself.
    export_columns = [
        (_("date and time"), "starts_at"),
        (_("person advised"), "person_name"),
        (_("topic"), "topic.name"),
        (_("form"), "get_form_display"),
        (_("status"), "get_status_display"),
        (_("advice given by"), "advisor.get_full_name"),
        (_("follow-up needed"), "follow_up"),
        (_("follow-up due"), "follow_up_due"),
    ]

    def get_queryset(self):
        self.queryset = selectors.consultation_list()
        return super().get_queryset()


class ConsultationDetailView(
    StaffPermissionRequiredMixin, AuditedDetailMixin, ChangeHistoryMixin, DetailView
):
    permission_required = "registry.view_consultation"
    template_name = "registry/consultation_detail.html"

    def get_queryset(self):
        return selectors.consultation_list()


class ConsultationFormMixin(ServiceFormMixin):
    form_class = ConsultationForm
    template_name = "registry/consultation_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}


class ConsultationCreateView(
    StaffPermissionRequiredMixin, ConsultationFormMixin, CreateView
):
    permission_required = "registry.add_consultation"
    model = Consultation
    success_message = _("The consultation %(name)s has been recorded.")
    extra_context = {"page_title": _("New consultation")}

    def call_service(self, form):
        return services.consultation_create(
            actor=self.request.user, **form.service_kwargs()
        )


class ConsultationUpdateView(
    StaffPermissionRequiredMixin, ConsultationFormMixin, UpdateView
):
    permission_required = "registry.change_consultation"
    success_message = _("The changes to the consultation %(name)s have been saved.")

    def get_queryset(self):
        return selectors.consultation_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_title"] = _("Edit: %(name)s") % {"name": self.object}
        return context

    def call_service(self, form):
        return services.consultation_update(
            actor=self.request.user, consultation=self.object, **form.service_kwargs()
        )


class ConsultationStatusView(StaffPermissionRequiredMixin, SingleObjectMixin, View):
    """Mark a planned visit as held, cancelled or missed: POST only."""

    permission_required = "registry.change_consultation"
    model = Consultation
    http_method_names = ["post"]
    ACTIONS = {
        "held": (services.consultation_mark_held, _("The consultation was held.")),
        "cancel": (
            services.consultation_cancel,
            _("The visit has been cancelled; its slot is free again."),
        ),
        "no_show": (
            services.consultation_mark_no_show,
            _("The visit has been marked as missed."),
        ),
    }

    def post(self, request, *args, **kwargs):
        consultation = self.get_object()
        action = self.ACTIONS.get(request.POST.get("action", ""))
        if action is None:
            messages.error(request, _("Unknown status change."))
        else:
            service, message = action
            try:
                consultation = service(actor=request.user, consultation=consultation)
            except services.RegistryError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, message)
        return HttpResponseRedirect(consultation.get_absolute_url())


BOOKED_SESSION_KEY = "consultation_booked"


class ConsultationBookView(FormView):
    """Public: a resident books a visit in office hours."""

    form_class = ConsultationBookingForm
    template_name = "registry/consultation_book.html"

    def post(self, request, *args, **kwargs):
        # A robot could otherwise fill every slot of the month.
        if not sign_up_allowed(request, form="booking"):
            return render(
                request, "registry/consultation_book_limited.html", status=429
            )
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "slots": selectors.free_slots(days=services.BOOKING_DAYS),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            clause_version=settings.PRIVACY_CLAUSE_VERSION,
            office_hours=selectors.office_hours(),
            **kwargs,
        )

    def form_valid(self, form):
        if form.is_robot():
            # Robots get the same answer as people, and nothing is stored.
            return HttpResponseRedirect(reverse("registry:consultation-book-thanks"))
        try:
            consultation = services.consultation_book(**form.service_kwargs())
        except services.RegistryError as error:
            return self.render_to_response(
                self.get_context_data(form=self._form_with_fresh_slots(error.message))
            )
        self.request.session[BOOKED_SESSION_KEY] = consultation.starts_at.isoformat()
        return HttpResponseRedirect(reverse("registry:consultation-book-thanks"))

    def _form_with_fresh_slots(self, message):
        """The resident's input kept, the slots as they are now (without the
        one just taken), and the reason above them."""
        form = self.form_class(
            data=self.request.POST,
            slots=selectors.free_slots(days=services.BOOKING_DAYS),
        )
        form.is_valid()
        form.errors["slot"] = form.error_class([message])
        return form


class ConsultationBookThanksView(TemplateView):
    template_name = "registry/consultation_book_thanks.html"

    def get_context_data(self, **kwargs):
        booked = self.request.session.get(BOOKED_SESSION_KEY)
        return super().get_context_data(
            booked_at=dt.datetime.fromisoformat(booked) if booked else None,
            **kwargs,
        )
