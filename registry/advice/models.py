"""The advice register: consultations (porady), office hours and the
topics the administrator keeps."""

import datetime as dt

import holidays
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from registry import validators
from registry.models.base import Dictionary, normalise_phones, phone_field
from registry.models.beneficiaries import Beneficiary
from registry.models.institutions import Institution
from registry.models.volunteers import (
    Volunteer,
    WeeklyWindow,
    weekly_window_constraints,
)
from volunteer_center.core.dates import storable_dates
from volunteer_center.core.models import (
    TimeStampedModel,
    optional_link,
    staff_account_field,
)


class ConsultationTopic(Dictionary):
    """What a consultation was about; the administrator edits the list."""

    class Meta(Dictionary.Meta):
        verbose_name = _("consultation topic")
        verbose_name_plural = _("consultation topics")


class OfficeHoursQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class OfficeHours(WeeklyWindow, TimeStampedModel):
    """A weekly block of office hours, split into bookable slots."""

    slot_minutes = models.PositiveSmallIntegerField(
        _("length of one visit (minutes)"), default=20
    )
    is_active = models.BooleanField(_("in use"), default=True)

    objects = OfficeHoursQuerySet.as_manager()

    class Meta(WeeklyWindow.Meta):
        verbose_name = _("office hours")
        verbose_name_plural = _("office hours")
        constraints = [
            *weekly_window_constraints("officehours"),
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=5, slot_minutes__lte=240),
                name="officehours_slot_minutes_range",
                violation_error_message=_("A visit lasts between 5 and 240 minutes."),
            ),
        ]

    def clean(self) -> None:
        if self.start is None or self.end is None or not self.is_active:
            return
        clash = (
            OfficeHours.objects.active()
            .filter(weekday=self.weekday, start__lt=self.end, end__gt=self.start)
            .exclude(pk=self.pk)
            .first()
        )
        if clash is not None:
            raise ValidationError(
                _("These hours overlap other office hours on that day: %(other)s.")
                % {"other": clash}
            )

    def slot_starts(self) -> list[dt.time]:
        """The start of every whole slot that fits between start and end."""
        step = dt.timedelta(minutes=self.slot_minutes)
        day = dt.date(2000, 1, 3)  # any date: only the times matter
        moment = dt.datetime.combine(day, self.start)
        last = dt.datetime.combine(day, self.end) - step
        starts = []
        while moment <= last:
            starts.append(moment.time())
            moment += step
        return starts


class ClosureDay(TimeStampedModel):
    """A day the centre is closed besides the public holidays (a staff outing,
    a bridge day): no visit can be booked on it."""

    date = models.DateField(_("date"), unique=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("closure day")
        verbose_name_plural = _("closure days")
        constraints = [storable_dates("closureday", "date")]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y}" + (f" ({self.reason})" if self.reason else "")


def closed_days(first: dt.date, last: dt.date) -> dict[dt.date, str]:
    """The days from ``first`` to ``last`` the office is closed, with why: the
    public holidays of Poland (the ``holidays`` library; Wigilia is one from
    2025 on) and the closure days the administrator enters."""
    language = "en_US" if translation.get_language() == "en" else "pl"
    public = holidays.Poland(years=range(first.year, last.year + 1), language=language)
    closed = {day: str(name) for day, name in public.items() if first <= day <= last}
    for closure in ClosureDay.objects.filter(date__range=(first, last)):
        closed.setdefault(
            closure.date, closure.reason or str(_("the centre is closed"))
        )
    return closed


def _exactly_one(*conditions: Q) -> Q:
    result = Q()
    for index, condition in enumerate(conditions):
        term = condition
        for other_index, other in enumerate(conditions):
            if other_index != index:
                term &= ~other
        result |= term
    return result


MAX_CONSULTATION_MINUTES = 480
# The walk-in name of a visit whose person was anonymised (retention).
ANONYMISED_WALK_IN = "—"


class ConsultationQuerySet(models.QuerySet):
    def occupying_the_desk(self):
        """In-person visits still planned or held: each takes a slot."""
        return self.filter(
            form=Consultation.Form.IN_PERSON,
            status__in=Consultation.OCCUPYING_STATUSES,
        )

    def overlapping(self, start: dt.datetime, end: dt.datetime) -> list:
        """The consultations that overlap [start, end)."""
        nearby = self.filter(
            starts_at__lt=end,
            starts_at__gt=start - dt.timedelta(minutes=MAX_CONSULTATION_MINUTES),
        )
        return [c for c in nearby if c.ends_at > start]

    def follow_up_due(self, on: dt.date | None = None):
        return self.filter(
            follow_up=True, follow_up_due__lte=on or timezone.localdate()
        )


