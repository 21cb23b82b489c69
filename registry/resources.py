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

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets
from import_export.results import Result

from registry import selectors, services, validators
from registry.import_formats import SHEET_ROW
from registry.import_widgets import (
    BooleanWidget,
    ByNameWidget,
    ChoiceWidget,
    DateWidget,
    NamesWidget,
    NormalisedWidget,
)
from registry.models import (
    CONTACT_AND_OFFER,
    GUARDIAN,
    INSTITUTION_FIELDS,
    Category,
    District,
    ImportJob,
    Institution,
    LegalBasis,
    Skill,
    Volunteer,
)
from volunteer_center.core.errors import DomainError

# An optional column: "tak" says the row is a different person from the one
# in the register with the same PESEL-free identifier (e-mail, phone).
DIFFERENT_PERSON = "different_person"
DIFFERENT_PERSON_HEADING = _("This is a different person")


def _field(name: str, widget, **kwargs) -> fields.Field:
    return fields.Field(attribute=name, column_name=name, widget=widget, **kwargs)


class SheetResult(Result):
    """Rejected rows numbered as in the file, whatever empty rows the reader
    left out (``import_formats.SHEET_ROW``)."""

    def append_invalid_row(self, number, row, validation_error):
        super().append_invalid_row(_sheet_index(number, row), row, validation_error)

    def append_error_row(self, number, row, errors):
        super().append_error_row(_sheet_index(number, row), row, errors)


def _sheet_index(number: int, row) -> int:
    # The admin shows ``number + 1``: the headers are row 1 of the sheet.
    sheet_row = row.get(SHEET_ROW) if hasattr(row, "get") else None
    return int(sheet_row) - 1 if sheet_row else number


class RegistryResource(resources.ModelResource):
    """Validation, history and all-or-nothing rules shared by both resources."""

    # A text field left empty in a sheet arrives as None; the register stores
    # "" (its text columns are NOT NULL), as the staff forms do.
    WIDGETS_MAP = {
        **resources.ModelResource.WIDGETS_MAP,
        "TextField": widgets.CharWidget,
    }

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
        return self.column_heading(field.attribute)

    def column_heading(self, name: str) -> str:
        if name == "id":
            return "ID"
        if name == DIFFERENT_PERSON:
            return str(DIFFERENT_PERSON_HEADING)
        try:
            return str(capfirst(self._meta.model._meta.get_field(name).verbose_name))
        except FieldDoesNotExist:
            return name

    def get_export_headers(self, selected_fields=None):
        return [self.heading(f) for f in self.get_export_fields(selected_fields)]

    def get_diff_headers(self):
        """The preview's columns, headed as in an exported file."""
        return [self.heading(f) for f in self.get_import_fields()]

    # Called with the number of rows read so far (a background import's page
    # shows it); every PROGRESS_EVERY rows.
    progress = None
    PROGRESS_EVERY = 50

    def get_result_class(self):
        return SheetResult

    def after_import_row(self, row, row_result, **kwargs):
        number = kwargs.get("row_number") or 0
        if self.progress is not None and number % self.PROGRESS_EVERY == 0:
            self.progress(number)
        return super().after_import_row(row, row_result, **kwargs)

    def before_import(self, dataset, **kwargs):
        # A file exported from the admin carries the headings; older files
        # and templates the codes: both are read.
        codes = {
            self.heading(f).casefold(): f.column_name for f in self.get_import_fields()
        }
        codes[str(DIFFERENT_PERSON_HEADING).casefold()] = DIFFERENT_PERSON
        dataset.headers = [
            codes.get(str(header).strip().casefold(), header)
            for header in dataset.headers or []
        ]
        if "id" not in dataset.headers:
            # A sheet of new people needs no id column.
            dataset.insert_col(0, [""] * dataset.height, header="id")
        return super().before_import(dataset, **kwargs)

    def import_data(self, dataset, **kwargs):
        # A file is saved whole or not at all, also at the confirm step of the
        # admin (which otherwise keeps the valid rows of a partly invalid file).
        kwargs["rollback_on_validation_errors"] = True
        kwargs["use_transactions"] = True
        result = super().import_data(dataset, **kwargs)
        for row in result.invalid_rows:
            # The reasons as the admin's pages list them: the column by its
            # heading ("Kod pocztowy", not "postal_code"), "" for the row.
            row.rejections = [
                (self.column_heading(name), message)
                for name, messages in row.field_specific_errors.items()
                for message in messages
            ] + [("", message) for message in row.non_field_specific_errors]
        return result

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
    phone = _field("phone", NormalisedWidget(validators.normalize_phone))
    guardian_phone = _field(
        "guardian_phone", NormalisedWidget(validators.normalize_phone)
    )
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
            *CONTACT_AND_OFFER,
            "status",
            "source",
            "sending_institution",
            *GUARDIAN,
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

    def get_instance(self, instance_loader, row):
        """A row without an id is the person already in the register when
        their name and their PESEL, e-mail or phone say so: a second run of a
        file updates them instead of adding them again."""
        if str(row.get("id") or "").strip():
            return super().get_instance(instance_loader, row)
        return selectors.recognised_person(
            Volunteer,
            first_name=row.get("first_name"),
            last_name=row.get("last_name"),
            pesel=str(row.get("pesel") or "").strip(),
            email=str(row.get("email") or ""),
            phone=str(row.get("phone") or ""),
        )

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        if not new and instance.is_anonymised:
            raise ValidationError(_("An anonymised record cannot be edited."))
        self._status_before = instance.status

    def import_instance(self, instance, row, **kwargs):
        try:
            super().import_instance(instance, row, **kwargs)
        finally:
            if instance.pk and not str(row.get("status") or "").strip():
                # A row without a status keeps the one the volunteer has.
                instance.status = self._status_before

    def save_with_service(self, *, actor, instance, fields, relations, row):
        different = BooleanWidget().clean(row.get(DIFFERENT_PERSON)) or False
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
    phone = _field("phone", NormalisedWidget(validators.normalize_phone))
    nip = _field("nip", NormalisedWidget(validators.normalize_nip))
    regon = _field("regon", NormalisedWidget(validators.normalize_regon))
    receives_help = _field("receives_help", BooleanWidget(), default=False)
    sends_volunteers = _field("sends_volunteers", BooleanWidget(), default=False)
    programme_partner = _field("programme_partner", BooleanWidget(), default=False)

    class Meta(RegistryResource.Meta):
        model = Institution
        fields = ("id", *INSTITUTION_FIELDS)
        export_order = fields

    def get_queryset(self):
        return Institution.objects.select_related("district")

    def get_instance(self, instance_loader, row):
        """A row without an id is the institution already in the register
        with its NIP or REGON: a second run of a file updates or skips it."""
        if str(row.get("id") or "").strip():
            return super().get_instance(instance_loader, row)
        return selectors.recognised_institution(
            **{key: row.get(key) for key in ("nip", "regon", "name", "city")}
        )

    def save_with_service(self, *, actor, instance, fields, relations, row):
        if instance is None:
            return services.institution_create(actor=actor, fields=fields)
        return services.institution_update(
            actor=actor, institution=instance, fields=fields
        )


# Which resource imports a background job's file (registry.tasks).
RESOURCES = {
    ImportJob.Kind.VOLUNTEERS: VolunteerResource,
    ImportJob.Kind.INSTITUTIONS: InstitutionResource,
}
