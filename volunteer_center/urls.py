from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from volunteer_center import views
from volunteer_center.volunteer_area.views import staff as area_staff

admin.site.site_header = _("Volunteer Centre — administration")
admin.site.site_title = _("Volunteer Centre")
admin.site.index_title = _("Administration")

accounts = [
    path("logowanie/", views.LoginView.as_view(), name="login"),
    path("wylogowanie/", auth_views.LogoutView.as_view(), name="logout"),
    path("haslo/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "haslo/zmienione/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "haslo/nie-pamietam/", views.PasswordResetView.as_view(), name="password_reset"
    ),
    path(
        "haslo/wyslano/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "haslo/nowe/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "haslo/ustawione/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("prywatnosc/", views.PrivacyView.as_view(), name="privacy"),
    path("panel/", views.DashboardView.as_view(), name="dashboard"),
    path(
        "panel/prosby-wolontariuszy/<int:pk>/",
        area_staff.VolunteerRequestActionView.as_view(),
        name="volunteer-request-action",
    ),
    path(
        "panel/prosby-wolontariuszy/<int:pk>/zaswiadczenie/",
        area_staff.VolunteerRequestCertificateView.as_view(),
        name="volunteer-request-certificate",
    ),
    path("sprawozdanie/", views.ReportView.as_view(), name="report"),
    path("konto/", include(accounts)),
    path("eksport/", include("volunteer_center.core.urls")),
    path("strefa-wolontariusza/", include("volunteer_center.volunteer_area.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("volunteer_center.core.legal.urls")),
    path("", include("registry.urls")),
    path("", include("matching.urls")),
    path("", include("agreements.urls")),
]
