"""The one mixin every staff view uses, and the audit of personal-data reads."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.http import HttpResponseRedirect

from volunteer_center.core.audit import access_log
from volunteer_center.core.history import change_history
from volunteer_center.core.models import AccessLog


class StaffPermissionRequiredMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """Requires login (anonymous users go to the login page) and a named
    permission (a logged-in user without it gets 403).

    Subclasses must set ``permission_required``; an empty one is a programming
    error that Django reports at request time.
    """

    staff_view = True


class AuditedDetailMixin:
    """Logs each view of a page that shows one person's personal data."""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        access_log(actor=self.request.user, action=AccessLog.Action.VIEW, obj=obj)
        return obj


class FilteredListMixin:
    """A paginated list narrowed by the view's FilterSet (``filterset_class``)."""

    filterset_class = None
    paginate_by = 25

    def get_queryset(self):
        self.filterset = self.filterset_class(
            self.request.GET or None, queryset=super().get_queryset()
        )
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_string"] = query.urlencode()
        return context


class ChangeHistoryMixin:
    """Puts the record's change history (who, when, old → new) in the
    context as ``history``, for users allowed to see it; otherwise None."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        opts = self.object._meta
        allowed = self.request.user.has_perm(
            f"{opts.app_label}.view_historical{opts.model_name}"
        )
        context["history"] = change_history(self.object) if allowed else None
        return context


class ServiceFormMixin:
    """Create or edit through a service: ``call_service(form)`` returns the
    saved object; a rule the service refuses (one of ``service_errors``, each
    with a ``message`` for the user) appears above the form with the input
    kept."""

    service_errors: tuple[type[Exception], ...] = ()
    success_message = ""

    def call_service(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.object = self.call_service(form)
        except self.service_errors as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message % {"name": self.object})
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self):
        return self.object.get_absolute_url()
