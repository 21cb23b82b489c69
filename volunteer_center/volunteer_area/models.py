"""The area's own records: sign-in links and what a volunteer asks staff for."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from registry.models import Volunteer
from volunteer_center.core.dates import PlausibleDatesModel, storable_dates
from volunteer_center.core.models import TimeStampedModel, staff_account_field


class SignInLink(PlausibleDatesModel):
    """A single-use sign-in link. Only the SHA-256 of its token is stored, so
    a copy of the database opens nobody's area."""

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("sign-in link")
        verbose_name_plural = _("sign-in links")
        constraints = [storable_dates("signinlink", "expires_at", "used_at")]

    def __str__(self) -> str:
        return f"{self.volunteer_id} {self.created_at:%Y-%m-%d %H:%M}"


class VolunteerRequest(TimeStampedModel):
    """Something the volunteer asked for in the area that staff handle: a
    certificate for a period, or the removal of their data."""

    class Kind(models.TextChoices):
        CERTIFICATE = "certificate", _("certificate of services")
        REMOVAL = "removal", _("removal of my data")

    class Status(models.TextChoices):
        OPEN = "open", _("waiting")
        DONE = "done", _("done")
        REFUSED = "refused", _("refused")

    volunteer = models.ForeignKey(
        Volunteer,
        verbose_name=_("volunteer"),
        on_delete=models.CASCADE,
        related_name="area_requests",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    date_from = models.DateField(_("from"), null=True, blank=True)
    date_to = models.DateField(_("until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )
    handled_by = staff_account_field(_("handled by"))
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    answer = models.CharField(_("answer"), max_length=300, blank=True)
    certificate = models.ForeignKey(
        "agreements.Certificate",
        verbose_name=_("certificate issued"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="area_requests",
        editable=False,
    )

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("volunteer's request")
        verbose_name_plural = _("volunteers' requests")
        constraints = [
            storable_dates("volunteerrequest", "date_from", "date_to", "handled_at"),
            models.UniqueConstraint(
                fields=["volunteer", "kind"],
                condition=Q(status="open", kind="removal"),
                name="volunteerrequest_one_open_removal",
                violation_error_message=_(
                    "A request to remove the data is already waiting."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(kind="certificate")
                | Q(date_from__isnull=False, date_to__isnull=False),
                name="volunteerrequest_certificate_has_period",
                violation_error_message=_("A certificate needs its period."),
            ),
            models.CheckConstraint(
                condition=Q(date_to__isnull=True)
                | Q(date_to__gte=models.F("date_from")),
                name="volunteerrequest_period_in_order",
                violation_error_message=_("The end cannot precede the start."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} — {self.get_kind_display()}"
