from django.urls import path

from registry.advice import urls as advice_urls
from registry.views import people, public, volunteers
from volunteer_center.core.routing import resource

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
    *resource(
        "wolontariusze/", "volunteer", volunteers, "Volunteer", new="nowy/", status=True
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
    *resource("podopieczni/", "beneficiary", people, "Beneficiary", new="nowy/"),
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
    *resource("instytucje/", "institution", people, "Institution", new="nowa/"),
    *advice_urls.urlpatterns,
]
