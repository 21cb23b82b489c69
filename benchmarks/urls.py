"""The production URLs plus the two bare views every page is measured against:
one returning "ok" (the cost of Django's middleware, session and user) and one
drawing ``base.html`` with no data (the cost of the page frame)."""

from django.http import HttpResponse
from django.urls import path
from django.views.generic import TemplateView

from volunteer_center.urls import urlpatterns as production


def ok(request):
    # Reads the session like every staff page does.
    return HttpResponse("ok" if request.user.is_authenticated else "anonymous")


urlpatterns = [
    path("bench/ok/", ok, name="bench-ok"),
    path("bench/base/", TemplateView.as_view(template_name="base.html")),
    *production,
]
