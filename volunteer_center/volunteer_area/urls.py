"""The area's addresses, under /strefa-wolontariusza/ (volunteer_center.urls)."""

from django.urls import path

from volunteer_center.volunteer_area.views import (
    assignments,
    documents,
    hours,
    my_data,
    profile,
    signin,
)

app_name = "volunteer_area"

urlpatterns = [
    path("", assignments.HomeView.as_view(), name="home"),
    path("logowanie/", signin.SignInView.as_view(), name="sign-in"),
    path(
        "logowanie/<str:token>/", signin.SignInLinkView.as_view(), name="sign-in-link"
    ),
    path("wyloguj/", signin.SignOutView.as_view(), name="sign-out"),
    path(
        "skierowania/<int:pk>/",
        assignments.AssignmentView.as_view(),
        name="assignment",
    ),
    path(
        "skierowania/<int:pk>/odpowiedz/",
        assignments.AnswerView.as_view(),
        name="answer",
    ),
    path(
        "skierowania/<int:pk>/nie-moge/<str:day>/",
        assignments.CallOffView.as_view(),
        name="call-off",
    ),
    path(
        "nie-moge/<str:token>/",
        assignments.CallOffLinkView.as_view(),
        name="call-off-link",
    ),
    path("dostepnosc/", profile.ProfileView.as_view(), name="profile"),
    path("godziny/", hours.HoursView.as_view(), name="hours"),
    path("dokumenty/", documents.DocumentsView.as_view(), name="documents"),
    path(
        "dokumenty/porozumienia/<int:pk>/",
        documents.AgreementPdfView.as_view(),
        name="agreement-pdf",
    ),
    path(
        "dokumenty/zaswiadczenia/<int:pk>/",
        documents.CertificatePdfView.as_view(),
        name="certificate-pdf",
    ),
    path(
        "dokumenty/opinie/<int:pk>/",
        documents.ReferencePdfView.as_view(),
        name="reference-pdf",
    ),
    path("moje-dane/", my_data.MyDataView.as_view(), name="my-data"),
    path(
        "moje-dane/pobierz/", my_data.DataDownloadView.as_view(), name="data-download"
    ),
    path("moje-dane/sms/", my_data.SmsConsentView.as_view(), name="sms-consent"),
    path(
        "moje-dane/kalendarz/",
        my_data.CalendarRenewView.as_view(),
        name="calendar-renew",
    ),
]
