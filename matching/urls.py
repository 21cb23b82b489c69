from django.urls import path

from matching import views

app_name = "matching"

urlpatterns = [
    path("zgloszenia/", views.HelpRequestListView.as_view(), name="request-list"),
    path(
        "zgloszenia/nowe/", views.HelpRequestCreateView.as_view(), name="request-create"
    ),
    path(
        "zgloszenia/<int:pk>/",
        views.HelpRequestDetailView.as_view(),
        name="request-detail",
    ),
    path(
        "zgloszenia/<int:pk>/edycja/",
        views.HelpRequestUpdateView.as_view(),
        name="request-update",
    ),
    path(
        "zgloszenia/<int:pk>/status/",
        views.HelpRequestStatusView.as_view(),
        name="request-status",
    ),
    path(
        "zgloszenia/<int:pk>/skieruj/",
        views.AssignmentProposeView.as_view(),
        name="assignment-propose",
    ),
    path("skierowania/", views.AssignmentListView.as_view(), name="assignment-list"),
    path(
        "skierowania/<int:pk>/status/",
        views.AssignmentStatusView.as_view(),
        name="assignment-status",
    ),
    path(
        "skierowania/<int:pk>/godziny/",
        views.HoursLogView.as_view(),
        name="hours-log",
    ),
    path("godziny/", views.HoursListView.as_view(), name="hours-list"),
    path("godziny/zatwierdz/", views.HoursApproveView.as_view(), name="hours-approve"),
    path("propozycja-zbiorcza/", views.BatchProposalView.as_view(), name="batch"),
    path(
        "propozycja-zbiorcza/<int:pk>/",
        views.BatchProposalDetailView.as_view(),
        name="batch-detail",
    ),
    # The volunteer's answer from the e-mail: public, guarded by a signed token.
    path("odpowiedz/<str:token>/", views.RespondView.as_view(), name="respond"),
    # The volunteer's calendar feed: public, guarded by a signed token.
    path(
        "kalendarz/<str:token>.ics",
        views.VolunteerCalendarView.as_view(),
        name="volunteer-ical",
    ),
    path("programy/", views.ProgrammeListView.as_view(), name="programme-list"),
    path(
        "programy/nowy/", views.ProgrammeCreateView.as_view(), name="programme-create"
    ),
    path(
        "programy/<int:pk>/",
        views.ProgrammeDetailView.as_view(),
        name="programme-detail",
    ),
    path(
        "programy/<int:pk>/edycja/",
        views.ProgrammeUpdateView.as_view(),
        name="programme-update",
    ),
]
