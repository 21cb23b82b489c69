from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from registry.advice.selectors import office_hours
from volunteer_center import dashboard, reports
from volunteer_center.core import exports, ratelimit
from volunteer_center.core.legal.models import AccessibilityStatement
from volunteer_center.core.mixins import StaffPermissionRequiredMixin
from volunteer_center.core.pdf import render_pdf
from volunteer_center.forms import (
    LoginForm,
    PasswordChangeForm,
    PasswordResetForm,
    ReportPeriodForm,
    SetPasswordForm,
)
from volunteer_center.selectors import role_home_url


class HomeView(TemplateView):
    """Public page: what the centre does, where and when it can be reached."""

    template_name = "volunteer_center/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            office_hours=office_hours(),
            accessibility=AccessibilityStatement.objects.first(),
            **kwargs,
        )


class PrivacyView(TemplateView):
    template_name = "volunteer_center/privacy.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            clause_version=settings.PRIVACY_CLAUSE_VERSION, **kwargs
        )


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    extra_context = {"page_title": _("Staff login")}
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return role_home_url(self.request.user)


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PasswordChangeForm


class PasswordResetView(auth_views.PasswordResetView):
    """A staff member who forgot the password gets a one-time link by e-mail.
    The page says the same whether the address is known or not, and a burst
    from one address sends nothing more (the limiter of the public forms)."""

    form_class = PasswordResetForm
    extra_context = {"page_title": _("Forgotten password")}
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        if not ratelimit.take(self.request, "password-reset", email=email):
            return HttpResponseRedirect(self.get_success_url())
        # Links follow the configured site address, not the Host header.
        self.extra_email_context = {
            "site_url": settings.SITE_URL,
            "CENTRE": settings.CENTRE,
        }
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm
    extra_context = {"page_title": _("Set a new password")}
    success_url = reverse_lazy("password_reset_complete")


class DashboardView(StaffPermissionRequiredMixin, TemplateView):
    """The coordinator's home page after login."""

    permission_required = "volunteer_center.view_dashboard"
    template_name = "volunteer_center/dashboard.html"

    def dispatch(self, request, *args, **kwargs):
        # Social workers and administrators land on their own start page.
        if request.user.is_authenticated and not request.user.has_perm(
            self.permission_required
        ):
            target = role_home_url(request.user)
            if target != request.path:
                return redirect(target)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        tables = dashboard.kept_tables()
        active_volunteers, charts = dashboard.kept_charts(tables=tables)
        return super().get_context_data(
            todo=dashboard.todo(self.request.user, tables=tables),
            active_volunteers=active_volunteers,
            charts=charts,
            # The charts as drawn are kept ({% cache %}) while what they
            # count stands: the day and the state of the tables they read.
            charts_key=(timezone.localdate(), tables.state(dashboard.CHARTS_READ)),
            keep_seconds=settings.FIGURES_KEEP_SECONDS,
            kept_tables=tables,
            **kwargs,
        )


class ReportView(StaffPermissionRequiredMixin, TemplateView):
    """The periodic report (the annual one by default) as a printable page,
    a PDF (``?format=pdf``) or an XLSX workbook (``?format=xlsx``)."""

    permission_required = "volunteer_center.view_dashboard"
    template_name = "volunteer_center/report.html"

    def get(self, request, *args, **kwargs):
        form = ReportPeriodForm(request.GET or None)
        date_from, date_to = form.period()
        report = reports.kept_build(date_from, date_to)
        name = f"sprawozdanie-{date_from:%Y%m%d}-{date_to:%Y%m%d}"
        output = request.GET.get("format")
        if output == "xlsx":
            response = HttpResponse(
                reports.to_xlsx(report), content_type=exports.XLSX_CONTENT_TYPE
            )
            return exports.attachment(response, f"{name}.xlsx")
        if output == "pdf":
            response = HttpResponse(
                render_pdf("volunteer_center/report_pdf.html", {"report": report}),
                content_type="application/pdf",
            )
            return exports.attachment(response, f"{name}.pdf")
        return self.render_to_response(
            self.get_context_data(
                report=report,
                form=form,
                query=form.query(),
                shortcuts=form.shortcuts(),
            )
        )
