from django.urls import path

from volunteer_center.core.legal import views

app_name = "legal"

urlpatterns = [
    path(
        "standardy-ochrony-maloletnich/",
        views.StandardsView.as_view(),
        name="child-protection-standards",
    ),
    path(
        "deklaracja-dostepnosci/",
        views.AccessibilityStatementView.as_view(),
        name="accessibility-statement",
    ),
]
