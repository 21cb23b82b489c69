from django.contrib import admin

from volunteer_center.core.models import AccessLog


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """The personal-data access log: evidence for RODO accountability, so
    nobody edits or deletes it through the admin."""

    list_display = ("at", "actor", "action", "object_repr", "detail")
    list_filter = ("action", "content_type")
    search_fields = ("object_repr", "actor__username", "actor__last_name", "detail")
    list_select_related = ("actor", "content_type")
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
