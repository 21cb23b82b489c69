from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, Permission, User
from django.core.exceptions import (
    EmptyResultSet,
    FullResultSet,
    PermissionDenied,
    ValidationError,
)
from django.db.models import Q
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin

from volunteer_center.core.admin_widgets import ValidIdsAutocompleteMixin
from volunteer_center.core.audit import access_log
from volunteer_center.core.errors import DomainError
from volunteer_center.core.models import AccessLog, ExportJob


class FoldedSearchMixin:
    """Admin search (and autocomplete) through ``search_text``: "zolc" finds
    "Żółć", the same as the staff lists."""

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return queryset.search(search_term), False


class PersonalDataAdminMixin:
    """Records each opening of a record with personal data in the access log:
    its change page and its history (simple-history's pages, whose ids are
    checked first: they query with the raw id from the address)."""

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        # Django's own history page fetches the object once more: one entry.
        seen = request.__dict__.setdefault("_cw_access_logged", set())
        if obj is not None and request.method == "GET" and obj.pk not in seen:
            seen.add(obj.pk)
            access_log(
                actor=request.user,
                action=AccessLog.Action.VIEW,
                obj=obj,
                detail="admin",
            )
        return obj

    def history_view(self, request, object_id, extra_context=None):
        _checked_id(self.model, object_id)
        self.get_object(request, unquote(object_id))
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        _checked_id(self.model, object_id)
        _checked_id(self.model.history.model, version_id)
        self.get_object(request, unquote(object_id))
        return super().history_form_view(request, object_id, version_id, extra_context)


def _checked_id(model, object_id) -> None:
    """A 404 for an id the model's key cannot hold ("x", a NUL byte, a number
    past bigint), rather than a server error from the query."""
    if not _holds_id(model, unquote(object_id)):
        raise Http404


def _holds_id(model, value) -> bool:
    """Whether the model's key can hold ``value`` (not "x", nor a number past
    bigint)."""
    try:
        value = model._meta.pk.to_python(value)
    except ValidationError:
        return False
    return not _past_bigint(value)


def _past_bigint(value) -> bool:
    return isinstance(value, int) and not -(2**63) <= value < 2**63


class CheckedChangeList(ChangeList):
    """An admin list whose address asks what no query can answer (a year
    past any calendar, a date the database cannot store, an id past bigint:
    a link edited by hand) is refused as Django refuses an unknown filter,
    by the list again without its filters ("?e=1"), rather than with a
    server error when the page reads the rows: the query is put together
    here, where the admin checks its filters."""

    def get_queryset(self, request, exclude_parameters=None):
        try:
            # The date hierarchy's year, month and day become dates here.
            queryset = super().get_queryset(request, exclude_parameters)
        except ArithmeticError as error:
            raise IncorrectLookupParameters(error) from error
        try:
            _sql, params = queryset.query.get_compiler(queryset.db).as_sql()
        except (EmptyResultSet, FullResultSet):
            return queryset
        except (ArithmeticError, ValueError, TypeError, ValidationError) as error:
            raise IncorrectLookupParameters(error) from error
        if any(_past_bigint(param) for param in params):
            raise IncorrectLookupParameters(params)
        return queryset


def _checked_changelist(self, request, **kwargs):
    return CheckedChangeList


_response_action = admin.ModelAdmin.response_action


def _checked_response_action(self, request, queryset, **kwargs):
    """An action on the rows ticked, less ids no row can have (a form edited
    by hand): with none left the admin says that nothing was selected."""
    selected = request.POST.getlist(ACTION_CHECKBOX_NAME)
    held = [value for value in selected if _holds_id(self.model, value)]
    if held != selected:
        request.POST = request.POST.copy()
        request.POST.setlist(ACTION_CHECKBOX_NAME, held)
    return _response_action(self, request, queryset, **kwargs)


# Every admin of the site, the third-party ones too (django-axes, auth).
admin.ModelAdmin.get_changelist = _checked_changelist
admin.ModelAdmin.response_action = _checked_response_action


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


