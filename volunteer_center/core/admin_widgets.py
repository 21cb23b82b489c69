"""The admin's autocomplete fields, safe against forged ids.

Django's autocomplete widget shows a re-displayed form's choice by looking the
submitted ids up, and an id that is no number ("abc") makes that query raise:
a server error where the form says "Select a valid choice". These widgets look
up only the ids the related key can hold; the form still refuses the others.
"""

from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError


def _storable(widget, values) -> list:
    key = widget.field.remote_field.model._meta.pk
    storable = []
    for value in values:
        try:
            key.to_python(value)
        except ValidationError:
            continue
        storable.append(value)
    return storable


class ValidIdsAutocompleteSelect(AutocompleteSelect):
    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, _storable(self, value), attr)


class ValidIdsAutocompleteSelectMultiple(AutocompleteSelectMultiple):
    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, _storable(self, value), attr)


class ValidIdsAutocompleteMixin:
    """For a ModelAdmin or an inline with ``autocomplete_fields``."""

    def _autocomplete_widget(self, widget, db_field, request, kwargs) -> None:
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget", widget(db_field, self.admin_site, using=kwargs.get("using"))
            )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        self._autocomplete_widget(ValidIdsAutocompleteSelect, db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        self._autocomplete_widget(
            ValidIdsAutocompleteSelectMultiple, db_field, request, kwargs
        )
        return super().formfield_for_manytomany(db_field, request, **kwargs)
