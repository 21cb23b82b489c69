from django.urls import path

from matching.views import assignments, batch, hours, programmes, public, requests
from volunteer_center.core.routing import resource

app_name = "matching"

urlpatterns = [
    *resource(
        "zgloszenia/", "request", requests, "HelpRequest", new="nowe/", status=True
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
    *resource("programy/", "programme", programmes, "Programme", new="nowy/"),
]
