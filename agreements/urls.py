from django.urls import path

from agreements import views
from volunteer_center.core.routing import resource

app_name = "agreements"

urlpatterns = [
    *resource("porozumienia/", "agreement", views, "Agreement"),
    # A new agreement is made for a party chosen first.
    path(
        "porozumienia/nowe/",
        views.PartyChooseView.as_view(),
        name="agreement-choose-party",
    ),
    path(
        "porozumienia/nowe/<str:kind>/<int:pk>/",
        views.AgreementCreateView.as_view(),
        name="agreement-create",
    ),
    path(
        "porozumienia/<int:pk>/status/",
        views.AgreementActionView.as_view(),
        name="agreement-action",
    ),
    path(
        "porozumienia/<int:pk>/pdf/",
        views.AgreementPdfView.as_view(),
        name="agreement-pdf",
    ),
    path(
        "porozumienia/<int:pk>/skan/dodaj/",
        views.AgreementScanUploadView.as_view(),
        name="agreement-scan-upload",
    ),
    path(
        "porozumienia/<int:pk>/skan/",
        views.AgreementScanView.as_view(),
        name="agreement-scan",
    ),
    path(
        "zaswiadczenia/nowe/<int:pk>/",
        views.CertificateCreateView.as_view(),
        name="certificate-create",
    ),
    path(
        "zaswiadczenia/<int:pk>/pdf/",
        views.CertificatePdfView.as_view(),
        name="certificate-pdf",
    ),
    path(
        "opinie/nowa/<int:pk>/",
        views.ReferenceCreateView.as_view(),
        name="reference-create",
    ),
    path(
        "opinie/<int:pk>/pdf/",
        views.ReferencePdfView.as_view(),
        name="reference-pdf",
    ),
    path(
        "zaswiadczenia/zbiorczo/",
        views.BatchCreateView.as_view(),
        name="batch-create",
    ),
    path(
        "zaswiadczenia/zbiorczo/<int:pk>/",
        views.BatchDetailView.as_view(),
        name="batch-detail",
    ),
    path(
        "zaswiadczenia/zbiorczo/<int:pk>/postep/",
        views.BatchProgressView.as_view(),
        name="batch-progress",
    ),
    path(
        "zaswiadczenia/zbiorczo/<int:pk>/zip/",
        views.BatchDownloadView.as_view(),
        name="batch-download",
    ),
]
