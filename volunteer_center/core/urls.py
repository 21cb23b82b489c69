from django.urls import path

from volunteer_center.core.exports import views

app_name = "core"

urlpatterns = [
    path("<int:pk>/", views.ExportJobView.as_view(), name="export-job"),
    path(
        "<int:pk>/postep/",
        views.ExportJobProgressView.as_view(),
        name="export-progress",
    ),
    path(
        "<int:pk>/plik/",
        views.ExportJobDownloadView.as_view(),
        name="export-download",
    ),
]