class Consultation(TimeStampedModel):
    """One act of advice or support, held or planned (a booked visit)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        HELD = "held", _("held")
        CANCELLED = "cancelled", pgettext_lazy("consultation status", "cancelled")
        NO_SHOW = "no_show", _("did not come")

    class Form(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        PHONE = "phone", _("phone")
        EMAIL = "email", _("e-mail")

    OCCUPYING_STATUSES = (Status.PLANNED, Status.HELD)

    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.HELD
    )
    starts_at = models.DateTimeField(_("date and time"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=20
    )
    # Who was advised: exactly one of a volunteer, a beneficiary, an
    # institution, or a walk-in person recorded with a name and a contact only.
    volunteer = optional_link(Volunteer, _("volunteer"), related_name="consultations")
    beneficiary = optional_link(
        Beneficiary, _("beneficiary"), related_name="consultations"
    )
    institution = optional_link(
        Institution, _("institution"), related_name="consultations"
    )
    walk_in_name = models.CharField(
        _("walk-in person: name"), max_length=200, blank=True
    )
    walk_in_phone = phone_field(_("walk-in person: phone"))
    walk_in_email = models.EmailField(_("walk-in person: e-mail"), blank=True)
    topic = models.ForeignKey(
        ConsultationTopic,
        verbose_name=_("topic"),
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    form = models.CharField(
        _("form"), max_length=16, choices=Form.choices, default=Form.IN_PERSON
    )
    advisor = staff_account_field(
        _("advice given by"), related_name="consultations_given"
    )
    notes = models.TextField(_("notes"), blank=True)
    follow_up = models.BooleanField(_("follow-up needed"), default=False)
    follow_up_due = models.DateField(_("follow-up due"), null=True, blank=True)
    booked_online = models.BooleanField(
        _("booked through the public form"), default=False, editable=False
    )
    consent_clause_version = models.CharField(
        _("information clause version"), max_length=20, blank=True
    )
    consent_given_at = models.DateTimeField(
        _("consent given at"), null=True, blank=True
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        indexes = [models.Index(fields=["starts_at"])]
        constraints = [
            storable_dates(
                "consultation",
                "starts_at",
                "follow_up_due",
                "consent_given_at",
            ),
            models.CheckConstraint(
                condition=_exactly_one(
                    Q(volunteer__isnull=False),
                    Q(beneficiary__isnull=False),
                    Q(institution__isnull=False),
                    ~Q(walk_in_name=""),
                ),
                name="consultation_exactly_one_person",
                violation_error_message=_(
                    "Choose exactly one person advised: a volunteer, a "
                    "beneficiary, an institution, or a walk-in person's name."
                ),
            ),
            models.CheckConstraint(
                condition=Q(follow_up=False) | Q(follow_up_due__isnull=False),
                name="consultation_follow_up_has_due_date",
                violation_error_message=_("Enter the date the follow-up is due."),
            ),
            models.CheckConstraint(
                condition=Q(
                    duration_minutes__gte=1,
                    duration_minutes__lte=MAX_CONSULTATION_MINUTES,
                ),
                name="consultation_duration_range",
                violation_error_message=_(
                    "A consultation lasts between 1 and 480 minutes."
                ),
            ),
            # One desk: two in-person visits cannot start at the same time.
            # The database holds this even when two residents book the same
            # slot at the same moment.
            models.UniqueConstraint(
                fields=["starts_at"],
                condition=Q(form="in_person", status__in=["planned", "held"]),
                name="consultation_one_visit_per_slot",
                violation_error_message=_(
                    "This time has already been booked. Please choose another one."
                ),
            ),
        ]

    def __str__(self) -> str:
        when = timezone.localtime(self.starts_at).strftime("%d.%m.%Y %H:%M")
        return f"{when} — {self.person_name}"

    def get_absolute_url(self) -> str:
        return reverse("registry:consultation-detail", args=[self.pk])

    @property
    def person(self):
        return self.volunteer or self.beneficiary or self.institution

    @property
    def occupies_the_desk(self) -> bool:
        """The same rule as ``ConsultationQuerySet.occupying_the_desk``."""
        return (
            self.form == self.Form.IN_PERSON and self.status in self.OCCUPYING_STATUSES
        )

    @property
    def person_name(self) -> str:
        return str(self.person or self.walk_in_name)

    @property
    def is_walk_in(self) -> bool:
        """Advice to someone not in any register, named on the visit itself
        (an anonymised visit names nobody)."""
        return self.person is None and self.walk_in_name not in ("", ANONYMISED_WALK_IN)

    @property
    def walk_in_phone_display(self) -> str:
        return validators.format_phone(self.walk_in_phone)

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=self.duration_minutes)

    @property
    def follow_up_overdue(self) -> bool:
        return bool(
            self.follow_up
            and self.follow_up_due
            and self.follow_up_due < timezone.localdate()
        )

    def clean(self) -> None:
        self.walk_in_name = self.walk_in_name.strip()
        normalise_phones(self, "walk_in_phone")
        errors: dict[str, list] = {}
        if self.follow_up and self.follow_up_due is None:
            errors["follow_up_due"] = [_("Enter the date the follow-up is due.")]
        if not self.walk_in_name and (self.walk_in_phone or self.walk_in_email):
            errors["walk_in_name"] = [_("A walk-in person's contact needs their name.")]
        if errors:
            raise ValidationError(errors)
