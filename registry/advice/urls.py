"""URLs of the advice register, included in the register's URLconf."""

from django.urls import path

from registry.advice import views
from volunteer_center.core.routing import resource

urlpatterns = [
    # Advice and support
    *resource(
        "porady/", "consultation", views, "Consultation", new="nowa/", status=True
    ),
    path(
        "porady/<int:pk>/dane-osobowe/",
        views.ConsultationPersonDataView.as_view(),
        name="consultation-person-data",
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
