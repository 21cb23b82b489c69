"""The public sign-up of new volunteers."""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse_lazy
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

    def post(self, request, *args, **kwargs):
        if not ratelimit.allowed(request, "signup"):
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


class SignUpThanksView(TemplateView):
    template_name = "registry/sign_up_thanks.html"
