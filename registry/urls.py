from django.urls import path

from registry.advice import urls as advice_urls
from registry.views import people, public, volunteers

app_name = "registry"

urlpatterns = [
    # Public
    path("zostan-wolontariuszem/", public.SignUpView.as_view(), name="signup"),
    path(
        "zostan-wolontariuszem/dziekujemy/",
        public.SignUpThanksView.as_view(),
        name="signup-thanks",
    ),
    path(
        "zgoda-rodzica/<str:token>/",
        public.GuardianConsentView.as_view(),
        name="guardian-consent",
    ),
    # Volunteers
    path(
        "wolontariusze/", volunteers.VolunteerListView.as_view(), name="volunteer-list"
    ),
    path(
        "wolontariusze/nowy/",
        volunteers.VolunteerCreateView.as_view(),
        name="volunteer-create",
    ),
    path(
        "wolontariusze/<int:pk>/",
        volunteers.VolunteerDetailView.as_view(),
        name="volunteer-detail",
    ),
    path(
        "wolontariusze/<int:pk>/edycja/",
        volunteers.VolunteerUpdateView.as_view(),
        name="volunteer-update",
    ),
    path(
        "wolontariusze/<int:pk>/status/",
        volunteers.VolunteerStatusView.as_view(),
        name="volunteer-status",
    ),
    path(
        "wolontariusze/<int:pk>/dane-osobowe/",
        volunteers.VolunteerExportDataView.as_view(),
        name="volunteer-export-data",
    ),
    path(
        "wolontariusze/<int:pk>/zgoda-przedstawiciela/",
        volunteers.VolunteerGuardianConsentView.as_view(),
        name="volunteer-guardian-consent",
    ),
    path(
        "wolontariusze/<int:pk>/zgody/wycofanie/",
        volunteers.VolunteerConsentWithdrawView.as_view(),
        name="volunteer-consent-withdraw",
    ),
    path(
        "wolontariusze/<int:pk>/weryfikacja/",
        volunteers.VolunteerVettingView.as_view(),
        name="volunteer-vetting",
    ),
    path(
        "wolontariusze/<int:pk>/anonimizacja/",
        volunteers.VolunteerAnonymiseView.as_view(),
        name="volunteer-anonymise",
    ),
    # Beneficiaries
    path("podopieczni/", people.BeneficiaryListView.as_view(), name="beneficiary-list"),
    path(
        "podopieczni/nowy/",
        people.BeneficiaryCreateView.as_view(),
        name="beneficiary-create",
    ),
    path(
        "podopieczni/<int:pk>/",
        people.BeneficiaryDetailView.as_view(),
        name="beneficiary-detail",
    ),
    path(
        "podopieczni/<int:pk>/edycja/",
        people.BeneficiaryUpdateView.as_view(),
        name="beneficiary-update",
    ),
    path(
        "podopieczni/<int:pk>/dane-osobowe/",
        people.BeneficiaryExportDataView.as_view(),
        name="beneficiary-export-data",
    ),
    path(
        "podopieczni/<int:pk>/informacja-rodo/",
        people.BeneficiaryPrivacyNoticeView.as_view(),
        name="beneficiary-privacy-notice",
    ),
    path(
        "wolontariusze/<int:pk>/informacja-rodo/",
        people.VolunteerPrivacyNoticeView.as_view(),
        name="volunteer-privacy-notice",
    ),
    path(
        "podopieczni/<int:pk>/anonimizacja/",
        people.BeneficiaryAnonymiseView.as_view(),
        name="beneficiary-anonymise",
    ),
    # Institutions
    path("instytucje/", people.InstitutionListView.as_view(), name="institution-list"),
    path(
        "instytucje/nowa/",
        people.InstitutionCreateView.as_view(),
        name="institution-create",
    ),
    path(
        "instytucje/<int:pk>/",
        people.InstitutionDetailView.as_view(),
        name="institution-detail",
    ),
    path(
        "instytucje/<int:pk>/edycja/",
        people.InstitutionUpdateView.as_view(),
        name="institution-update",
    ),
    *advice_urls.urlpatterns,
]
