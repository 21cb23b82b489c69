"""The public sign-up of new volunteers."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.generic import (
    FormView,
    TemplateView,
)

from registry import services
from registry.forms import (
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
