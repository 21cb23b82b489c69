import datetime as dt

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from volunteer_center.core.forms import (
    PlausibleDateField,
    SubmitHelperMixin,
    check_period,
)


class LoginForm(SubmitHelperMixin, auth_forms.AuthenticationForm):
    submit_label = _("Log in")


class PasswordChangeForm(SubmitHelperMixin, auth_forms.PasswordChangeForm):
    submit_label = _("Change password")


class PasswordResetForm(SubmitHelperMixin, auth_forms.PasswordResetForm):
    submit_label = _("Send the link")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = _(
            "The address of your staff account; we send a link to set a new password."
        )


class SetPasswordForm(SubmitHelperMixin, auth_forms.SetPasswordForm):
    submit_label = _("Set the password")


class ReportPeriodForm(forms.Form):
    """The report's period: the current year to date unless dates are given
    (the previous year is one link away, ``shortcuts``). The fields show the
    period the figures are for: the default one when the page opens, and a
    date left blank filled in with its default."""

    date_from = PlausibleDateField(label=_("from"), required=False)
    date_to = PlausibleDateField(label=_("until"), required=False)

    def __init__(self, data=None, *args, **kwargs):
        start, end = self.default_period()
        if data is not None:
            data = data.copy()
            for name, day in (("date_from", start), ("date_to", end)):
                if not str(data.get(name) or "").strip():
                    data[name] = f"{day:%Y-%m-%d}"
        kwargs["initial"] = {
            "date_from": start,
            "date_to": end,
            **kwargs.get("initial", {}),
        }
        super().__init__(data, *args, **kwargs)
        # Both dates and the button in one row from 576 px, one per row on a phone.
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.layout = Layout(
            Row(
                Column("date_from", css_class="col-sm-6 col-lg-3"),
                Column("date_to", css_class="col-sm-6 col-lg-3"),
                Column(
                    Submit("submit", _("Show the report")),
                    css_class="col-12 col-lg-auto mb-3",
                ),
                css_class="g-2 align-items-end",
            )
        )

    def clean(self):
        data = super().clean()
        check_period(self, data)
        return data

    @staticmethod
    def default_period() -> tuple[dt.date, dt.date]:
        today = timezone.localdate()
        return today.replace(month=1, day=1), today

    def period(self) -> tuple[dt.date, dt.date]:
        """The dates given, or the default period while they are not valid."""
        default = self.default_period()
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
