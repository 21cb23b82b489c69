"""Form helpers shared by every app's forms (crispy-forms, Bootstrap 5)."""

import django_filters
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from volunteer_center.core.dates import validate_plausible_date


def submit_helper(
    label, *layout, method: str = "post", form_class: str = ""
) -> FormHelper:
    """A crispy helper with one submit button: the ``layout`` given (crispy
    layout objects and field names), or every field in order when none is."""
    helper = FormHelper()
    if layout:
        helper.layout = Layout(*layout)
    helper.form_method = method
    if form_class:
        helper.form_class = form_class
    helper.add_input(Submit("submit", label))
    return helper


# The browser's date picker; Django reads the value back in ISO format.
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def check_period(form, data, message=None):
    """Puts ``message`` (by default: the end cannot precede the start) on
    ``date_to`` when it comes before ``date_from``."""
    start, end = data.get("date_from"), data.get("date_to")
    if start and end and end < start:
        form.add_error("date_to", message or _("The end cannot precede the start."))


class SubmitHelperMixin:
    """A form whose crispy helper has one submit button, ``submit_label``, under
    its fields in order."""

    submit_label = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(self.submit_label)


class ServiceFieldsMixin:
    """A model form whose service takes ``fields``: the cleaned values of the
    form's model fields. Forms whose service takes more add to
    ``service_kwargs()``."""

    def model_fields(self, *, leave_out=()) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in self._meta.fields
            if name in self.cleaned_data and name not in leave_out
        }

    def service_kwargs(self) -> dict:
        return {"fields": self.model_fields()}


class PlausibleDateField(forms.DateField):
    """A date of the plausible years (volunteer_center/core/dates.py) in the
    browser's date picker, for forms that are not a model's: what a model
    form saves its model checks itself."""

    widget = DATE_INPUT
    default_validators = [validate_plausible_date]


class PlausibleDateFilter(django_filters.DateFilter):
    """A list's date filter: a date of other years is reported next to the
    filter and left out of the query."""

    field_class = PlausibleDateField


class RowsFormSet(forms.BaseFormSet):
    default_error_messages = {
        "too_many_forms": ngettext_lazy(
            "Enter at most %(num)d row.", "Enter at most %(num)d rows.", "num"
        ),
    }


class RowForm(forms.Form):
    """One row of a ``RowsFormMixin`` form. Every field is optional, so that
    the empty rows offered for adding are no rows; a filled row needs the
    field ``needed`` and says ``needed_message`` without it. The inputs get
    their styles here: ``_rows.html`` renders each field bare."""

    needed = ""
    needed_message = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
            if not field.widget.is_hidden:
                select = isinstance(field.widget, forms.Select)
                field.widget.attrs.setdefault(
                    "class", "form-select" if select else "form-control"
                )

    def clean(self):
        data = super().clean()
        filled = self.has_changed() and not data.get("DELETE")
        if filled and not data.get(self.needed):
            self.add_error(self.needed, self.needed_message)
        return data


class RowsFormMixin:
    """A form that also edits a list of rows (an institution's contact persons,
    a programme's partners) in the same page and the same submit: ``rows_form``
    is the form of one row; ``rows_initial()`` gives the rows there are. The
    rows are valid when every filled row is; ``rows()`` returns the cleaned
    filled rows that were not marked for removal, for the service, or None
    when the submitted data has no rows at all (they are left as they are)."""

    rows_form: type[forms.Form]
    rows_prefix = "rows"
    rows_title = ""
    # A forged row count ("rows-TOTAL_FORMS=99999") builds no more forms than
    # this (Django's own cap is a thousand more than the maximum).
    rows_max = 50

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        rows_class = forms.formset_factory(
            self.rows_form,
            formset=RowsFormSet,
            extra=2,
            can_delete=True,
            max_num=self.rows_max,
            absolute_max=self.rows_max,
            validate_max=True,
        )
        self.rows_formset = None
        if not self.is_bound:
            self.rows_formset = rows_class(
                prefix=self.rows_prefix, initial=self.rows_initial()
            )
        elif f"{self.rows_prefix}-TOTAL_FORMS" in self.data:
            self.rows_formset = rows_class(self.data, prefix=self.rows_prefix)

    def rows_initial(self) -> list[dict]:
        return []

    def is_valid(self) -> bool:
        # Both, so that the errors of the rows show even when a field is wrong.
        rows_valid = self.rows_formset is None or self.rows_formset.is_valid()
        return all([super().is_valid(), rows_valid])

    def rows(self) -> list[dict] | None:
        if self.rows_formset is None:
            return None
        return [
            {k: v for k, v in row.cleaned_data.items() if k != "DELETE"}
            for row in self.rows_formset
            if row.has_changed() and not row.cleaned_data.get("DELETE")
        ]

    def rows_layout(self) -> HTML:
        """The rows' table, to place in a crispy layout before the submit."""
        return HTML(
            "{% if form.rows_formset %}"
            '{% include "_rows.html" with rows=form.rows_formset %}{% endif %}'
        )
