"""The mixins every staff view is built from: login and a named permission,
the object-access scope, the audit of personal-data reads, filtered lists,
change history, forms that call a service (and get the user), and the
action views of a record's buttons. The pages built from them are in views.py."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views import View

from volunteer_center.core import registries
from volunteer_center.core.audit import access_log_many
from volunteer_center.core.errors import (
    DomainError,
    add_validation_error,
    validation_messages,
)
from volunteer_center.core.figures import Tables, kept_here, user_args
from volunteer_center.core.fragments import choice_models
from volunteer_center.core.history import change_history
from volunteer_center.core.models import AccessLog
from volunteer_center.core.pagination import IndexPaginator


class StaffPermissionRequiredMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """Requires login (anonymous users go to the login page) and a named
    permission (a logged-in user without it gets 403).

    Subclasses must set ``permission_required``; an empty one is a programming
    error that Django reports at request time.
    """

    staff_view = True


class ScopedObjectMixin:
    """Detail, edit and action views fetch their object only from ``scope``,
    the model's one access selector (``<model>_scope(user)`` in the app's
    selectors): what the user may not see is a 404, wherever the link came
    from. A view that loads more narrows or extends ``super().get_queryset()``;
    it never starts again from the model's manager."""

    scope = None
    pk_url_kwarg = "pk"

    def get_queryset(self):
        if type(self).scope is None:
            raise ImproperlyConfigured(f"{type(self).__name__} has no scope.")
        return type(self).scope(self.request.user)

    def get_object(self, queryset=None):
        queryset = self.get_queryset() if queryset is None else queryset
        return get_object_or_404(queryset, pk=self.kwargs[self.pk_url_kwarg])


class JobObjectMixin(ScopedObjectMixin):
    """The page of a background job: one whose worker was stopped mid-task
    is shown as failed (``BackgroundJob.fail_if_stale``), not as running."""

    def get_object(self, queryset=None):
        job = super().get_object(queryset)
        job.fail_if_stale()
        return job


class JobProgressView(JobObjectMixin, View):
    """What a background job's page polls (``CountedProgress.progress``): with
    the address of its file (the URL name ``download``) once ``file_field``
    holds one."""

    download = ""
    file_field = "file"

    def get(self, request, *args, **kwargs):
        job = self.get_object()
        has_file = getattr(job, self.file_field)
        url = reverse(self.download, args=[job.pk]) if has_file else None
        return JsonResponse(job.progress(download_url=url))


def safe_next(request, default: str) -> str:
    """The ``next`` the request carries if it is a path of this site, else
    ``default``: a forged link cannot send the user elsewhere, and a bare word
    is not taken for the name of a view (``redirect()`` would reverse it)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


class KeptRecordMixin(ScopedObjectMixin):
    """A record's page whose record (with the rows ``get_queryset`` joins and
    prefetches) and change history are read once for this user with these
    permissions and kept while the tables of ``record_reads`` and the staff
    accounts stand, for the day (docs/ARCHITECTURE.md, "Kept figures"). The
    page reads where those tables and its kept panels' stand in one query,
    given to the panels as ``kept_tables``. Without ``record_reads`` the
    record is read on every visit."""

    # The models the record and its change history are drawn from: its own
    # (audited, so every change leaves a history row), and those it names.
    record_reads: tuple = ()
    kept_tables = None

    def _reads(self) -> tuple:
        return (*self.record_reads, get_user_model())

    def get_object(self, queryset=None):
        if not self.record_reads or queryset is not None:
            return super().get_object(queryset)
        reads = self._reads()
        model = self.get_queryset().model
        self.kept_tables = Tables((*reads, *registries.panel_reads(model)))
        pk = self.kwargs[self.pk_url_kwarg]
        user = self.request.user
        found = kept_here(
            "record",
            lambda: self.get_queryset().filter(pk=pk).first(),
            depends_on=reads,
            args=(model._meta.label, pk, *user_args(user), timezone.localdate()),
            tables=self.kept_tables,
        )
        if found is None:
            raise Http404
        return found

    def get_context_data(self, **kwargs):
        return super().get_context_data(kept_tables=self.kept_tables, **kwargs)

    def record_history(self, obj):
        if not self.record_reads:
            return change_history(obj)
        return kept_here(
            "record-history",
            lambda: change_history(obj),
            depends_on=self._reads(),
            args=(obj._meta.label, obj.pk),
            tables=self.kept_tables,
        )


class AuditedDetailMixin(ScopedObjectMixin):
    """Logs each opening of a page or an edit form that shows personal data:
    one entry per record whose data it shows (``audited(obj)``: the object
    itself unless a view shows more, e.g. an institution's contact persons).
    The object comes from the scope; subclassing the scope mixin keeps the
    log before the fetch in every view's order of bases."""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        access_log_many(
            actor=self.request.user,
            action=AccessLog.Action.VIEW,
            objects=self.audited(obj),
        )
        return obj

    def audited(self, obj) -> list:
        return [obj]


