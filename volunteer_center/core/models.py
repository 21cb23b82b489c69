import datetime as dt

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history import register
from simple_history.models import HistoricalRecords

from volunteer_center.core.dates import (
    ClockStampField,
    PlausibleDatesModel,
    storable_dates,
)
from volunteer_center.core.errors import DomainError
from volunteer_center.core.storage import private_storage_callable


def staff_account_field(
    verbose_name, *, blank: bool = True, related_name: str = "+", **options
) -> models.ForeignKey:
    """A record's link to the staff account that did something to it (filed,
    signed, approved it). Deleting the account empties the link and keeps the
    record: what was done stays, and its history still names who did it."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=blank,
        on_delete=models.SET_NULL,
        related_name=related_name,
        **options,
    )


def optional_link(
    to, verbose_name, *, related_name: str = "+", **options
) -> models.ForeignKey:
    """An optional link to another record (a request's beneficiary, an
    agreement's signatory) that keeps that record from being deleted while
    anything links to it: a register record is anonymised, never removed
    from under what was done with it."""
    return models.ForeignKey(
        to,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name=related_name,
        **options,
    )


def history_with_list_changes(*excluded_fields: str) -> HistoricalRecords:
    """The change history of a record whose service writes the changes of its
    lists (a volunteer's skills, a request's time slots: ``core.history``'s
    ``list_change``) into each entry's change reason, next to the field
    changes: a text field, as a list's old and new values outgrow the default
    reason. ``updated_at`` is no change of its own."""
    return HistoricalRecords(
        excluded_fields=[*excluded_fields, "updated_at"],
        history_change_reason_field=models.TextField(null=True),
    )


class TimeStampedModel(PlausibleDatesModel):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class BackgroundJobQuerySet(models.QuerySet):
    """The writes of a job's task: each says the worker is alive."""

    def start(self, **fields) -> int:
        now = timezone.now()
        status = self.model.Status.RUNNING
        return self.update(status=status, started_at=now, heartbeat_at=now, **fields)

    def beat(self, **fields) -> int:
        return self.update(heartbeat_at=timezone.now(), **fields)

    def fail(self, error: Exception) -> int:
        """The task stopped on ``error``: its page says so in the user's words
        (a rule's refusal as the rule words it, anything else as a failure
        written to the log); the technical text goes to the log only."""
        if isinstance(error, DomainError):
            message = str(error.message)
        else:
            # Stored once, in the site's language, for whoever opens the page.
            with translation.override(settings.LANGUAGE_CODE):
                message = gettext(
                    "Something went wrong while doing it, and the error was "
                    "written to the log. Try again; if it happens again, tell "
                    "the administrator."
                )
        return self.update(status=self.model.Status.FAILED, error=message[:300])


class BackgroundJob(TimeStampedModel):
    """Work done by the task queue for a user (a batch proposal, a ZIP of
    certificates): its status, who asked, what went wrong."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        RUNNING = "running", _("in progress")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    error = models.CharField(_("error"), max_length=300, blank=True)
    requested_by = staff_account_field(_("requested by"), blank=False)
    started_at = ClockStampField(_("started at"), null=True, editable=False)
    # The task's last sign of life (its start and each step of its progress).
    heartbeat_at = ClockStampField(_("last sign of life"), null=True, editable=False)

    objects = BackgroundJobQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def stale(self) -> bool:
        """Running without a sign of life for BACKGROUND_JOB_STALE_MINUTES:
        its worker was stopped mid-task and nobody will finish it."""
        limit = dt.timedelta(minutes=settings.BACKGROUND_JOB_STALE_MINUTES)
        last = self.heartbeat_at or self.started_at or self.updated_at
        return self.status == self.Status.RUNNING and last < timezone.now() - limit

    def fail_if_stale(self) -> None:
        """Shows a stale job as failed, so that its requester starts it again
        instead of waiting for ever (docs/ARCHITECTURE.md, Background work)."""
        if not self.stale:
            return
        self.status = self.Status.FAILED
        self.error = gettext(
            "The work stopped before it was finished (the background worker "
            "was stopped). Start it again."
        )
        type(self).objects.filter(
            pk=self.pk, status=self.Status.RUNNING, heartbeat_at=self.heartbeat_at
        ).update(status=self.status, error=self.error)


class CountedProgress:
    """The progress of a background job that counts ``done`` of ``total``,
    as its page shows it and polls it (static/js/batch_progress.js)."""

    @property
    def percent(self) -> int:
        if not self.total:
            return 100 if self.status == self.Status.DONE else 0
        return min(100, round(100 * self.done / self.total))

    def progress(self, *, download_url: str | None) -> dict:
        return {
            "status": self.status,
            "status_display": str(self.get_status_display()),
            "done": self.done,
            "total": self.total,
            "percent": self.percent,
            "download_url": download_url,
        }


class ExportJob(CountedProgress, BackgroundJob):
    """An XLSX export too long to build within a request: the task queue
    writes it (core.exports.jobs) while its requester watches the progress.
    Only they may download it, for ``settings.EXPORT_FILE_HOURS``."""

    # The list it exports, as the requester had it: address and filter.
    path = models.CharField(max_length=200)
    query = models.CharField(max_length=2000, blank=True)
    language = models.CharField(max_length=10)
    filename = models.CharField(_("file name"), max_length=100)
    total = models.PositiveIntegerField(_("rows"), default=0)
    done = models.PositiveIntegerField(_("rows written"), default=0)
    file = models.FileField(
        _("file"),
        storage=private_storage_callable,
        upload_to="exports/",
        blank=True,
        editable=False,
    )

    class Meta(BackgroundJob.Meta):
        verbose_name = _("export")
        verbose_name_plural = _("exports")

    def __str__(self) -> str:
        return self.filename

    def get_absolute_url(self) -> str:
        return reverse("core:export-job", args=[self.pk])

    @property
    def retry_url(self) -> str:
        """The list with the filter it had, asking for the export again."""
        query = f"{self.query}&" if self.query else ""
        return f"{self.path}?{query}export=xlsx"


class AccessLog(models.Model):
    """Who viewed or exported whose personal data (RODO art. 5(2) accountability).

    Changes are recorded field by field by django-simple-history; this log covers
    reads and exports, which leave no history row.
    """

    class Action(models.TextChoices):
        VIEW = "view", _("viewed")
        EXPORT = "export", _("exported")
        CHANGE = "change", _("changed")
        ANONYMISE = "anonymise", _("anonymised")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = staff_account_field(_("who"), blank=False)
    # A person acting for themselves (core.actors.SelfServiceActor.ref, e.g.
    # "volunteer:12"): they have no user account for ``actor``.
    actor_ref = models.CharField(_("who (self-service)"), max_length=40, blank=True)
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(_("whose data"), max_length=200, blank=True)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    # An export: the ids of every person in it, per model ("registry.volunteer":
    # "1-4000,4002"), so one entry stands for the whole file (core.audit).
    subjects = models.JSONField(_("exported records"), default=dict, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data access log")
        indexes = [
            models.Index(
                fields=["content_type", "object_id"], name="accesslog_subject_idx"
            )
        ]

    def __str__(self) -> str:
        when = timezone.localtime(self.at)
        return f"{when:%d.%m.%Y %H:%M} {self.actor} {self.action} {self.object_repr}"


class RateLimitCounter(PlausibleDatesModel):
    """Accepted submissions of a public form in the current hour, per client
    address or per e-mail (volunteer_center/core/ratelimit.py). The key is a
    hash: the counter keeps no personal data."""

    key = models.CharField(max_length=100, unique=True)
    count = models.PositiveIntegerField(default=0)
    window_ends = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [storable_dates("ratelimitcounter", "window_ends")]

    def __str__(self):
        return f"{self.key}: {self.count}"


class StaffAccountHistory(HistoricalRecords):
    """The history of staff accounts. A login only stamps ``last_login``:
    that is no change of the account, so it leaves no record."""

    def post_save(self, instance, created, using=None, **kwargs):
        if kwargs.get("update_fields") == frozenset({"last_login"}):
            return
        super().post_save(instance, created, using=using, **kwargs)


# Every change of a staff account's roles (groups, permissions, the superuser
# flag) is in its history with the old and the new values (docs/ARCHITECTURE.md,
# Roles); the password hash never goes into it.
register(
    User,
    app="volunteer_center.core",
    records_class=StaffAccountHistory,
    m2m_fields=["groups", "user_permissions"],
    excluded_fields=["password", "last_login"],
)


# Models of the core's subpackages, registered with the core app.
from volunteer_center.core.legal.models import ChildProtectionStandards  # noqa: E402

__all__ = ["AccessLog", "BackgroundJob", "ChildProtectionStandards", "TimeStampedModel"]
