"""The dictionaries (skills, categories, districts) the administrator keeps."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from registry.models import (
    Category,
    District,
    Skill,
)


@admin.action(description=_("Mark as in use"), permissions=["change"])
def mark_in_use(modeladmin, request, queryset):
    count = queryset.update(is_active=True, updated_at=timezone.now())
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d entry marked as in use.",
            "%(count)d entries marked as in use.",
            count,
        )
        % {"count": count},
        messages.SUCCESS,
    )


@admin.action(description=_("Mark as not in use"), permissions=["change"])
def mark_not_in_use(modeladmin, request, queryset):
    count = queryset.update(is_active=False, updated_at=timezone.now())
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d entry marked as not in use.",
            "%(count)d entries marked as not in use.",
            count,
        )
        % {"count": count},
        messages.SUCCESS,
    )


class DictionaryAdmin(admin.ModelAdmin):
    list_display = ("name", "is_active", "description", "updated_at")
    list_filter = ("is_active",)
    search_fields = ("name", "description")
    actions = (mark_in_use, mark_not_in_use)
    readonly_fields = ("created_at", "updated_at")


@admin.register(Skill)
class SkillAdmin(DictionaryAdmin):
    pass


@admin.register(Category)
class CategoryAdmin(DictionaryAdmin):
    pass


@admin.register(District)
class DistrictAdmin(DictionaryAdmin):
    list_display = ("name", "kind", "is_active", "latitude", "longitude")
    list_filter = ("kind", "is_active")
