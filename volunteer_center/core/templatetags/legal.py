"""Reminders of what the law asks the administrator to keep up to date."""

from django import template
from django.utils import timezone

from volunteer_center.core.legal.models import AccessibilityStatement

register = template.Library()


@register.simple_tag
def accessibility_review_due() -> bool:
    """The statement is reviewed every year by 31 March (ustawa o dostępności
    cyfrowej, art. 10) and the model text is completed before going live."""
    statement = AccessibilityStatement.objects.first()
    return statement is not None and statement.review_due(timezone.localdate())
