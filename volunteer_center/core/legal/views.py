from django.http import Http404
from django.views.generic import TemplateView

from volunteer_center.core.legal.models import ChildProtectionStandards


class StandardsView(TemplateView):
    """The current child protection standards, public: parents, minors and
    volunteers read them before they agree to anything."""

    template_name = "core/child_protection_standards.html"

    def get_context_data(self, **kwargs):
        standards = ChildProtectionStandards.objects.current()
        if standards is None:
            raise Http404
        return super().get_context_data(standards=standards, **kwargs)
