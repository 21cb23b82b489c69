"""Assignments of volunteers to requests (skierowania) and the hours they log."""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from matching.reasons import texts
from registry.models import (
    Volunteer,
)
from volunteer_center.core.constraints import period_in_order
from volunteer_center.core.dates import storable_dates
from volunteer_center.core.models import TimeStampedModel, staff_account_field


class AssignmentQuerySet(models.QuerySet):
    def live(self):
        """Assignments that still bind the volunteer's time."""
        return self.filter(status__in=Assignment.LIVE)

    def holding_place(self):
        return self.filter(status__in=Assignment.HOLDING_PLACE)

    def barring(self):
        """Assignments that keep their volunteer from another on the same request."""
        return self.filter(status__in=Assignment.BARRING)

    def visible_to(self, user):
        if user.has_perm("matching.view_all_helprequests"):
            return self
        # The same rule as HelpRequestQuerySet.visible_to.
        return self.filter(request__beneficiary__social_worker=user)


class Assignment(TimeStampedModel):
    """A volunteer directed to a request (skierowanie)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        CONTACTED = "contacted", _("contacted")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        ACTIVE = "active", pgettext_lazy("assignment status", "active")
        COMPLETED = "completed", _("completed")
        CANCELLED = "cancelled", _("cancelled")

    LIVE = (Status.PROPOSED, Status.CONTACTED, Status.ACCEPTED, Status.ACTIVE)
    HOLDING_PLACE = (Status.ACCEPTED, Status.ACTIVE)
    # A volunteer is directed to a request once at a time, and not again after
    # declining it or being cancelled on it (docs/ARCHITECTURE.md, Rules).
    BARRING = (*LIVE, Status.DECLINED, Status.CANCELLED)
    # Work that was agreed or done: what statistics count.
    WORKING = (Status.ACCEPTED, Status.ACTIVE, Status.COMPLETED)

    request = models.ForeignKey(
        "matching.HelpRequest",
        verbose_name=_("help request"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    volunteer = models.ForeignKey(
        Volunteer,
        verbose_name=_("volunteer"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PROPOSED
    )
    # Which of the request's places the assignment holds once accepted: the
    # unique constraint below makes a second holder of one place impossible.
    place = models.PositiveSmallIntegerField(_("place"), null=True, blank=True)
    date_from = models.DateField(_("from"))
    date_to = models.DateField(_("until"))
    weekly_hours = models.DecimalField(
        _("hours per week"), max_digits=5, decimal_places=2, default=Decimal(0)
    )
    score = models.FloatField(_("score at proposal"), default=0)
    reasons = models.JSONField(_("reasons at proposal"), default=list, blank=True)
    # Empty for a cover offer made by the system to a place nobody directed.
    proposed_by = staff_account_field(_("directed by"))
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    status_changed_by = staff_account_field(_("status changed by"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    # Art. 46 ust. 3: for work of up to 30 days the NNW insurance may come from
    # the host institution instead of the centre's policy; a coordinator
    # records that it does.
    host_insurance = models.CharField(
        _("NNW insurance provided by the host"), max_length=300, blank=True
    )
    host_insurance_recorded_by = staff_account_field(_("host's insurance recorded by"))
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["-date_from", "pk"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        # The clash and hours rules read a volunteer's places held in a period.
        indexes = [
            models.Index(
                fields=["volunteer", "date_from", "date_to"],
                condition=Q(status__in=["accepted", "active"]),
                name="assignment_holding_by_vol",
            ),
            # Work under way, oldest first: the dashboard's work without an
            # agreement reads it in order instead of every assignment.
            models.Index(
                fields=["date_from", "id"],
                condition=Q(status="active"),
                name="assignment_active_by_start_idx",
            ),
        ]
        constraints = [
            storable_dates("assignment", "date_from", "date_to", "status_changed_at"),
            models.UniqueConstraint(
                fields=["request", "volunteer"],
                condition=Q(status__in=["proposed", "contacted", "accepted", "active"]),
                name="assignment_one_live_per_volunteer_and_request",
                violation_error_message=_(
                    "The volunteer is already directed to this request."
                ),
            ),
            models.UniqueConstraint(
                fields=["request", "place"],
                condition=Q(status__in=["accepted", "active"]),
                name="assignment_one_holder_per_place",
                violation_error_message=_(
                    "This place of the request is already taken."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["accepted", "active"], place__isnull=False)
                | (~Q(status__in=["accepted", "active"]) & Q(place__isnull=True)),
                name="assignment_place_iff_holding",
                violation_error_message=_(
                    "Only an accepted or active assignment holds a place."
                ),
            ),
            period_in_order("assignment"),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} → {self.request}"

    def get_absolute_url(self) -> str:
        return reverse("matching:request-detail", args=[self.request_id])

    @property
    def reason_texts(self) -> list[str]:
        """The reasons kept at proposal, in the words of the active language."""
        return texts(self.reasons)


class HoursEntryQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=HoursEntry.Status.APPROVED)

    def counted(self):
        """Logged or approved: every entry but the rejected ones."""
        return self.exclude(status=HoursEntry.Status.REJECTED)


class HoursEntry(TimeStampedModel):
    """Hours a volunteer worked on one day for one assignment."""

    class Status(models.TextChoices):
        LOGGED = "logged", _("awaiting approval")
        APPROVED = "approved", _("approved")
        # Kept, not deleted: the history shows what was logged and why it
        # does not count.
        REJECTED = "rejected", _("rejected")

    assignment = models.ForeignKey(
        Assignment,
        verbose_name=_("assignment"),
        on_delete=models.PROTECT,
        related_name="hours",
    )
    date = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.LOGGED
    )
    # Empty when the volunteer logged them in the self-service area.
    logged_by = staff_account_field(_("logged by"))
    approved_by = staff_account_field(_("approved by"))
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    change_reason = models.CharField(
        _("reason for the correction or rejection"), max_length=300, blank=True
    )
    # The host institution's word on the hours (a contact person through a
    # signed link): confirmed as logged, or corrected to ``host_hours``.
    host_confirmed_at = models.DateTimeField(
        _("confirmed by the host at"), null=True, blank=True
    )
    host_hours = models.DecimalField(
        _("hours according to the host"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
    )
    host_note = models.CharField(_("host's note"), max_length=300, blank=True)
    host_confirmed_by = models.CharField(
        _("confirmed by (host)"), max_length=200, blank=True
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = HoursEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "pk"]
        verbose_name = _("hours entry")
        verbose_name_plural = _("hours")
        constraints = [
            storable_dates("hoursentry", "date", "approved_at", "host_confirmed_at"),
            models.CheckConstraint(
                condition=Q(hours__gt=0, hours__lte=24),
                name="hoursentry_hours_range",
                violation_error_message=_("Hours must be more than 0 and at most 24."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["logged", "rejected"])
                | Q(approved_at__isnull=False),
                name="hoursentry_approved_has_time",
                violation_error_message=_(
                    "Approved hours need the time of their approval."
                ),
            ),
            models.CheckConstraint(
                condition=Q(host_hours__isnull=True)
                | Q(host_hours__gt=0, host_hours__lte=24),
                name="hoursentry_host_hours_range",
                violation_error_message=_(
                    "Hours confirmed by the host must be more than 0 and at most 24."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y}: {self.hours} h"

    @property
    def host_corrected(self) -> bool:
        return self.host_hours is not None and self.host_hours != self.hours
