"""URLs of the advice register, included in the register's URLconf."""

from django.urls import path

from registry.advice import views

urlpatterns = [
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
        "porady/<int:pk>/dane-osobowe/",
        views.ConsultationPersonDataView.as_view(),
        name="consultation-person-data",
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
