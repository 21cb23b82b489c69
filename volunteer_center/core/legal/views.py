from django.conf import settings
from django.http import Http404
from django.views.generic import TemplateView

from volunteer_center.core.legal.models import (
    AccessibilityStatement,
    ChildProtectionStandards,
)


class StandardsView(TemplateView):
    """The current child protection standards, public: parents, minors and
    volunteers read them before they agree to anything."""

    template_name = "core/child_protection_standards.html"

    def get_context_data(self, **kwargs):
        standards = ChildProtectionStandards.objects.current()
        if standards is None:
            raise Http404
        return super().get_context_data(standards=standards, **kwargs)


class AccessibilityStatementView(TemplateView):
    """The "Deklaracja dostępności", public and linked from every page."""

    template_name = "core/accessibility_statement.html"

    def get_context_data(self, **kwargs):
        statement = AccessibilityStatement.objects.first()
        if statement is None:
            raise Http404
        return super().get_context_data(
            statement=statement, site_url=settings.SITE_URL, **kwargs
        )
