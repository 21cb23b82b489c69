"""The plausible range of every date the project keeps (docs/ARCHITECTURE.md,
"Where each rule lives"): a date or date-time of the years the setting
``PLAUSIBLE_YEARS`` names, checked by every model's ``full_clean()`` and by
every form and filter with a date; and what the database holds whatever the
setting, so that no stored value breaks a page."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from volunteer_center.core.constraints import ChecksInOneQuery

# The database keeps dates of these years only (CHECK constraints): far from
# Python's years 1 and 9999, so that a time zone's shift or some years of
# arithmetic on a stored date never overflow on a page. The setting lies
# within (volunteer_center/core/checks.py).
STORABLE_YEARS = (1000, 2999)


def plausible_years() -> tuple[int, int]:
    return settings.PLAUSIBLE_YEARS


def validate_plausible_date(value) -> None:
    """A date, or a date-time on its own clock (no time-zone arithmetic, which
    is what overflows near year 1), of the plausible years."""
    first, last = plausible_years()
    if not first <= value.year <= last:
        raise ValidationError(
            _("Enter a date between the years %(first)s and %(last)s."),
            code="implausible_date",
            params={"first": first, "last": last},
        )


def local_days(date_from: dt.date, date_to: dt.date) -> tuple[dt.datetime, ...]:
    """The moments that begin ``date_from`` and end ``date_to`` on the local
    clock: a range of stored date-times an index or a plain comparison serves,
    where ``__date`` converts every row's time zone first."""
    zone = timezone.get_current_timezone()
    return tuple(
        dt.datetime.combine(day, dt.time.min, tzinfo=zone)
        for day in (date_from, date_to + dt.timedelta(days=1))
    )


class ClockStampField(models.DateTimeField):
    """A moment the code stamps with ``timezone.now()`` (a background task's
    start, its last sign of life), never one that comes from outside."""


def is_date_field(field) -> bool:
    """A date or date-time that comes from outside: not one the clock stamps."""
    return isinstance(field, models.DateField) and not (
        field.auto_now or field.auto_now_add or isinstance(field, ClockStampField)
    )


def date_fields(model) -> list:
    return [field for field in model._meta.concrete_fields if is_date_field(field)]


def implausible_dates(instance: models.Model, exclude=()) -> dict[str, list]:
    errors = {}
    for field in date_fields(type(instance)):
        if field.name in exclude or getattr(instance, field.attname) is None:
            continue
        try:
            validate_plausible_date(field.to_python(getattr(instance, field.attname)))
        except ValidationError as error:
            # Unreadable input is clean_fields()'s to report, in its words.
            if error.code == "implausible_date":
                errors[field.name] = error.error_list
    return errors


class PlausibleDatesModel(ChecksInOneQuery):
    """Every date and date-time field of the model is of the plausible years,
    the ones added later too. Reported alone, before the field validators and
    the model's rules: those compare and move dates, which would overflow or
    give meaningless errors on year 1."""

    class Meta:
        abstract = True

    def full_clean(self, exclude=None, validate_unique=True, validate_constraints=True):
        errors = implausible_dates(self, exclude or ())
        if errors:
            raise ValidationError(errors)
        super().full_clean(exclude, validate_unique, validate_constraints)


class StorableDates(models.CheckConstraint):
    """The database's side of the range: the constraint refuses a date of
    years outside ``STORABLE_YEARS`` written past ``full_clean()`` (an
    ``update()``, a bulk insert, SQL by hand). ``full_clean()`` does not ask
    it, which would cost a query per save: ``PlausibleDatesModel`` already
    refuses more, next to the field."""

    def validate(self, model, instance, exclude=None, using=None):
        return None


def storable_dates(name: str, *fields: str) -> StorableDates:
    first, last = STORABLE_YEARS
    condition = models.Q()
    for field in fields:
        condition &= models.Q(
            **{f"{field}__year__gte": first, f"{field}__year__lte": last}
        )
    return StorableDates(
        condition=condition,
        name=f"{name}_dates_storable",
        violation_error_message=_("A date is outside the years the register keeps."),
    )
