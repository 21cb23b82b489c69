"""The columns of the register's imports and exports: dates as Polish offices
write them, yes or no in Polish, choices by code or label, dictionary entries
and institutions by name (several separated by semicolons)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from import_export import widgets

SEPARATOR = ";"


class DateWidget(widgets.Widget):
    """Dates as written in Polish offices (17.05.1990) or ISO (1990-05-17)."""

    FORMATS = ("%Y-%m-%d", "%d.%m.%Y")

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        for format_ in self.FORMATS:
            try:
                return dt.datetime.strptime(str(value).strip(), format_).date()
            except ValueError:
                continue
        raise ValueError(
            _("“%(value)s” is not a date; write it as 17.05.1990 or 1990-05-17.")
            % {"value": value}
        )

    def render(self, value, obj=None, **kwargs):
        if not value:
            return ""
        if kwargs.get("force_native_type"):
            return value
        return f"{value:%d.%m.%Y}"


class BooleanWidget(widgets.Widget):
    """Yes/no in Polish or English, 1/0; anything else is rejected, not guessed."""

    TRUE = {"1", "true", "tak", "t", "yes", "y", "x"}
    FALSE = {"0", "false", "nie", "n", "no"}

    def clean(self, value, row=None, **kwargs):
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValueError(
            _("“%(value)s” is not yes or no; write tak or nie.") % {"value": value}
        )

    def render(self, value, obj=None, **kwargs):
        if kwargs.get("force_native_type"):
            return value
        return "tak" if value else "nie"


class NormalisedWidget(widgets.CharWidget):
    """Text normalised as the staff form does before the model validates it
    (NIP and REGON written with dashes or spaces, a phone as +48…), so that a
    row of a second run compares equal to what the first one stored. A value
    that cannot be normalised is left as typed: the field's own validator
    reports it, next to the column."""

    def __init__(self, normalise, **kwargs):
        self.normalise = normalise
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        value = super().clean(value, row, **kwargs)
        try:
            return self.normalise(value)
        except ValidationError:
            return value


class ChoiceWidget(widgets.Widget):
    """A choice by its code (``active``) or its label in either language."""

    def __init__(self, choices, **kwargs):
        self.choices = choices
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return None
        text = str(value).strip().casefold()
        for code, label in self.choices.choices:
            if text in {str(code).casefold(), str(label).casefold()}:
                return code
        raise ValueError(
            _("“%(value)s” is not one of: %(allowed)s.")
            % {"value": value, "allowed": ", ".join(self.choices.values)}
        )

    def render(self, value, obj=None, **kwargs):
        """The label people read ("aktywny"); the import takes it back."""
        if not value:
            return ""
        return str(self.choices(value).label)


class ByNameWidget(widgets.ForeignKeyWidget):
    """A dictionary entry or institution by its name (letter case ignored)."""

    def clean(self, value, row=None, **kwargs):
        name = str(value or "").strip()
        if not name:
            return None
        matches = list(self.model.objects.filter(name__iexact=name)[:2])
        if not matches:
            raise ValueError(
                _("There is no %(what)s named “%(name)s”.")
                % {"what": self.model._meta.verbose_name, "name": name}
            )
        if len(matches) > 1:
            raise ValueError(
                _("Several entries are named “%(name)s”; correct it in the admin.")
                % {"name": name}
            )
        return matches[0]

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


class NamesWidget(widgets.ManyToManyWidget):
    """Dictionary entries by name, separated by semicolons; unknown names are
    an error rather than silently dropped."""

    def __init__(self, model, **kwargs):
        super().__init__(model, separator=SEPARATOR, field="name", **kwargs)

    def clean(self, value, row=None, **kwargs):
        names = [n.strip() for n in str(value or "").split(SEPARATOR) if n.strip()]
        if not names:
            return []
        known = {entry.name.casefold(): entry for entry in self.model.objects.all()}
        missing = [name for name in names if name.casefold() not in known]
        if missing:
            raise ValueError(
                _("Unknown %(what)s: %(names)s.")
                % {
                    "what": self.model._meta.verbose_name_plural,
                    "names": ", ".join(missing),
                }
            )
        return list({known[name.casefold()] for name in names})

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return SEPARATOR.join(sorted(entry.name for entry in value.all()))
