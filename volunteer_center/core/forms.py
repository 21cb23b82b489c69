"""Form helpers shared by every app's forms (crispy-forms, Bootstrap 5)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout, Submit


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
