"""The dictionaries (skills, categories, districts) the administrator keeps."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from registry import services
from registry.models import (
    Category,
    District,
    Skill,
)
from volunteer_center.core.admin import ServiceAdminMixin, form_fields


def _mark(modeladmin, request, queryset, *, in_use: bool) -> None:
    count = services.dictionary_entries_mark(
        actor=request.user, entries=queryset, in_use=in_use
    )
    if in_use:
        text = ngettext(
            "%(count)d entry marked as in use.",
            "%(count)d entries marked as in use.",
            count,
        )
    else:
        text = ngettext(
            "%(count)d entry marked as not in use.",
            "%(count)d entries marked as not in use.",
            count,
        )
    modeladmin.message_user(request, text % {"count": count}, messages.SUCCESS)


@admin.action(description=_("Mark as in use"), permissions=["change"])
def mark_in_use(modeladmin, request, queryset):
    _mark(modeladmin, request, queryset, in_use=True)


@admin.action(description=_("Mark as not in use"), permissions=["change"])
def mark_not_in_use(modeladmin, request, queryset):
    _mark(modeladmin, request, queryset, in_use=False)


class DictionaryAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = ("name", "is_active", "description", "updated_at")
    list_filter = ("is_active",)
    search_fields = ("name", "description")
    actions = (mark_in_use, mark_not_in_use)
    readonly_fields = ("created_at", "updated_at")

    def save_with_service(self, request, form, formsets, change):
        return services.dictionary_entry_save(
            actor=request.user, entry=form.instance, fields=form_fields(form)
        )


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
