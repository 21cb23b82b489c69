import datetime as dt

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from volunteer_center.core.forms import PlausibleDateField


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


class PasswordResetForm(auth_forms.PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = _(
            "The address of your staff account; we send a link to set a new password."
        )
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Send the link")))


class SetPasswordForm(auth_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Set the password")))


class ReportPeriodForm(forms.Form):
    """The report's period: the current year to date unless dates are given
    (the previous year is one link away, ``shortcuts``)."""

    date_from = PlausibleDateField(label=_("from"), required=False)
    date_to = PlausibleDateField(label=_("until"), required=False)

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
        today = timezone.localdate()
        default = (today.replace(month=1, day=1), today)
        if not self.is_bound or not self.is_valid():
            return default
        return (
            self.cleaned_data.get("date_from") or default[0],
            self.cleaned_data.get("date_to") or default[1],
        )

    def query(self) -> str:
        start, end = self.period()
        return period_query(start, end)

    @staticmethod
    def shortcuts() -> list[tuple[str, str]]:
        """(label, query) of the periods asked for most: this year to date and
        the whole previous year."""
        today = timezone.localdate()
        last = today.year - 1
        return [
            (
                _("This year to date"),
                period_query(today.replace(month=1, day=1), today),
            ),
            (
                _("Previous year (%(year)s)") % {"year": last},
                period_query(dt.date(last, 1, 1), dt.date(last, 12, 31)),
            ),
        ]


def period_query(start: dt.date, end: dt.date) -> str:
    return f"date_from={start:%Y-%m-%d}&date_to={end:%Y-%m-%d}"
