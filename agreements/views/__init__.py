"""Staff screens of agreements, certificates and references: thin views over
forms, selectors and services. Files are served only through these views,
after the permission check, never from a public URL."""

from agreements.views.agreements import (
    AgreementActionView,
    AgreementCreateView,
    AgreementDetailView,
    AgreementFormMixin,
    AgreementListView,
    AgreementPdfView,
    AgreementScanUploadView,
    AgreementScanView,
    AgreementUpdateView,
    PartyChooseView,
)
from agreements.views.issued import (
    BatchCreateView,
    BatchDetailView,
    BatchDownloadView,
    BatchProgressView,
    CertificateCreateView,
    CertificatePdfView,
    IssuedPdfView,
    ReferenceCreateView,
    ReferencePdfView,
    VolunteerDocumentCreateView,
)

__all__ = [
    "AgreementActionView",
    "AgreementCreateView",
    "AgreementDetailView",
    "AgreementFormMixin",
    "AgreementListView",
    "AgreementPdfView",
    "AgreementScanUploadView",
    "AgreementScanView",
    "AgreementUpdateView",
    "BatchCreateView",
    "BatchDetailView",
    "BatchDownloadView",
    "BatchProgressView",
    "CertificateCreateView",
    "CertificatePdfView",
    "IssuedPdfView",
    "PartyChooseView",
    "ReferenceCreateView",
    "ReferencePdfView",
    "VolunteerDocumentCreateView",
]
