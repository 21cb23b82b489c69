from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from volunteer_center.core.legal import services
from volunteer_center.core.legal.models import (
    AccessibilityStatement,
    ChildProtectionStandards,
)


@admin.register(ChildProtectionStandards)
class ChildProtectionStandardsAdmin(admin.ModelAdmin):
    """Every save publishes a new version: volunteers acknowledged a version,
    so an earlier text is never changed in place."""

    list_display = ["title", "version", "adopted_on", "is_model_text", "created_at"]
    readonly_fields = ["version", "is_model_text", "published_by", "created_at"]
    fields = ["title", "body", "adopted_on", *readonly_fields]

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        published = services.standards_publish(
            actor=request.user,
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
            adopted_on=form.cleaned_data["adopted_on"],
        )
        obj.pk, obj.version = published.pk, published.version
        messages.info(
            request,
            _("Version %(version)d of the standards is now published.")
            % {"version": published.version},
        )


@admin.register(AccessibilityStatement)
class AccessibilityStatementAdmin(admin.ModelAdmin):
    """The one statement, edited in place (the page shows its dates)."""

    readonly_fields = ["is_model_text", "updated_at"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        services.accessibility_statement_update(
            actor=request.user,
            statement=obj,
            fields={name: form.cleaned_data[name] for name in form.changed_data},
        )
