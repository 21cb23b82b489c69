from django.urls import path

from registry import views

app_name = "registry"

urlpatterns = [
    # Public
    path("zostan-wolontariuszem/", views.SignUpView.as_view(), name="signup"),
    path(
        "zostan-wolontariuszem/dziekujemy/",
        views.SignUpThanksView.as_view(),
        name="signup-thanks",
    ),
    # Volunteers
    path("wolontariusze/", views.VolunteerListView.as_view(), name="volunteer-list"),
    path(
        "wolontariusze/nowy/",
        views.VolunteerCreateView.as_view(),
        name="volunteer-create",
    ),
    path(
        "wolontariusze/<int:pk>/",
        views.VolunteerDetailView.as_view(),
        name="volunteer-detail",
    ),
    path(
        "wolontariusze/<int:pk>/edycja/",
        views.VolunteerUpdateView.as_view(),
        name="volunteer-update",
    ),
    path(
        "wolontariusze/<int:pk>/status/",
        views.VolunteerStatusView.as_view(),
        name="volunteer-status",
    ),
    path(
        "wolontariusze/<int:pk>/dane-osobowe/",
        views.VolunteerExportDataView.as_view(),
        name="volunteer-export-data",
    ),
    path(
        "wolontariusze/<int:pk>/anonimizacja/",
        views.VolunteerAnonymiseView.as_view(),
        name="volunteer-anonymise",
    ),
    # Beneficiaries
    path("podopieczni/", views.BeneficiaryListView.as_view(), name="beneficiary-list"),
    path(
        "podopieczni/nowy/",
        views.BeneficiaryCreateView.as_view(),
        name="beneficiary-create",
    ),
    path(
        "podopieczni/<int:pk>/",
        views.BeneficiaryDetailView.as_view(),
        name="beneficiary-detail",
    ),
    path(
        "podopieczni/<int:pk>/edycja/",
        views.BeneficiaryUpdateView.as_view(),
        name="beneficiary-update",
    ),
    # Institutions
    path("instytucje/", views.InstitutionListView.as_view(), name="institution-list"),
    path(
        "instytucje/nowa/",
        views.InstitutionCreateView.as_view(),
        name="institution-create",
    ),
    path(
        "instytucje/<int:pk>/",
        views.InstitutionDetailView.as_view(),
        name="institution-detail",
    ),
    path(
        "instytucje/<int:pk>/edycja/",
        views.InstitutionUpdateView.as_view(),
        name="institution-update",
    ),
    # Advice and support
    path("porady/", views.ConsultationListView.as_view(), name="consultation-list"),
    path(
        "porady/nowa/",
        views.ConsultationCreateView.as_view(),
        name="consultation-create",
    ),
    path(
        "porady/<int:pk>/",
        views.ConsultationDetailView.as_view(),
        name="consultation-detail",
    ),
    path(
        "porady/<int:pk>/edycja/",
        views.ConsultationUpdateView.as_view(),
        name="consultation-update",
    ),
    path(
        "porady/<int:pk>/status/",
        views.ConsultationStatusView.as_view(),
        name="consultation-status",
    ),
    # Public: booking a visit in office hours
    path(
        "porady/umow/", views.ConsultationBookView.as_view(), name="consultation-book"
    ),
    path(
        "porady/umow/dziekujemy/",
        views.ConsultationBookThanksView.as_view(),
        name="consultation-book-thanks",
    ),
]
