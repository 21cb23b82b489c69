"""The advice register: consultations (staff) and booking a visit (public)."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import (
    FormView,
    TemplateView,
)

from registry.advice import selectors, services
from registry.advice.filters import ConsultationFilter
from registry.advice.forms import ConsultationBookingForm, ConsultationForm
from registry.errors import RegistryError
from registry.models import Beneficiary, Consultation, Institution, Volunteer
from registry.views.person_data import PersonDataView
from volunteer_center.core import ratelimit
from volunteer_center.core.mixins import (
    FormUserMixin,
    ScopedObjectMixin,
    StatusActionView,
)
from volunteer_center.core.views import (
    RecordDetailView,
    RegisterListView,
    ServiceCreateView,
    ServiceUpdateView,
)


class ConsultationListView(RegisterListView):
    permission_required = "registry.view_consultation"
    page_title = _("Advice and support")
    filterset_class = ConsultationFilter
    template_name = "registry/consultation_list.html"
    # The search by the person's name reads their records too.
    count_depends_on = (Consultation, Volunteer, Beneficiary, Institution)
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


class ConsultationScopeMixin(ScopedObjectMixin):
    """The consultations the user may see, with what a consultation's page
    and its edit form show."""

    scope = selectors.consultation_scope

    def get_queryset(self):
        return selectors.consultation_detail(super().get_queryset())


class ConsultationDetailView(ConsultationScopeMixin, RecordDetailView):
    permission_required = "registry.view_consultation"
    template_name = "registry/consultation_detail.html"


class ConsultationPersonDataView(PersonDataView):
    """Everything held about a person advised without a record in any
    register (RODO art. 15 and 20): their visits, known by name and contact."""

    permission_required = "registry.view_consultation"
    scope = selectors.consultation_scope
    filename_prefix = "osoba-udzielona-porada"

    def get_object(self, queryset=None):
        consultation = super().get_object(queryset)
        if not consultation.is_walk_in:
            # A registered person's data is exported from their own page.
            raise Http404
        return consultation

    def person_name(self, person) -> str:
        return person.walk_in_name


class ConsultationFormMixin(FormUserMixin):
    form_class = ConsultationForm
    template_name = "registry/consultation_form.html"


class ConsultationCreateView(ConsultationFormMixin, ServiceCreateView):
    permission_required = "registry.add_consultation"
    service = services.consultation_create
    success_message = _("The consultation %(name)s has been recorded.")
    page_title = _("New consultation")


class ConsultationUpdateView(
    ConsultationScopeMixin, ConsultationFormMixin, ServiceUpdateView
):
    permission_required = "registry.change_consultation"
    service = services.consultation_update
    service_arg = "consultation"
    success_message = _("The changes to the consultation %(name)s have been saved.")


class ConsultationStatusView(StatusActionView):
    """Mark a planned visit as held, cancelled or missed: POST only."""

    permission_required = "registry.change_consultation"
    scope = selectors.consultation_scope
    service_arg = "consultation"
    actions = {
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


BOOKED_SESSION_KEY = "consultation_booked"


class ConsultationBookView(FormView):
    """Public: a resident books a visit in office hours."""

    form_class = ConsultationBookingForm
    template_name = "registry/consultation_book.html"

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
            # A robot could otherwise fill every slot of the month; a refused
            # booking gives its place in the limit back (the rollback).
            with transaction.atomic():
                if not ratelimit.take(self.request, "booking", email=_contact(form)):
                    return self.limited(form)
                consultation = services.consultation_book(**form.service_kwargs())
        except RegistryError as error:
            return self.render_to_response(
                self.get_context_data(form=self._form_with_fresh_slots(error.message))
            )
        self.request.session[BOOKED_SESSION_KEY] = consultation.starts_at.isoformat()
        return HttpResponseRedirect(reverse("registry:consultation-book-thanks"))

    def limited(self, form):
        """The form again with everything typed in, and why it was not sent."""
        form.add_error(
            None,
            gettext(
                "Too many bookings were sent from this network or with this contact "
                "in the last hour. Please try again later or call us at %(phone)s."
            )
            % {"phone": settings.CENTRE["phone"]},
        )
        return self.render_to_response(self.get_context_data(form=form), status=429)

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


def _contact(form) -> str:
    """Whom a booking is for, as far as the limit per person goes."""
    return form.cleaned_data.get("email") or form.cleaned_data.get("phone") or ""