class FilteredListMixin:
    """A paginated list narrowed by the view's FilterSet (``filterset_class``),
    under ``page_title``."""

    filterset_class = None
    page_title = ""
    paginate_by = 25
    paginator_class = IndexPaginator
    # The fields a row of the list shows (``QuerySet.only``); empty: all. A
    # volunteer's record has sixty columns and the list shows seven: building
    # 25 whole rows cost more than drawing them. Exports read their own
    # ``export_fields`` (core.exports).
    list_fields: tuple[str, ...] = ()
    # The models the list's count depends on, for keeping it between pages
    # (core.pagination.IndexPaginator); empty: counted on every page.
    count_depends_on: tuple = ()

    def get_queryset(self):
        self.filterset = self.filterset_class(
            self.request.GET or None, queryset=super().get_queryset()
        )
        # The state of the tables the page's kept parts depend on (its count,
        # its filter form's choices), read in one query.
        self.filterset.tables = Tables(
            {*self.count_depends_on, *choice_models(self.filterset.form)}
        )
        return self.filterset.qs

    def get_paginator(self, *args, **kwargs):
        kwargs.setdefault("count_depends_on", self.count_depends_on)
        kwargs.setdefault("tables", self.filterset.tables)
        return super().get_paginator(*args, **kwargs)

    def paginate_queryset(self, queryset, page_size):
        if self.list_fields:
            queryset = queryset.only(*self.list_fields)
        return super().paginate_queryset(queryset, page_size)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context["page_title"] = self.page_title
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_string"] = query.urlencode()
        return context


class ChangeHistoryMixin:
    """Puts the record's change history (who, when, old → new) in the
    context as ``history``, for users allowed to see it; otherwise None."""

    def record_history(self, obj):
        return change_history(obj)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        opts = self.object._meta
        allowed = self.request.user.has_perm(
            f"{opts.app_label}.view_historical{opts.model_name}"
        )
        context["history"] = self.record_history(self.object) if allowed else None
        return context


class PageTitleMixin:
    """``page_title`` in the context, its ``%(…)s`` filled in from
    ``page_title_args()``: by default the page's object as ``name``."""

    page_title = ""

    def page_title_args(self) -> dict:
        return {"name": self.object}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.page_title:
            context["page_title"] = self.page_title % self.page_title_args()
        return context


