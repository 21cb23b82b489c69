"""Form pieces the register's forms share: the weekly availability grid,
the duplicate check, the honeypot of the public forms."""

from crispy_forms.layout import Div, Field
from django import forms
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from registry.models import (
    Availability,
    Volunteer,
)

Slot = tuple[int, str]


def slot_value(weekday: int, part: str) -> str:
    return f"{weekday}:{part}"


AVAILABILITY_CHOICES = [
    (slot_value(day, part), f"{day_label}, {part_label}")
    for day, day_label in Availability.Weekday.choices
    for part, part_label in Availability.Part.choices
]


class AvailabilityGridWidget(forms.SelectMultiple):
    """Days as rows, parts of the day as columns, one checkbox per cell."""

    template_name = "registry/widgets/availability_grid.html"
    caption = _("Weekly availability: tick the parts of the day you can help.")

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = {str(v) for v in (value or [])}
        context["widget"]["caption"] = self.caption
        context["widget"]["parts"] = Availability.Part.choices
        context["widget"]["rows"] = [
            {
                "day": day_label,
                "cells": [
                    {
                        "value": slot_value(day, part),
                        "part": part_label,
                        "checked": slot_value(day, part) in chosen,
                    }
                    for part, part_label in Availability.Part.choices
                ],
            }
            for day, day_label in Availability.Weekday.choices
        ]
        return context

    def id_for_label(self, id_, index=None):
        return id_


class AvailabilityField(forms.MultipleChoiceField):
    """Weekly availability as a set of (weekday, part) pairs. The label and
    the grid's ``caption`` speak to the volunteer unless a staff form says
    them about the volunteer."""

    widget = AvailabilityGridWidget

    def __init__(self, *, caption=None, **kwargs):
        kwargs.setdefault("label", _("When can you help?"))
        kwargs.setdefault("required", False)
        super().__init__(choices=AVAILABILITY_CHOICES, **kwargs)
        if caption is not None:
            self.widget.caption = caption

    def clean(self, value) -> set[Slot]:
        values = super().clean(value)
        slots = set()
        for item in values:
            day, part = item.split(":")
            slots.add((int(day), part))
        return slots

    @staticmethod
    def initial_for(volunteer: Volunteer) -> list[str]:
        return [slot_value(a.weekday, a.part) for a in volunteer.availability.all()]


class DuplicateCheckMixin:
    """The choice "This is a different person" for the services' duplicate
    check (``registry.services``: the same PESEL, e-mail or phone), and its
    refusal shown with links to the records found. The choice is shown
    (``duplicate_choice_layout()``) only once the check has found someone,
    and again while it is ticked."""

    duplicate_url_name: str = ""
    duplicate_found = False

    def add_duplicate_field(self) -> None:
        self.fields["save_anyway"] = forms.BooleanField(
            label=_("This is a different person: save anyway"),
            required=False,
        )

    def duplicate_kwargs(self) -> dict:
        return {"different_person": bool(self.cleaned_data.get("save_anyway"))}

    def duplicate_choice_shown(self) -> bool:
        return self.duplicate_found or (
            self.is_bound and bool(self["save_anyway"].value())
        )

    def add_service_error(self, error) -> None:
        """``ServiceFormMixin`` shows a refusal through this."""
        duplicates = getattr(error, "duplicates", ())
        if not duplicates:
            self.add_error(None, error.message)
            return
        self.duplicate_found = True
        links = format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            (
                (reverse(self.duplicate_url_name, args=[d.record.pk]), d.record)
                for d in duplicates
            ),
        )
        self.add_error(
            None, format_html("{} {} {}", error.message, _("Open the record:"), links)
        )


class DuplicateChoice(Field):
    """The field ``save_anyway`` in a crispy layout, rendered only when the
    form's duplicate check found someone."""

    def __init__(self):
        super().__init__("save_anyway")

    def render(self, form, context, **kwargs):
        if not form.duplicate_choice_shown():
            return ""
        return super().render(form, context, **kwargs)


def duplicate_choice_layout() -> DuplicateChoice:
    return DuplicateChoice()


class HoneypotMixin(forms.Form):
    """A ``website`` field people never see (``honeypot_layout()`` hides it) and
    spam robots fill in; the public forms pretend to succeed for them."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def is_robot(self) -> bool:
        return bool(self.data.get("website"))


def honeypot_layout() -> Div:
    return Div("website", css_class="honeypot", aria_hidden="true")
