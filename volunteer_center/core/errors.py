"""The one base of the apps' domain errors (docs/ARCHITECTURE.md), and a
model's validation error as the user is shown it."""

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils.text import capfirst


class DomainError(Exception):
    """A change the rules do not allow. ``message`` is for the person who
    asked, translated (Polish first); views show it next to the form or as a
    message, the admin per object, commands on the console."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def status_move_names(obj, to: str) -> dict[str, str]:
    """The labels of the status ``obj`` has and of the status ``to`` it was to
    get: the parameters of an app's refusal of that move (each app words its
    own sentence, "A request with the status … cannot become …")."""
    labels = dict(type(obj).Status.choices)
    return {
        "current": labels.get(obj.status, obj.status),
        "new": labels.get(to, to),
    }


def validation_messages(error: ValidationError, model=None) -> list[str]:
    """A model's ``full_clean()`` refusal as sentences for a message, each
    named by its field ("Powód anulowania: …"): for a view that has no form
    field to put it next to."""
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    sentences = []
    for name, messages in error.message_dict.items():
        try:
            label = capfirst(model._meta.get_field(name).verbose_name)
        except (AttributeError, FieldDoesNotExist):
            label = ""
        sentences += [f"{label}: {m}" if label else m for m in messages]
    return sentences


def add_validation_error(form, error: ValidationError) -> None:
    """A model's refusal next to the form's fields it names; what names no
    field of the form (or no field at all) above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)