class ServiceFormMixin(PageTitleMixin):
    """Create or edit through a service, called as ``service(actor=user,
    <service_arg>=object, **form.service_kwargs())`` (no ``service_arg`` on a
    create page); it returns the saved object. ``call_service(form)`` may be
    overridden where a page passes more. A rule the service refuses (one of
    ``service_errors``, each with a ``message`` for the user) appears above the
    form with the input kept, a value the model refuses (``full_clean()``)
    next to its field. ``page_title`` and ``success_message`` may use
    ``%(name)s`` for the object."""

    service_errors: tuple[type[Exception], ...] = (DomainError,)
    service = None
    service_arg = ""
    success_message = ""

    def call_service(self, form):
        # Read off the class: a function stored on it is not a method of the view.
        service = type(self).service
        target = {self.service_arg: self.object} if self.service_arg else {}
        return service(actor=self.request.user, **target, **form.service_kwargs())

    def form_valid(self, form):
        try:
            self.object = self.call_service(form)
        except self.service_errors as error:
            # A form may show a refusal its own way (links to records).
            show = getattr(form, "add_service_error", None)
            if show is None:
                form.add_error(None, error.message)
            else:
                show(error)
            return self.form_invalid(form)
        except ValidationError as error:
            add_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message % {"name": self.object})
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self):
        return self.object.get_absolute_url()


class FormUserMixin:
    """Gives the form the signed-in user (``user=``), for forms whose choices
    follow what the user may see."""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}


class InitialFromQueryMixin:
    """A form filled in from its link: the fields ``initial_from_query`` names
    take the value the query string gives them (a request filed from a
    beneficiary's page, the certificates of a programme)."""

    initial_from_query: tuple[str, ...] = ()

    def get_initial(self):
        initial = super().get_initial()
        for name in self.initial_from_query:
            if value := self.request.GET.get(name):
                initial[name] = value
        return initial


class RecordActionView(StaffPermissionRequiredMixin, ScopedObjectMixin, View):
    """A POST from a record's page that does one thing to the record and goes
    back (to ``next`` when it is a path of this site).

    ``act(obj)`` calls the service and returns the sentence that says it is
    done; by default it runs ``do_<action>(obj)`` for the POST's ``action``.
    A refusal (a DomainError) becomes an error message, and so does a value
    the model refuses (an action's reason too long). Warnings ``act`` leaves
    in ``self.warnings`` follow the sentence."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.warnings = []
        try:
            done = self.act(self.object)
        except DomainError as error:
            messages.error(request, error.message)
        except ValidationError as error:
            for sentence in validation_messages(error, type(self.object)):
                messages.error(request, sentence)
        else:
            messages.success(request, done)
            for warning in self.warnings:
                messages.warning(request, warning)
        return HttpResponseRedirect(safe_next(request, self.get_success_url()))

    def act(self, obj) -> str:
        handler = getattr(self, f"do_{self.request.POST.get('action', '')}", None)
        if handler is None:
            raise DomainError(_("Unknown action."))
        return handler(obj)

    def cleaned_post(self, form_class, refusal: str) -> dict:
        """The POST's values through ``form_class``, cleaned; ``refusal`` (the
        sentence that says what to give) refuses the action when they do not
        pass."""
        form = form_class(self.request.POST)
        if not form.is_valid():
            raise DomainError(refusal)
        return form.cleaned_data

    def get_success_url(self) -> str:
        return self.object.get_absolute_url()


class StatusActionView(RecordActionView):
    """POST ``action=<name>`` runs one service on the object and goes back.

    ``actions`` maps a name to ``(service, success message)``; the service is
    called as ``service(actor=user, <service_arg>=object)``, with the keywords
    ``posted`` names for the action taken from the POST (``{"cancel":
    {"reason": "reason"}}``: ``reason=POST["reason"]``). A message may use
    ``%(name)s`` for the object; ``run_action`` may be overridden for actions
    that need more."""

    actions: dict = {}
    posted: dict[str, dict[str, str]] = {}
    service_arg = "obj"

    def act(self, obj) -> str:
        name = self.request.POST.get("action", "")
        if name not in self.actions:
            raise DomainError(_("Unknown action."))
        result = self.run_action(name, obj)
        self.object = result if result is not None else obj
        return self.success_message(name)

    def run_action(self, name: str, obj):
        service = self.actions[name][0]
        fields = self.posted.get(name, {})
        values = {
            key: self.request.POST.get(field, "") for key, field in fields.items()
        }
        return service(actor=self.request.user, **{self.service_arg: obj}, **values)

    def success_message(self, name: str) -> str:
        return self.actions[name][1] % {"name": self.object}
