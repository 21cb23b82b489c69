"""The checks before work with minors, on the volunteer's page."""

from crispy_forms.layout import HTML, Fieldset
from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from registry.models import Volunteer
from registry.vetting import VETTING_FIELDS
from volunteer_center.core.forms import submit_helper

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VettingForm(forms.ModelForm):
    class Meta:
        model = Volunteer
        fields = list(VETTING_FIELDS)
        widgets = dict.fromkeys(
            (
                "sex_offender_register_checked_on",
                "criminal_record_issued_on",
                "criminal_record_checked_on",
                "abroad_checked_on",
            ),
            DATE,
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(
            _("Record the checks"),
            HTML(
                '<p class="form-text">{}</p>'.format(
                    _(
                        "Record only facts and dates, never a copy of a document. "
                        "You are recorded as the person who verified each check "
                        "you change."
                    )
                )
            ),
            Fieldset(
                _("Register of Sex Offenders (art. 21 ust. 2)"),
                "sex_offender_register_checked_on",
                "register_printout_kept",
            ),
            Fieldset(
                _("Information from the National Criminal Register (art. 21 ust. 3)"),
                "criminal_record_issued_on",
                "criminal_record_checked_on",
                "criminal_record_scope_confirmed",
            ),
            Fieldset(
                _("Abroad in the last 20 years (art. 21 ust. 4–7)"),
                "lived_abroad",
                "abroad_countries",
                "abroad_document",
                "abroad_checked_on",
            ),
        )
        if self.instance.pk:
            self.helper.form_action = reverse(
                "registry:volunteer-vetting", args=[self.instance.pk]
            )

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields}
