"""The one mixin every staff view uses, and the audit of personal-data reads."""

from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin

from volunteer_center.audit import access_log
from volunteer_center.models import AccessLog


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