def service_action(description, done: str, *, name: str = ""):
    """Makes ``act(actor, obj)``, which calls a service, the admin action
    (named after it, or ``name``) that runs it for each chosen object through
    ``run_service_action``, for those who may change them."""

    def make(act):
        def action(modeladmin, request, queryset):
            run_service_action(
                modeladmin, request, queryset, lambda obj: act(request.user, obj), done
            )

        action.__name__ = name or act.__name__
        return admin.action(description=description, permissions=["change"])(action)

    return make


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    """Background exports, for the administrator to see who exported what;
    the files themselves only their requester downloads."""

    list_display = ("created_at", "requested_by", "filename", "status", "total")
    list_filter = ("status",)
    search_fields = ("filename", "requested_by__username", "requested_by__last_name")
    list_select_related = ("requested_by",)
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ServiceAdminMixin(ValidIdsAutocompleteMixin):
    """Change forms that save through the app's services, as the staff screens
    do (docs/ARCHITECTURE.md, Conventions). ``save_with_service(request, form,
    formsets, change)`` saves and returns the object; the admin saves neither
    the model, nor its many-to-many fields, nor its inlines itself. A refusal
    (the app's error, or a rule of the model) appears above the form with the
    input kept. Nothing is deleted here: a record ends by its status."""

    def save_with_service(self, request, form, formsets, change):
        raise NotImplementedError

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        """The service saves in ``save_related``, once the inlines are valid."""

    def save_related(self, request, form, formsets, change):
        saved = self.save_with_service(request, form, formsets, change)
        # The admin logs and redirects to the object of its form.
        form.instance.__dict__.update(saved.__dict__)
        for formset in formsets:
            formset.new_objects, formset.changed_objects = [], []
            formset.deleted_objects = []

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (DomainError, ValidationError) as error:
            # That attempt was rolled back: the same input is shown again, the
            # form now invalid with the refusal (see get_form).
            request.service_refusal = (
                [error.message] if isinstance(error, DomainError) else error.messages
            )
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        refusal = getattr(request, "service_refusal", None)
        if not refusal:
            return form

        class RefusedForm(form):
            def clean(self):
                super().clean()
                raise ValidationError(refusal)

        return RefusedForm


def form_fields(form) -> dict:
    """The model's own fields among a valid form's data (many-to-many apart)."""
    concrete = {f.name for f in form._meta.model._meta.concrete_fields}
    return {name: v for name, v in form.cleaned_data.items() if name in concrete}


def inline_rows(formsets, model) -> list[dict] | None:
    """The rows an inline of ``model`` holds after the edit (those not marked
    for deletion, extra rows left empty aside); None without such an inline."""
    chosen = [formset for formset in formsets if formset.model is model]
    if not chosen:
        return None
    return [
        f.cleaned_data
        for formset in chosen
        for f in formset.forms
        if f.cleaned_data and not f.cleaned_data.get("DELETE")
    ]


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """The personal-data access log: evidence for RODO accountability, so
    nobody edits or deletes it through the admin."""

    list_display = ("at", "actor", "actor_ref", "action", "object_repr", "detail")
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


# --- Staff accounts: nobody but a superuser grants more than they hold ------


def permission_codes(user) -> set[str] | None:
    """Every permission the account holds, through its groups or directly,
    whether it is active or not (an inactive coordinator is still one once
    reactivated); None for a superuser, who holds all of them."""
    if user.is_superuser:
        return None
    held = Permission.objects.filter(Q(group__user=user) | Q(user=user))
    return {
        f"{app}.{codename}"
        for app, codename in held.values_list("content_type__app_label", "codename")
    }


def holds_all(actor, codes: set[str] | None) -> bool:
    """Whether ``actor`` holds every permission of ``codes`` (None: all)."""
    mine = permission_codes(actor)
    if mine is None:
        return True
    return codes is not None and codes <= mine


def _grantable_groups(actor):
    """The groups whose every permission ``actor`` holds."""
    groups = Group.objects.prefetch_related("permissions__content_type")
    return [
        group.pk
        for group in groups
        if holds_all(
            actor,
            {
                f"{perm.content_type.app_label}.{perm.codename}"
                for perm in group.permissions.all()
            },
        )
    ]


admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class StaffUserAdmin(PersonalDataAdminMixin, SimpleHistoryAdmin, UserAdmin):
    """Users through the admin. Only a superuser may make a superuser, grant
    permissions directly, or give a group with more than they hold; an
    account that holds more than the editor is read-only to them (a new
    password would hand its powers over). The history shows each change of
    roles with the old and the new values."""

    def get_readonly_fields(self, request, obj=None):
        fields = tuple(super().get_readonly_fields(request, obj))
        if request.user.is_superuser:
            return fields
        return (*fields, "is_superuser", "user_permissions")

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = Group.objects.filter(
                pk__in=_grantable_groups(request.user)
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def _outranks_editor(self, request, obj) -> bool:
        return obj is not None and not holds_all(request.user, permission_codes(obj))

    def has_change_permission(self, request, obj=None):
        if self._outranks_editor(request, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if self._outranks_editor(request, obj):
            return False
        return super().has_delete_permission(request, obj)

    def revert_disabled(self, request, obj=None):
        return True

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        # An account has no foreign key for simple-history to fetch, and its
        # select_related() with no names is deprecated by Django.
        return history_manager.filter(**{pk_name: object_id}).select_related(
            "history_user"
        )

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Reverting an account to an old version would bring back the roles
        # (even the superuser flag) it had then, past every check above.
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(Group)
class RoleGroupAdmin(GroupAdmin):
    """The role groups come from volunteer_center/core/roles.py: only a
    superuser changes them, or an administrator could grant itself anything."""

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


# The admin of the core's subpackages registers itself on import.
from volunteer_center.core.legal import admin as legal_admin  # noqa: E402,F401
