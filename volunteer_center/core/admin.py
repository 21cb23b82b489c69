from django.contrib import admin, messages

from volunteer_center.core.audit import access_log
from volunteer_center.core.errors import DomainError
from volunteer_center.core.models import AccessLog


class FoldedSearchMixin:
    """Admin search (and autocomplete) through ``search_text``: "zolc" finds
    "Żółć", the same as the staff lists."""

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return queryset.search(search_term), False


class PersonalDataAdminMixin:
    """Records each opening of a record with personal data in the access log."""

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and request.method == "GET":
            access_log(
                actor=request.user,
                action=AccessLog.Action.VIEW,
                obj=obj,
                detail="admin",
            )
        return obj


def run_service_action(modeladmin, request, objects, service, done: str) -> int:
    """An admin action through a service: ``service(obj)`` runs for each
    object in its own transaction, a refusal is reported for that object and
    the others go on; ``done`` (with ``%(count)d``) reports how many passed."""
    count = 0
    for obj in objects:
        try:
            outcome = service(obj)
        except DomainError as error:
            modeladmin.message_user(request, f"{obj}: {error.message}", messages.ERROR)
            continue
        for warning in getattr(outcome, "warnings", ()):
            modeladmin.message_user(request, f"{obj}: {warning}", messages.WARNING)
        count += 1
    if count:
        modeladmin.message_user(request, done % {"count": count}, messages.SUCCESS)
    return count


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
