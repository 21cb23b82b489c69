"""The checks that several models ask of the database, each defined once:
the constraint is named ``<name>_<what it checks>`` after the model's
lower-case name, and its message is what a form shows next to the field
it concerns (``concerned_field``; ``full_clean()`` asks it, all of a
model's checks in one query: ``ChecksInOneQuery``). The years a date may have are
``core.dates.storable_dates``."""

import logging

from django.core.exceptions import FieldError, ValidationError
from django.db import DatabaseError, connections, models, router, transaction
from django.db.models import BooleanField, ExpressionWrapper, F, Q, Value
from django.db.models.functions import Coalesce
from django.db.models.sql import Query
from django.db.models.sql.constants import SINGLE
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

# The field a check of several fields is about, by the check's name: where a
# form shows its message (the end of a period, the guardian's name). Set by
# ``on_field``; a check that names one field needs no entry.
_FIELD_OF_CHECK: dict[str, str] = {}


def on_field(constraint: models.CheckConstraint, field: str) -> models.CheckConstraint:
    """``constraint``, whose refusal is shown next to ``field``."""
    _FIELD_OF_CHECK[constraint.name] = field
    return constraint


def concerned_field(constraint) -> str | None:
    """The one field a constraint's refusal belongs next to: the field a
    check says (``on_field``), the one field a check's condition names (a
    range, a format), a unique constraint's one field; None when it concerns
    several fields (it is shown above the form)."""
    if constraint.name in _FIELD_OF_CHECK:
        return _FIELD_OF_CHECK[constraint.name]
    if isinstance(constraint, models.UniqueConstraint):
        fields = constraint.fields
    elif isinstance(constraint, models.CheckConstraint):
        fields = sorted(Q(constraint.condition).referenced_base_fields)
    else:
        return None
    return fields[0] if len(fields) == 1 else None


def period_in_order(
    name: str, *, open_ended: bool = False, message=None
) -> models.CheckConstraint:
    """``date_from`` to ``date_to``, one day at the least; an ``open_ended``
    period may have no end yet."""
    in_order = Q(date_to__gte=F("date_from"))
    return on_field(
        models.CheckConstraint(
            condition=Q(date_to__isnull=True) | in_order if open_ended else in_order,
            name=f"{name}_dates_in_order",
            violation_error_message=message or _("The end cannot precede the start."),
        ),
        "date_to",
    )


def ends_after_start(name: str) -> models.CheckConstraint:
    """A time of day from ``start`` until a later ``end``."""
    return on_field(
        models.CheckConstraint(
            condition=Q(end__gt=F("start")),
            name=f"{name}_end_after_start",
            violation_error_message=_("The end must be later than the start."),
        ),
        "end",
    )


def guardian_named(name: str) -> models.CheckConstraint:
    """A legal guardian's consent (``guardian_consent``) names the guardian
    (``guardian_name``): a volunteer's and an agreement's alike."""
    return on_field(
        models.CheckConstraint(
            condition=Q(guardian_consent=False) | ~Q(guardian_name=""),
            name=f"{name}_guardian_consent_names_guardian",
            violation_error_message=_(
                "A guardian's consent needs the guardian's name."
            ),
        ),
        "guardian_name",
    )


def day_of_week(name: str) -> models.CheckConstraint:
    """``weekday`` is a day of the week, Monday 0 to Sunday 6."""
    return models.CheckConstraint(
        condition=Q(weekday__gte=0, weekday__lte=6),
        name=f"{name}_weekday_range",
        violation_error_message=_("Choose a day of the week."),
    )


def done_within_total(name: str, message) -> models.CheckConstraint:
    """A counted job (``core.models.CountedProgress``) never does more than
    its ``total``."""
    return models.CheckConstraint(
        condition=Q(done__lte=F("total")),
        name=f"{name}_done_le_total",
        violation_error_message=message,
    )


def version_from_one(name: str, message) -> models.CheckConstraint:
    """A text kept in versions numbers them from 1."""
    return models.CheckConstraint(
        condition=Q(version__gte=1),
        name=f"{name}_version_positive",
        violation_error_message=message,
    )


def _asked_in_sql(constraint) -> bool:
    """A check ``full_clean()`` asks the database (not one that, like
    ``core.dates.StorableDates``, says it needs no asking)."""
    return (
        isinstance(constraint, models.CheckConstraint)
        and type(constraint).validate is models.CheckConstraint.validate
    )


def _broken_checks(instance, model, checks, exclude, using) -> set | None:
    """The names of the ``checks`` (of ``model``) that ``instance`` breaks,
    asked of the database in one query; None if the database could not
    answer it (each check is then asked alone, as Django does)."""
    query = Query(None)
    against = instance._get_field_expression_map(meta=model._meta, exclude=exclude)
    for name, value in against.items():
        if not hasattr(value, "resolve_expression"):
            value = Value(value)
        query.add_annotation(value, name, select=False)
    connection = connections[using]
    asked = []
    for constraint in checks:
        if exclude and constraint._expression_refs_exclude(
            model, constraint.condition, exclude
        ):
            continue
        condition = constraint.condition
        if connection.features.supports_comparing_boolean_expr:
            # A check does not fail when it comes out UNKNOWN.
            condition = Coalesce(condition, True, output_field=BooleanField())
        wrapped = ExpressionWrapper(Q(condition), output_field=BooleanField())
        try:
            query.add_annotation(wrapped, f"check_{len(asked)}")
        except FieldError:
            continue  # a field the condition names is not in ``against``
        asked.append(constraint)
    if not asked:
        return set()
    atomic = transaction.atomic(using=using) if connection.in_atomic_block else None
    try:
        if atomic is None:
            row = query.get_compiler(using=using).execute_sql(SINGLE)
        else:
            with atomic:
                row = query.get_compiler(using=using).execute_sql(SINGLE)
    except DatabaseError as error:
        logger.warning("Checks of %s asked one by one: %s", model.__name__, error)
        return None
    return {c.name for c, kept in zip(asked, row, strict=True) if not kept}


class ChecksInOneQuery(models.Model):
    """``full_clean()`` asks all of a model's check constraints in one query
    (Django asks each in a query of its own, inside a savepoint of its own:
    three round trips per check, nine checks on an agreement). The answers,
    the messages and their order are Django's; a refusal that concerns one
    field is filed under it (``concerned_field``), so that a form shows it
    next to that field, where Django files it above the form."""

    class Meta:
        abstract = True

    def validate_constraints(self, exclude=None):
        using = router.db_for_write(type(self), instance=self)
        errors = {}
        for model, constraints in self.get_constraints():
            checks = [c for c in constraints if _asked_in_sql(c)]
            broken = _broken_checks(self, model, checks, exclude, using)
            for constraint in constraints:
                try:
                    if broken is None or constraint not in checks:
                        constraint.validate(model, self, exclude=exclude, using=using)
                    elif constraint.name in broken:
                        raise ValidationError(
                            constraint.get_violation_error_message(),
                            code=constraint.violation_error_code,
                        )
                except ValidationError as error:
                    errors = _grouped(errors, constraint, error)
        if errors:
            raise ValidationError(errors)


def _grouped(errors: dict, constraint, error: ValidationError) -> dict:
    """Files a constraint's error next to the field it concerns; one that
    concerns several fields, or says its own fields, as it says."""
    field = None if hasattr(error, "error_dict") else concerned_field(constraint)
    if field is None:
        return error.update_error_dict(errors)
    errors.setdefault(field, []).append(error)
    return errors
