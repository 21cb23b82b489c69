"""The checks that several models ask of the database, each defined once:
the constraint is named ``<name>_<what it checks>`` after the model's
lower-case name, and its message is what a form shows next to the field
(``full_clean()`` asks it). The years a date may have are
``core.dates.storable_dates``."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


def period_in_order(
    name: str, *, open_ended: bool = False, message=None
) -> models.CheckConstraint:
    """``date_from`` to ``date_to``, one day at the least; an ``open_ended``
    period may have no end yet."""
    in_order = Q(date_to__gte=F("date_from"))
    return models.CheckConstraint(
        condition=Q(date_to__isnull=True) | in_order if open_ended else in_order,
        name=f"{name}_dates_in_order",
        violation_error_message=message or _("The end cannot precede the start."),
    )


def ends_after_start(name: str) -> models.CheckConstraint:
    """A time of day from ``start`` until a later ``end``."""
    return models.CheckConstraint(
        condition=Q(end__gt=F("start")),
        name=f"{name}_end_after_start",
        violation_error_message=_("The end must be later than the start."),
    )


def guardian_named(name: str) -> models.CheckConstraint:
    """A legal guardian's consent (``guardian_consent``) names the guardian
    (``guardian_name``): a volunteer's and an agreement's alike."""
    return models.CheckConstraint(
        condition=Q(guardian_consent=False) | ~Q(guardian_name=""),
        name=f"{name}_guardian_consent_names_guardian",
        violation_error_message=_("A guardian's consent needs the guardian's name."),
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
