"""Forms of the legal representative's consent: the public confirmation and
the staff record of a consent given in writing."""

from crispy_forms.layout import HTML
from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.consents import STAFF_METHODS
from registry.models import GuardianConsentMethod
from volunteer_center.core.forms import submit_helper

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class GuardianConsentForm(forms.Form):
    """The legal representative says who they are and that they agree."""

    statement = forms.BooleanField(
        label=_(
            "I am the legal representative (parent or legal guardian) of this "
            "person and I consent to their volunteering with the Volunteer Centre "
            "and to their concluding a volunteer agreement with the OPS."
        ),
        error_messages={"required": _("Tick the statement to give your consent.")},
    )
    name = forms.CharField(label=_("Your first and last name"), max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.helper = submit_helper(_("Give my consent"), "statement", "name")


class GuardianConsentRecordForm(forms.Form):
    """Staff record a consent given in writing: who gave it, when and how."""

    name = forms.CharField(
        label=_("legal representative (parent or legal guardian)"), max_length=200
    )
    method = forms.ChoiceField(
        label=_("how the consent was given"),
        choices=[
            (value, label)
            for value, label in GuardianConsentMethod.choices
            if value in STAFF_METHODS
        ],
        widget=forms.RadioSelect,
    )
    given_on = forms.DateField(label=_("consent given on"), widget=DATE)

    def __init__(self, *args, volunteer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["given_on"].initial = timezone.localdate()
        self.helper = submit_helper(
            _("Record the consent"),
            HTML('<input type="hidden" name="action" value="record">'),
            *self.fields,
        )
        if volunteer is not None:
            self.fields["name"].initial = volunteer.guardian_name
            self.helper.form_action = reverse(
                "registry:volunteer-guardian-consent", args=[volunteer.pk]
            )
