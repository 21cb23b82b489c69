"""Staff forms for agreements, certificates and references."""

from crispy_forms.layout import Fieldset
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.models import (
    Agreement,
    AgreementKind,
    SafetyInformation,
    Signatory,
)
from agreements.services import EDITABLE_FIELDS
from matching.models import Programme
from volunteer_center.core.forms import DATE_INPUT, check_period, submit_helper

# The fields that apply to each kind: a beneficiary is not bound by the duties
# of art. 45–46; an institution agreement says who carries them.
KIND_FIELDS = {
    AgreementKind.VOLUNTEER: {
        "safety_info_given",
        "safety_info_given_on",
        "safety_information",
        "safety_instruction",
        "insurance_nnw",
        "insurance_policy_number",
        "cost_reimbursement",
        "travel_costs_waiver",
        "travel_costs_waiver_scope",
        "guardian_consent",
        "guardian_name",
    },
    AgreementKind.INSTITUTION: {
        "korzystajacy",
        "party_representatives",
        "insurance_by_party",
        "insurance_nnw",
        "insurance_policy_number",
        "cost_reimbursement",
    },
    AgreementKind.BENEFICIARY: set(),
}
COMMON_FIELDS = ("scope", "manner", "place", "date_from", "date_to")


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = list(EDITABLE_FIELDS)
        widgets = {
            "date_from": DATE_INPUT,
            "date_to": DATE_INPUT,
            "safety_info_given_on": DATE_INPUT,
            "scope": forms.Textarea(attrs={"rows": 3}),
            "manner": forms.Textarea(attrs={"rows": 3}),
            "termination_clause": forms.Textarea(attrs={"rows": 3}),
            "cost_reimbursement": forms.Textarea(attrs={"rows": 2}),
            "korzystajacy": forms.RadioSelect,
            "travel_costs_waiver": forms.RadioSelect,
        }

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = AgreementKind(kind)
        keep = {*COMMON_FIELDS, "termination_clause", *KIND_FIELDS[self.kind]}
        for name in set(self.fields) - keep:
            del self.fields[name]
        if "safety_information" in self.fields:
            self.fields[
                "safety_information"
            ].queryset = SafetyInformation.objects.filter(is_active=True)
        self.helper = submit_helper(_("Save the draft"), *self._layout())

    def _layout(self) -> list:
        present = [name for name in EDITABLE_FIELDS if name in self.fields]

        def group(title, *names):
            names = [name for name in names if name in present]
            return [Fieldset(title, *names)] if names else []

        return [
            *group(_("What, how and where"), "scope", "manner", "place"),
            *group(_("Period"), "date_from", "date_to"),
            *group(
                _("Who the volunteers work for (art. 42 ust. 1)"),
                "korzystajacy",
                "party_representatives",
            ),
            *group(
                _("Health and safety information (art. 45 ust. 1 pkt 1)"),
                "safety_info_given",
                "safety_info_given_on",
                "safety_information",
                "safety_instruction",
            ),
            *group(
                _("Accident insurance (art. 46 ust. 3)"),
                "insurance_by_party",
                "insurance_nnw",
                "insurance_policy_number",
            ),
            *group(
                _("Costs (art. 45 ust. 1 pkt 3, ust. 2 and 4)"),
                "travel_costs_waiver",
                "travel_costs_waiver_scope",
                "cost_reimbursement",
            ),
            *group(_("Termination"), "termination_clause"),
            *group(_("Volunteer under 18"), "guardian_consent", "guardian_name"),
        ]

    def clean(self):
        cleaned_data = super().clean()
        check_period(
            self, cleaned_data, _("The agreement cannot end before it starts.")
        )
        if cleaned_data.get("safety_info_given"):
            self._check_safety(cleaned_data)
        waiver = cleaned_data.get("travel_costs_waiver")
        scope = (cleaned_data.get("travel_costs_waiver_scope") or "").strip()
        if waiver == Agreement.Waiver.PARTIAL and not scope:
            self.add_error(
                "travel_costs_waiver_scope", _("Say which part of the costs is waived.")
            )
        return cleaned_data

    def _check_safety(self, cleaned_data) -> None:
        if not cleaned_data.get("safety_info_given_on"):
            self.add_error(
                "safety_info_given_on", _("Enter the day the information was given.")
            )
        if not (
            cleaned_data.get("safety_information")
            or (cleaned_data.get("safety_instruction") or "").strip()
        ):
            self.add_error(
                "safety_information",
                _("Choose the information given, or name the attached instruction."),
            )

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields}


class PrepareForm(forms.Form):
    """Who signs for the OPS; the document for signing is printed with it."""

    signatory = forms.ModelChoiceField(
        label=_("signs for the OPS"),
        queryset=Signatory.objects.none(),
        empty_label=None,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        signatories = Signatory.objects.active()
        self.fields["signatory"].queryset = signatories
        own = signatories.filter(user=user).first() if user else None
        self.fields["signatory"].initial = own or signatories.first()


class SignForm(forms.Form):
    """The day both parties signed the printed document, and which document."""

    signed_on = forms.DateField(label=_("signed on"), widget=DATE_INPUT)
    document_sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signed_on"].initial = timezone.localdate()


class TerminateForm(forms.Form):
    date = forms.DateField(label=_("terminated on"), widget=DATE_INPUT)
    reason = forms.CharField(label=_("reason for termination"), max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()


class ScanForm(forms.Form):
    scan = forms.FileField(
        label=_("scan of the signed agreement"),
        help_text=_("PDF, JPEG or PNG, at most 10 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "application/pdf,image/jpeg,image/png"}
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Upload"), "scan")
        self.helper.form_tag = True
        self.helper.attrs = {"enctype": "multipart/form-data"}


class PeriodForm(forms.Form):
    date_from = forms.DateField(label=_("from"), widget=DATE_INPUT)
    date_to = forms.DateField(label=_("until"), widget=DATE_INPUT)

    def clean(self):
        cleaned_data = super().clean()
        check_period(self, cleaned_data, _("The period cannot end before it starts."))
        return cleaned_data


def _signatory_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("signs for the OPS"),
        queryset=Signatory.objects.active(),
        empty_label=None,
        widget=forms.Select(attrs={"class": "form-select"}),
    )


class IssuedDocumentForm(PeriodForm):
    scope = forms.CharField(
        label=_("scope of the services"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Printed on the document (art. 44 ust. 2); when left empty, the kinds "
            "of help the volunteer gave in the period."
        ),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signatory"] = _signatory_field()
        own = Signatory.objects.active().filter(user=user).first() if user else None
        self.fields["signatory"].initial = own


class CertificateForm(IssuedDocumentForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Issue the certificate"), *self.fields)


class ReferenceForm(IssuedDocumentForm):
    assessment = forms.CharField(
        label=_("assessment"), widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Issue the reference"), *self.fields)


class BatchForm(PeriodForm):
    programme = forms.ModelChoiceField(
        label=_("programme"),
        queryset=Programme.objects.all(),
        required=False,
        empty_label=_("all volunteers"),
        help_text=_("Only the volunteers who worked in this programme."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Prepare the certificates"), *self.fields)
