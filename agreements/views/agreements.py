"""Staff screens of agreements: thin views over forms, selectors and services."""

from django.contrib import messages
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseRedirect,
)
from django.shortcuts import render
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView

from agreements import documents, selectors, services
from agreements.filters import AgreementFilter
from agreements.forms import (
    AgreementForm,
    PrepareForm,
    ScanForm,
    SignForm,
    TerminateForm,
)
from agreements.models import (
    Agreement,
    AgreementKind,
)
from agreements.services import AgreementError
from agreements.views.common import _exported_file, _file_response, _safe_name
from volunteer_center.core.audit import access_log
from volunteer_center.core.mixins import (
    AuditedDetailMixin,
    FilteredListMixin,
    PageTitleMixin,
    RecordActionView,
    ScopedObjectMixin,
    ServiceFormMixin,
    StaffPermissionRequiredMixin,
)
from volunteer_center.core.models import AccessLog

PARTY_SEARCH_LIMIT = 20

# --- Agreements ------------------------------------------------------------------


class AgreementListView(StaffPermissionRequiredMixin, FilteredListMixin, ListView):
    permission_required = "agreements.view_agreement"
    page_title = _("Agreements")
    filterset_class = AgreementFilter
    template_name = "agreements/agreement_list.html"

    def get_queryset(self):
        self.queryset = selectors.agreement_list()
        return super().get_queryset()


class AgreementScopeMixin(ScopedObjectMixin):
    """The agreements the user may see, with what an agreement's page, its
    PDF and its edit form show."""

    scope = selectors.agreement_scope

    def get_queryset(self):
        return selectors.agreement_detail(super().get_queryset())


class AgreementDetailView(
    StaffPermissionRequiredMixin, AgreementScopeMixin, AuditedDetailMixin, DetailView
):
    permission_required = "agreements.view_agreement"
    template_name = "agreements/agreement_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["covered_assignments"] = selectors.agreement_covered_assignments(
            self.object
        )
        context["terminate_form"] = TerminateForm()
        if self.object.is_draft:
            context["prepare_form"] = PrepareForm(user=self.request.user)
            context["sign_form"] = SignForm(
                initial={"document_sha256": self.object.document_sha256}
            )
            context["earliest_signing_day"] = services.earliest_signing_day(self.object)
        return context


class PartyChooseView(StaffPermissionRequiredMixin, View):
    """Step one of a new agreement: its kind and the party, found by name."""

    permission_required = "agreements.add_agreement"

    def get(self, request):
        kind = request.GET.get("kind", AgreementKind.VOLUNTEER)
        if kind not in AgreementKind.values:
            kind = AgreementKind.VOLUNTEER
        query = request.GET.get("q", "").strip()
        parties = []
        if query:
            found = selectors.agreement_parties(kind, request.user).search(query)
            parties = list(found[:PARTY_SEARCH_LIMIT])
        return render(
            request,
            "agreements/agreement_choose_party.html",
            {
                "kinds": AgreementKind.choices,
                "kind": kind,
                "query": query,
                "parties": parties,
            },
        )


class AgreementFormMixin(ServiceFormMixin):
    template_name = "agreements/agreement_form.html"
    form_class = AgreementForm
    service_errors = (AgreementError,)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "kind": self.kind}


class AgreementCreateView(
    StaffPermissionRequiredMixin, ScopedObjectMixin, AgreementFormMixin, FormView
):
    """The address names the party: it is fetched from the scope of its kind
    (the party's own scope, in registry.selectors)."""

    permission_required = "agreements.add_agreement"
    success_message = _("Draft agreement %(name)s has been created.")
    page_title = _("New agreement with %(party)s")

    @cached_property
    def kind(self) -> AgreementKind:
        if self.kwargs["kind"] not in AgreementKind.values:
            raise Http404
        return AgreementKind(self.kwargs["kind"])

    def get_queryset(self):
        return selectors.agreement_parties(self.kind, self.request.user)

    @cached_property
    def party(self):
        return self.get_object()

    def get_initial(self):
        return {
            "termination_clause": documents.default_termination_clause(self.kind),
            "cost_reimbursement": documents.DEFAULT_COST_REIMBURSEMENT,
        }

    def page_title_args(self) -> dict:
        return {"party": self.party}

    def call_service(self, form):
        return services.agreement_create(
            actor=self.request.user,
            kind=self.kind,
            party=self.party,
            fields=form.service_fields(),
        )


