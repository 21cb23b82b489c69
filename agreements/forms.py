"""Staff forms for agreements, certificates and references."""

from crispy_forms.layout import Fieldset
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, AgreementKind
from agreements.services import EDITABLE_FIELDS
from matching.models import Programme
from volunteer_center.core.forms import DATE_INPUT, check_period, submit_helper


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = list(EDITABLE_FIELDS)
        widgets = {
            "date_from": DATE_INPUT,
            "date_to": DATE_INPUT,
            "scope": forms.Textarea(attrs={"rows": 3}),
            "manner": forms.Textarea(attrs={"rows": 3}),
            "termination_clause": forms.Textarea(attrs={"rows": 3}),
            "cost_reimbursement": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        volunteer = kind == AgreementKind.VOLUNTEER
        guardian = ("guardian_consent", "guardian_name") if volunteer else ()
        if not volunteer:
            for name in ("guardian_consent", "guardian_name"):
                del self.fields[name]
        self.helper = submit_helper(
            _("Save the draft"),
            Fieldset(_("What, how and where"), "scope", "manner", "place"),
            Fieldset(_("Period"), "date_from", "date_to"),
            Fieldset(
                _("Duties of the centre (art. 45–46)"),
                "safety_info_given",
                "insurance_nnw",
                "insurance_policy_number",
                "cost_reimbursement",
            ),
            Fieldset(_("Termination"), "termination_clause"),
            *([Fieldset(_("Volunteer under 18"), *guardian)] if guardian else []),
        )

    def clean(self):
        cleaned_data = super().clean()
        check_period(
            self, cleaned_data, _("The agreement cannot end before it starts.")
        )
        return cleaned_data

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields}


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


class CertificateForm(PeriodForm):
    scope = forms.CharField(
        label=_("scope of the services"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optional; the list of assignments is printed anyway."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Issue the certificate"), *self.fields)


class ReferenceForm(PeriodForm):
    scope = CertificateForm.base_fields["scope"]
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
