"""What every page of the area shares: the signed-in volunteer, or a
redirect to the sign-in page."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.views import View
from django.views.generic import FormView, TemplateView

from volunteer_center.core.errors import DomainError
from volunteer_center.volunteer_area.session import actor_for, signed_in_volunteer


class VolunteerAreaMixin:
    """Every area view: ``self.volunteer`` is the signed-in volunteer (never a
    staff login); without one, the sign-in page. Pages are private."""

    def dispatch(self, request, *args, **kwargs):
        self.volunteer = signed_in_volunteer(request)
        if self.volunteer is None:
            return redirect_to_login(
                request.get_full_path(), reverse("volunteer_area:sign-in")
            )
        self.actor = actor_for(self.volunteer)
        response = super().dispatch(request, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["volunteer"] = self.volunteer
        return context


class AreaPageView(VolunteerAreaMixin, TemplateView):
    pass


class AreaFormView(VolunteerAreaMixin, FormView):
    """A form of the area: ``act(form)`` calls one service; its refusal is
    shown above the form, the volunteer's input kept; else
    ``success_message`` and back to the page (``get_success_url()``)."""

    success_message = ""

    def act(self, form) -> None:
        raise NotImplementedError

    def get_success_url(self) -> str:
        return self.request.path

    def form_valid(self, form):
        try:
            self.act(form)
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.get_success_url())


class AreaActionView(VolunteerAreaMixin, View):
    """POST only: ``act()`` calls one service; its refusal becomes an error
    message; then back to ``success_url``."""

    http_method_names = ["post"]
    success_message = ""

    def act(self) -> None:
        raise NotImplementedError

    def get_success_url(self) -> str:
        return reverse("volunteer_area:home")

    def post(self, request, *args, **kwargs):
        try:
            self.act()
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, self.success_message)
        return HttpResponseRedirect(self.get_success_url())