class AgreementUpdateView(
    StaffPermissionRequiredMixin, AgreementScopeMixin, AgreementFormMixin, FormView
):
    """Only a draft can be edited; a signed agreement is a 404 here."""

    permission_required = "agreements.change_agreement"
    success_message = _("The changes to agreement %(name)s have been saved.")
    page_title = _("Edit agreement %(number)s")

    def get_queryset(self):
        return super().get_queryset().filter(status=Agreement.Status.DRAFT)

    @cached_property
    def object(self) -> Agreement:
        return self.get_object()

    def get(self, request, *args, **kwargs):
        # The form shows the party's data, as the detail page does.
        access_log(actor=request.user, action=AccessLog.Action.VIEW, obj=self.object)
        return super().get(request, *args, **kwargs)

    @property
    def kind(self) -> str:
        return self.object.kind

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object}

    def page_title_args(self) -> dict:
        return {"number": self.object.number}

    def call_service(self, form):
        return services.agreement_update(
            actor=self.request.user,
            agreement=self.object,
            fields=form.service_fields(),
        )


class AgreementActionView(RecordActionView):
    """Sign, bring into force or terminate: POST only."""

    permission_required = "agreements.change_agreement"
    scope = selectors.agreement_scope

    def do_prepare(self, agreement) -> str:
        data = self.cleaned_post(PrepareForm, _("Choose who signs for the OPS."))
        outcome = services.agreement_prepare(
            actor=self.request.user, agreement=agreement, signatory=data["signatory"]
        )
        self.warnings = outcome.warnings
        return _(
            "The document for signing is ready: download it, print it and have "
            "it signed."
        )

    def do_sign(self, agreement) -> str:
        data = self.cleaned_post(SignForm, _("Enter the day the agreement was signed."))
        outcome = services.agreement_sign(
            actor=self.request.user, agreement=agreement, **data
        )
        self.warnings = outcome.warnings
        return _("Agreement %(number)s is signed.") % {"number": agreement}

    def do_activate(self, agreement) -> str:
        services.agreement_activate(actor=self.request.user, agreement=agreement)
        return _("Agreement %(number)s is now in force.") % {"number": agreement}

    def do_terminate(self, agreement) -> str:
        data = self.cleaned_post(
            TerminateForm, _("Give the date and the reason for the termination.")
        )
        services.agreement_terminate(
            actor=self.request.user, agreement=agreement, **data
        )
        return _("Agreement %(number)s is terminated.") % {"number": agreement}


class AgreementPdfView(StaffPermissionRequiredMixin, AgreementScopeMixin, View):
    permission_required = "agreements.view_agreement"

    def get(self, request, *args, **kwargs):
        agreement = self.get_object()
        access_log(actor=request.user, action=AccessLog.Action.EXPORT, obj=agreement)
        name = f"porozumienie-{_safe_name(agreement.number)}"
        if agreement.document:
            # The stored document for signing (the one signed, once signed):
            # never a new render.
            return _file_response(agreement.document, name)
        response = HttpResponse(
            documents.agreement_pdf(agreement), content_type="application/pdf"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}-projekt.pdf"'
        return response


class AgreementScanUploadView(
    StaffPermissionRequiredMixin, ScopedObjectMixin, PageTitleMixin, FormView
):
    permission_required = "agreements.change_agreement"
    form_class = ScanForm
    template_name = "_form.html"
    page_title = _("Scan of agreement %(number)s")
    scope = selectors.agreement_scope

    @cached_property
    def object(self) -> Agreement:
        return self.get_object()

    def page_title_args(self) -> dict:
        return {"number": self.object.number}

    def form_valid(self, form):
        try:
            services.agreement_attach_scan(
                actor=self.request.user,
                agreement=self.object,
                upload=form.files["scan"],
            )
        except AgreementError as error:
            form.add_error("scan", error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The scan has been saved."))
        return HttpResponseRedirect(self.object.get_absolute_url())


class AgreementScanView(StaffPermissionRequiredMixin, ScopedObjectMixin, View):
    permission_required = "agreements.view_agreement"
    scope = selectors.agreement_scope

    def get(self, request, *args, **kwargs):
        agreement = self.get_object()
        return _exported_file(
            request,
            agreement.scan,
            f"skan-{_safe_name(agreement.number)}",
            obj=agreement,
            detail="scan",
        )
