import datetime as dt

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LoginForm(auth_forms.AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Log in")))


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Change password")))


class ReportPeriodForm(forms.Form):
    """The report's period: the previous calendar year unless dates are given."""

    date_from = forms.DateField(
        label=_("from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=_("until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "row g-2 align-items-end"
        self.helper.add_input(Submit("submit", _("Show the report")))

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end cannot precede the start."))
        return data

    def period(self) -> tuple[dt.date, dt.date]:
        year = timezone.localdate().year - 1
        default = (dt.date(year, 1, 1), dt.date(year, 12, 31))
        if not self.is_bound or not self.is_valid():
            return default
        return (
            self.cleaned_data.get("date_from") or default[0],
            self.cleaned_data.get("date_to") or default[1],
        )

    def query(self) -> str:
        start, end = self.period()
        return f"date_from={start:%Y-%m-%d}&date_to={end:%Y-%m-%d}"
