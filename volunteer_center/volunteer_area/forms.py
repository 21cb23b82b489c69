"""The area's forms: small, each for one service call."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from matching.forms import HoursEntryForm
from registry.forms.fields import AvailabilityField
from registry.models import Category, District, Skill, Volunteer
from volunteer_center.core.forms import PlausibleDateField, submit_helper
from volunteer_center.core.text import period_in_words

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SignInForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Send me a sign-in link"))


class ProfileForm(forms.ModelForm):
    """What the volunteer may change about themselves: when and where they
    can help and what they can do."""

    availability = AvailabilityField()

    class Meta:
        model = Volunteer
        fields = ["skills", "interests", "reachable_districts"]
        widgets = {
            "skills": forms.CheckboxSelectMultiple,
            "interests": forms.CheckboxSelectMultiple,
            "reachable_districts": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The staff form's labels speak of "the volunteer"; here, to them.
        for name, model, label in (
            ("skills", Skill, _("What you can do")),
            ("interests", Category, _("What you would like to help with")),
            ("reachable_districts", District, _("Districts you can get to")),
        ):
            self.fields[name].queryset = model.objects.filter(is_active=True)
            self.fields[name].label = label
        if not self.is_bound:
            self.initial["availability"] = AvailabilityField.initial_for(self.instance)
        self.helper = submit_helper(_("Save my changes"))

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "fields": {},
            "skills": data["skills"],
            "interests": data["interests"],
            "reachable_districts": data["reachable_districts"],
            "availability": data["availability"],
        }


class AreaHoursForm(HoursEntryForm):
    """The staff form's fields and checks, plus the volunteer's own active
    assignment to log them for."""

    assignment = forms.ModelChoiceField(
        label=_("assignment"), queryset=None, empty_label=None
    )

    class Meta(HoursEntryForm.Meta):
        fields = ["assignment", "date", "hours", "note"]

    def __init__(self, *args, assignments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignment"].queryset = assignments
        self.fields["assignment"].label_from_instance = lambda a: (
            f"{a.request.title} ({period_in_words(a.date_from, a.date_to)})"
        )
        self.order_fields(["assignment", "date", "hours", "note"])
        self.helper = submit_helper(_("Log hours"))


class CallOffForm(forms.Form):
    reason = forms.CharField(
        label=_("Why can't you come?"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only the coordinator reads this."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Tell the coordinator I can't come"))


class CertificateRequestForm(forms.Form):
    date_from = PlausibleDateField(label=_("from"), widget=DATE)
    date_to = PlausibleDateField(label=_("until"), widget=DATE)
    note = forms.CharField(label=_("note"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.initial.setdefault("date_from", today.replace(month=1, day=1))
        self.initial.setdefault("date_to", today)
        self.helper = submit_helper(_("Ask for a certificate"))

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error(
                "date_to", _("The end of the period cannot be before its start.")
            )
        if start and start > timezone.localdate():
            self.add_error(
                "date_from", _("A certificate covers services already performed.")
            )
        return data


class RemovalForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "I ask the centre to remove my personal data. I understand that my "
            "assignments end and that documents the law requires the centre to "
            "keep (agreements, certificates) stay in its archive."
        )
    )
    note = forms.CharField(label=_("note (optional)"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Ask for removal"))
