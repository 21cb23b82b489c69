from django.urls import path

from matching.views import assignments, batch, hours, programmes, public, requests

app_name = "matching"

urlpatterns = [
    path("zgloszenia/", requests.HelpRequestListView.as_view(), name="request-list"),
    path(
        "zgloszenia/nowe/",
        requests.HelpRequestCreateView.as_view(),
        name="request-create",
    ),
    path(
        "zgloszenia/<int:pk>/",
        requests.HelpRequestDetailView.as_view(),
        name="request-detail",
    ),
    path(
        "zgloszenia/<int:pk>/edycja/",
        requests.HelpRequestUpdateView.as_view(),
        name="request-update",
    ),
    path(
        "zgloszenia/<int:pk>/status/",
        requests.HelpRequestStatusView.as_view(),
        name="request-status",
    ),
    path(
        "zgloszenia/<int:pk>/skieruj/",
        assignments.AssignmentProposeView.as_view(),
        name="assignment-propose",
    ),
    path(
        "skierowania/", assignments.AssignmentListView.as_view(), name="assignment-list"
    ),
    path(
        "skierowania/<int:pk>/status/",
        assignments.AssignmentStatusView.as_view(),
        name="assignment-status",
    ),
    path(
        "skierowania/<int:pk>/godziny/",
        hours.HoursLogView.as_view(),
        name="hours-log",
    ),
    path(
        "zastepstwa/<int:pk>/zatrzymaj/",
        requests.CoverChainStopView.as_view(),
        name="cover-stop",
    ),
    path("godziny/", hours.HoursListView.as_view(), name="hours-list"),
    path("godziny/zatwierdz/", hours.HoursApproveView.as_view(), name="hours-approve"),
    path(
        "godziny/<int:pk>/zmien/", hours.HoursChangeView.as_view(), name="hours-change"
    ),
    path("propozycja-zbiorcza/", batch.BatchProposalView.as_view(), name="batch"),
    path(
        "propozycja-zbiorcza/<int:pk>/",
        batch.BatchProposalDetailView.as_view(),
        name="batch-detail",
    ),
    # The volunteer's answer from the e-mail: public, guarded by a signed token.
    path("odpowiedz/<str:token>/", public.RespondView.as_view(), name="respond"),
    # The host institution confirms hours: public, guarded by a signed token.
    path(
        "potwierdzenie-godzin/<str:token>/",
        public.HostHoursView.as_view(),
        name="host-hours",
    ),
    # The volunteer's calendar feed: public, guarded by a signed token.
    path(
        "kalendarz/<str:token>.ics",
        public.VolunteerCalendarView.as_view(),
        name="volunteer-ical",
    ),
    path("programy/", programmes.ProgrammeListView.as_view(), name="programme-list"),
    path(
        "programy/nowy/",
        programmes.ProgrammeCreateView.as_view(),
        name="programme-create",
    ),
    path(
        "programy/<int:pk>/",
        programmes.ProgrammeDetailView.as_view(),
        name="programme-detail",
    ),
    path(
        "programy/<int:pk>/edycja/",
        programmes.ProgrammeUpdateView.as_view(),
        name="programme-update",
    ),
]
