"""One visit of an assignment: a volunteer who cannot come, a reminder sent,
a cover chain for a place that was freed."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from matching.models.assignments import Assignment
from matching.models.requests import HelpRequest
from registry.models import Volunteer
from volunteer_center.core.dates import PlausibleDatesModel, storable_dates
from volunteer_center.core.models import TimeStampedModel, staff_account_field


class VisitAbsence(TimeStampedModel):
    """The volunteer cannot come to one visit (one day) of an assignment; the
    coordinator is told and the reminder for that day is not sent."""

    assignment = models.ForeignKey(
        Assignment,
        verbose_name=_("assignment"),
        on_delete=models.CASCADE,
        related_name="absences",
    )
    date = models.DateField(_("date of the visit"))
    reason = models.CharField(_("reason"), max_length=300)
    # Staff who recorded it, or empty when the volunteer said so themselves.
    reported_by = staff_account_field(_("recorded by"))

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("visit called off")
        verbose_name_plural = _("visits called off")
        constraints = [
            storable_dates("visitabsence", "date"),
            models.UniqueConstraint(
                fields=["assignment", "date"],
                name="visitabsence_one_per_visit",
                violation_error_message=_("This visit is already called off."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assignment} {self.date:%d.%m.%Y}"


class VisitReminder(PlausibleDatesModel):
    """A reminder sent for one visit: the unique constraint makes a second
    reminder for the same visit impossible, however often the command runs."""

    assignment = models.ForeignKey(
        Assignment,
        verbose_name=_("assignment"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    date = models.DateField(_("date of the visit"))
    sent_at = models.DateTimeField(_("sent at"))
    channels = models.CharField(_("channels"), max_length=40, blank=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("visit reminder")
        verbose_name_plural = _("visit reminders")
        constraints = [
            storable_dates("visitreminder", "date", "sent_at"),
            models.UniqueConstraint(
                fields=["assignment", "date"],
                name="visitreminder_one_per_visit",
                violation_error_message=_(
                    "The reminder of this visit is already sent."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assignment} {self.date:%d.%m.%Y}"


class CoverChain(TimeStampedModel):
    """A place freed by a decline or a cancellation, offered to one ranked
    volunteer after another until someone accepts (docs/ARCHITECTURE.md,
    "Cover chain")."""

    class Status(models.TextChoices):
        OPEN = "open", _("offering")
        FILLED = "filled", _("filled")
        EXHAUSTED = "exhausted", _("nobody more to ask")
        STOPPED = "stopped", _("stopped by the coordinator")
        CLOSED = "closed", _("no longer needed")

    request = models.ForeignKey(
        HelpRequest,
        verbose_name=_("help request"),
        on_delete=models.CASCADE,
        related_name="cover_chains",
    )
    freed_by = models.ForeignKey(
        Assignment,
        verbose_name=_("freed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    stopped_by = staff_account_field(_("stopped by"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("cover chain")
        verbose_name_plural = _("cover chains")
        constraints = [storable_dates("coverchain", "closed_at")]
        # The reminder command looks for open chains with a deadline past.
        indexes = [
            models.Index(
                fields=["request"], condition=Q(status="open"), name="coverchain_open"
            )
        ]

    def __str__(self) -> str:
        return f"{self.request} ({self.get_status_display()})"


class CoverOffer(TimeStampedModel):
    """One volunteer asked to take the place, with a deadline to answer."""

    class Status(models.TextChoices):
        LIVE = "live", _("waiting for an answer")
        ACCEPTED = "accepted", pgettext_lazy("cover offer status", "accepted")
        DECLINED = "declined", pgettext_lazy("cover offer status", "declined")
        EXPIRED = "expired", _("no answer in time")
        WITHDRAWN = "withdrawn", _("withdrawn")

    chain = models.ForeignKey(
        CoverChain,
        verbose_name=_("cover chain"),
        on_delete=models.CASCADE,
        related_name="offers",
    )
    assignment = models.OneToOneField(
        Assignment,
        verbose_name=_("assignment"),
        on_delete=models.CASCADE,
        related_name="cover_offer",
    )
    volunteer = models.ForeignKey(
        Volunteer,
        verbose_name=_("volunteer"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    deadline = models.DateTimeField(_("answer by"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.LIVE
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["chain", "created_at", "pk"]
        verbose_name = _("cover offer")
        verbose_name_plural = _("cover offers")
        constraints = [
            storable_dates("coveroffer", "deadline", "answered_at"),
            # Never two live offers for one place.
            models.UniqueConstraint(
                fields=["chain"],
                condition=Q(status="live"),
                name="coveroffer_one_live_per_chain",
                violation_error_message=_("This place is already offered to someone."),
            ),
            models.UniqueConstraint(
                fields=["chain", "volunteer"],
                name="coveroffer_once_per_volunteer",
                violation_error_message=_(
                    "This place was already offered to this volunteer."
                ),
            ),
        ]
        indexes = [
            models.Index(
                fields=["deadline"], condition=Q(status="live"), name="coveroffer_due"
            )
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} ({self.get_status_display()})"


class DigestRun(PlausibleDatesModel):
    """The coordinators' morning digest of one day, sent once."""

    day = models.DateField(_("day"), unique=True)
    sent_at = models.DateTimeField(_("sent at"))
    recipients = models.PositiveSmallIntegerField(_("recipients"), default=0)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("coordinators' digest")
        verbose_name_plural = _("coordinators' digests")
        constraints = [storable_dates("digestrun", "day", "sent_at")]

    def __str__(self) -> str:
        return f"{self.day:%d.%m.%Y}"
