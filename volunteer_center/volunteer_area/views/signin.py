"""Signing in with a single-use link sent by e-mail, and signing out."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View

from volunteer_center.core import ratelimit
from volunteer_center.volunteer_area import services, session
from volunteer_center.volunteer_area.errors import AreaError
from volunteer_center.volunteer_area.forms import SignInForm


class SignInView(View):
    """The e-mail form. The answer is the same page whether the address is
    known or not; the public forms' limiter counts per client address and
    per e-mail, unknown addresses alike."""

    template_name = "volunteer_center/area/sign_in.html"

    def get(self, request):
        if session.signed_in_volunteer(request):
            return redirect("volunteer_area:home")
        return self._render(SignInForm())

    def post(self, request):
        form = SignInForm(request.POST)
        if not form.is_valid():
            return self._render(form)
        email = form.cleaned_data["email"]
        if not ratelimit.take(request, "volunteer-sign-in", email=email):
            form.add_error(
                None,
                _("Too many sign-in requests. Please try again in an hour."),
            )
            return self._render(form, status=429)
        services.sign_in_link_send(email=email)
        return render(
            request,
            "volunteer_center/area/sign_in_sent.html",
            {"email": email, "minutes": settings.VOLUNTEER_SIGN_IN_LINK_MINUTES},
        )

    def _render(self, form, status=200):
        context = {"form": form, "staff_signed_in": self.request.user.is_authenticated}
        return render(self.request, self.template_name, context, status=status)


class SignInLinkView(View):
    """The link from the e-mail. GET only asks to continue (mail scanners
    open links, and would spend a single-use link); POST signs in."""

    template_name = "volunteer_center/area/sign_in_link.html"

    def get(self, request, token):
        return render(request, self.template_name, {"token": token})

    def post(self, request, token):
        try:
            volunteer = services.sign_in_link_use(token=token)
        except AreaError as error:
            context = {"error": error.message}
            return render(request, self.template_name, context, status=400)
        session.sign_in(request, volunteer)
        return redirect(_safe_next(request) or reverse("volunteer_area:home"))


def _safe_next(request) -> str:
    target = request.POST.get("next", "")
    prefix = reverse("volunteer_area:home")
    return target if target.startswith(prefix) and "//" not in target else ""


class SignOutView(View):
    http_method_names = ["post"]

    def post(self, request):
        session.sign_out(request)
        messages.success(request, _("You have signed out of the volunteer area."))
        return redirect("volunteer_area:sign-in")
