"""The public pages of the register: the sign-up of new volunteers and the
page where a minor's legal representative confirms their consent."""

from django.conf import settings
from django.db import transaction
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.generic import (
    FormView,
    TemplateView,
)

from registry import consents, services
from registry.errors import RegistryError
from registry.forms import (
    GuardianConsentForm,
    SignUpForm,
)
from volunteer_center.core import ratelimit


class SignUpView(FormView):
    """The public volunteer sign-up form (no login)."""

    template_name = "registry/sign_up.html"
    form_class = SignUpForm
    success_url = reverse_lazy("registry:signup-thanks")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            clause_version=settings.PRIVACY_CLAUSE_VERSION, **kwargs
        )

    def form_valid(self, form):
        if not form.is_robot():
            with transaction.atomic():
                email = form.cleaned_data.get("email", "")
                if not ratelimit.take(self.request, "signup", email=email):
                    return self.limited(form)
                services.volunteer_sign_up(
                    clause_version=settings.PRIVACY_CLAUSE_VERSION,
                    **form.service_kwargs(),
                )
        # The same answer whether the address was new, known or a robot's.
        return super().form_valid(form)

    def limited(self, form):
        """The form again with everything typed in, and why it was not sent."""
        form.add_error(
            None,
            _(
                "Too many sign-ups were sent from this network or for this e-mail "
                "address in the last hour. Please try again later or call us at "
                "%(phone)s."
            )
            % {"phone": settings.CENTRE["phone"]},
        )
        return self.render_to_response(self.get_context_data(form=form), status=429)


class SignUpThanksView(TemplateView):
    template_name = "registry/sign_up_thanks.html"


class GuardianConsentView(FormView):
    """Reached from the e-mailed link: the legal representative reads what
    volunteering means and how their data is used (RODO art. 14), then
    confirms. A used or expired link says so without telling whose it was."""

    template_name = "registry/guardian_consent.html"
    form_class = GuardianConsentForm

    def dispatch(self, request, *args, **kwargs):
        try:
            self.consent_request = consents.open_request(kwargs["token"])
        except RegistryError as error:
            return render(
                request,
                "registry/guardian_consent_invalid.html",
                {"message": error.message},
                status=410,
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            volunteer=self.consent_request.volunteer,
            clause_version=settings.PRIVACY_CLAUSE_VERSION,
            **kwargs,
        )

    def form_valid(self, form):
        try:
            consents.guardian_consent_confirm(
                token=self.kwargs["token"], name=form.cleaned_data["name"]
            )
        except RegistryError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        return render(self.request, "registry/guardian_consent_thanks.html")
