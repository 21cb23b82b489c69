"""CSV and XLSX import and export of volunteers and institutions (Django admin).

Every row is saved through the register's services, as the staff forms save
(docs/ARCHITECTURE.md, Conventions): the same validation (PESEL, phone,
postal code, NIP/REGON, the age rules) and normalisation, the same duplicate
check (PESEL, e-mail, phone; a ``different_person`` column says "this is a
different person"), the history with the person who imported the file. An
import is all or nothing: if any row is rejected the whole file is rolled back
and the admin lists each rejected row with its reasons. Dictionaries (skills,
districts, categories) are written by name, several separated by semicolons.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets

from registry import services, validators
from registry.models import (
    Category,
    District,
    Institution,
    LegalBasis,
    Skill,
    Volunteer,
)
from volunteer_center.core.errors import DomainError

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
    (NIP and REGON written with dashes or spaces)."""

    def __init__(self, normalise, **kwargs):
        self.normalise = normalise
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        return self.normalise(super().clean(value, row, **kwargs))


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


def _field(name: str, widget, **kwargs) -> fields.Field:
    return fields.Field(attribute=name, column_name=name, widget=widget, **kwargs)


class RegistryResource(resources.ModelResource):
    """Validation, history and all-or-nothing rules shared by both resources."""

    id = fields.Field(
        attribute="id", column_name="id", widget=widgets.IntegerWidget(), readonly=True
    )

    class Meta:
        clean_model_instances = True
        use_transactions = True
        skip_unchanged = True
        report_skipped = True
        import_id_fields = ["id"]

    def heading(self, field) -> str:
        """A column's heading in the file: the field's name in the language
        of the page ("Imię"), never the code ("first_name")."""
        if field.attribute == "id":
            return "ID"
        return str(
            capfirst(self._meta.model._meta.get_field(field.attribute).verbose_name)
        )

    def get_export_headers(self, selected_fields=None):
        return [self.heading(f) for f in self.get_export_fields(selected_fields)]

    def before_import(self, dataset, **kwargs):
        # A file exported from the admin carries the headings; older files
        # and templates the codes: both are read.
        codes = {
            self.heading(f).casefold(): f.column_name for f in self.get_import_fields()
        }
        dataset.headers = [
            codes.get(str(header).strip().casefold(), header)
            for header in dataset.headers or []
        ]
        return super().before_import(dataset, **kwargs)

    def import_data(self, dataset, **kwargs):
        # A file is saved whole or not at all, also at the confirm step of the
        # admin (which otherwise keeps the valid rows of a partly invalid file).
        kwargs["rollback_on_validation_errors"] = True
        kwargs["use_transactions"] = True
        return super().import_data(dataset, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        """Reports unknown names in many-to-many columns as errors of the row
        (the library would only look at them while saving)."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and (
                field.column_name in row
            ):
                try:
                    field.clean(row)
                except ValueError as error:
                    errors[field.attribute] = [str(error)]
        if errors:
            raise ValidationError(errors)

    def after_init_instance(self, instance, new, row, **kwargs):
        if new and str(row.get("id") or "").strip():
            raise ValidationError(
                _(
                    "There is no record with id %(id)s; leave the id empty "
                    "for a new record."
                )
                % {"id": row["id"]}
            )

    def save_instance(self, instance, is_create, row, **kwargs):
        """Saves the row through the register's service, as the staff form
        would; the service's refusal is a rejected row with its message."""
        self.before_save_instance(instance, row, **kwargs)
        columns = {
            f.attribute: f for f in self.get_import_fields() if f.column_name in row
        }
        values = {
            name: getattr(instance, name)
            for name, field in columns.items()
            if name != "id" and not isinstance(field.widget, widgets.ManyToManyWidget)
        }
        relations = {
            name: field.clean(row)
            for name, field in columns.items()
            if isinstance(field.widget, widgets.ManyToManyWidget)
        }
        try:
            saved = self.save_with_service(
                actor=kwargs.get("user"),
                instance=None if is_create else instance,
                fields=values,
                relations=relations,
                row=row,
            )
        except DomainError as error:
            raise ValidationError(error.message) from error
        instance.__dict__.update(saved.__dict__)
        self.after_save_instance(instance, row, **kwargs)

    def save_with_service(self, *, actor, instance, fields, relations, row):
        raise NotImplementedError

    def save_m2m(self, instance, row, **kwargs):
        """The service has set the many-to-many fields with the rest."""


class VolunteerResource(RegistryResource):
    birth_date = _field("birth_date", DateWidget())
    guardian_consent_on = _field("guardian_consent_on", DateWidget())
    district = _field("district", ByNameWidget(District))
    sending_institution = _field("sending_institution", ByNameWidget(Institution))
    reachable_districts = _field("reachable_districts", NamesWidget(District))
    skills = _field("skills", NamesWidget(Skill))
    interests = _field("interests", NamesWidget(Category))
    has_driving_licence = _field("has_driving_licence", BooleanWidget(), default=False)
    has_car = _field("has_car", BooleanWidget(), default=False)
    guardian_consent = _field("guardian_consent", BooleanWidget(), default=False)
    status = _field(
        "status", ChoiceWidget(Volunteer.Status), default=Volunteer.Status.CANDIDATE
    )
    source = _field(
        "source", ChoiceWidget(Volunteer.Source), default=Volunteer.Source.STAFF
    )
    legal_basis = _field(
        "legal_basis",
        ChoiceWidget(LegalBasis),
        default=LegalBasis.CONSENT,
    )

    class Meta(RegistryResource.Meta):
        model = Volunteer
        fields = (
            "id",
            "first_name",
            "last_name",
            "birth_date",
            "pesel",
            "email",
            "phone",
            "street",
            "postal_code",
            "city",
            "district",
            "reachable_districts",
            "skills",
            "interests",
            "languages",
            "has_driving_licence",
            "has_car",
            "max_hours_per_week",
            "status",
            "source",
            "sending_institution",
            "guardian_name",
            "guardian_phone",
            "guardian_email",
            "guardian_consent",
            "guardian_consent_on",
            "legal_basis",
            "consent_clause_version",
            "notes",
        )
        export_order = fields

    def get_queryset(self):
        return Volunteer.objects.select_related(
            "district", "sending_institution"
        ).prefetch_related("skills", "interests", "reachable_districts")

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        if not new and instance.is_anonymised:
            raise ValidationError(_("An anonymised record cannot be edited."))
        self._status_before = instance.status

    def save_with_service(self, *, actor, instance, fields, relations, row):
        different = BooleanWidget().clean(row.get("different_person")) or False
        if instance is None:
            return services.volunteer_create(
                actor=actor, fields=fields, different_person=different, **relations
            )
        return services.volunteer_update(
            actor=actor,
            volunteer=instance,
            fields=fields,
            different_person=different,
            **relations,
        )

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        if instance.pk and instance.status != self._status_before:
            # Status changes follow the allowed paths of registry.services.
            raise ValidationError(
                {
                    "status": _(
                        "Change the status of an existing volunteer with the "
                        "actions of the volunteer list, not by an import."
                    )
                }
            )


class InstitutionResource(RegistryResource):
    district = _field("district", ByNameWidget(District))
    kind = _field("kind", ChoiceWidget(Institution.Kind))
    nip = _field("nip", NormalisedWidget(validators.normalize_nip))
    regon = _field("regon", NormalisedWidget(validators.normalize_regon))
    receives_help = _field("receives_help", BooleanWidget(), default=False)
    sends_volunteers = _field("sends_volunteers", BooleanWidget(), default=False)
    programme_partner = _field("programme_partner", BooleanWidget(), default=False)

    class Meta(RegistryResource.Meta):
        model = Institution
        fields = (
            "id",
            "name",
            "kind",
            "receives_help",
            "sends_volunteers",
            "programme_partner",
            "nip",
            "regon",
            "krs",
            "street",
            "postal_code",
            "city",
            "district",
            "phone",
            "email",
            "website",
            "notes",
        )
        export_order = fields

    def get_queryset(self):
        return Institution.objects.select_related("district")

    def save_with_service(self, *, actor, instance, fields, relations, row):
        if instance is None:
            return services.institution_create(actor=actor, fields=fields)
        return services.institution_update(
            actor=actor, institution=instance, fields=fields
        )
