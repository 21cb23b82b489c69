"""Certificates (zaświadczenia), references (opinie) and batches of
certificates."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.models.storage import private_file_field
from registry.models import Volunteer
from volunteer_center.core.constraints import done_within_total, period_in_order
from volunteer_center.core.dates import storable_dates
from volunteer_center.core.models import (
    BackgroundJob,
    CountedProgress,
    TimeStampedModel,
    optional_link,
    staff_account_field,
)


class IssuedDocument(TimeStampedModel):
    """What a certificate and a reference share: a numbered PDF about one
    volunteer's work in a period, frozen when issued."""

    PREFIX = ""

    volunteer = models.ForeignKey(
        Volunteer, verbose_name=_("volunteer"), on_delete=models.PROTECT
    )
    number = models.CharField(_("number"), max_length=24, unique=True, editable=False)
    number_year = models.PositiveIntegerField(editable=False)
    number_seq = models.PositiveIntegerField(editable=False)
    date_from = models.DateField(_("from"))
    date_to = models.DateField(_("until"))
    hours = models.DecimalField(
        _("hours"), max_digits=8, decimal_places=2, editable=False
    )
    assignments = models.JSONField(
        _("assignments"), default=list, editable=False, blank=True
    )
    # The first and last day of the services actually performed in the period
    # (art. 44 ust. 2: the certificate confirms what was done).
    first_day = models.DateField(_("first day of service"), null=True, editable=False)
    last_day = models.DateField(_("last day of service"), null=True, editable=False)
    scope = models.TextField(_("scope of the services"), blank=True)
    on_request = models.BooleanField(
        _("issued on the volunteer's request"), default=True, editable=False
    )
    signatory = optional_link("agreements.Signatory", _("signed for the OPS by"))
    # As printed when issued: renaming a signatory later changes nothing.
    signed_by = models.CharField(
        _("signature block"), max_length=400, blank=True, editable=False
    )
    issued_by = staff_account_field(_("issued by"), blank=False)
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    pdf = private_file_field(_("PDF"))

    class Meta:
        abstract = True
        ordering = ["-number_year", "-number_seq"]

    def __str__(self) -> str:
        return f"{self.number} — {self.volunteer}"


def issued_document_constraints(name: str) -> list:
    """What the database holds of every issued document: storable dates, one
    number per year, a period in order."""
    return [
        storable_dates(
            name, "date_from", "date_to", "issued_at", "first_day", "last_day"
        ),
        models.UniqueConstraint(
            fields=["number_year", "number_seq"],
            name=f"{name}_number_seq",
            violation_error_message=_("This number has already been given."),
        ),
        period_in_order(name),
    ]


class Certificate(IssuedDocument):
    """Zaświadczenie: a written confirmation of the services performed, with
    their scope (art. 44 ust. 2, on the volunteer's request)."""

    PREFIX = "ZAŚ"

    class Meta(IssuedDocument.Meta):
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        default_related_name = "certificates"
        constraints = issued_document_constraints("certificate")

    def get_absolute_url(self) -> str:
        return reverse("agreements:certificate-pdf", args=[self.pk])


class Reference(IssuedDocument):
    """Opinia: a written opinion about the volunteer's work (art. 44 ust. 3,
    at the volunteer's request)."""

    PREFIX = "OP"

    assessment = models.TextField(_("assessment"))

    class Meta(IssuedDocument.Meta):
        verbose_name = _("reference")
        verbose_name_plural = _("references")
        default_related_name = "references"
        constraints = issued_document_constraints("reference")

    def get_absolute_url(self) -> str:
        return reverse("agreements:reference-pdf", args=[self.pk])


class CertificateBatch(CountedProgress, BackgroundJob):
    """Certificates for every volunteer with approved hours in a period,
    rendered by a background task into one ZIP."""

    date_from = models.DateField(_("from"))
    date_to = models.DateField(_("until"))
    # Only the volunteers who worked in this programme, when one is chosen.
    programme = models.ForeignKey(
        "matching.Programme",
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    total = models.PositiveIntegerField(_("certificates to issue"), default=0)
    done = models.PositiveIntegerField(_("certificates issued"), default=0)
    zip_file = private_file_field(_("ZIP file"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("certificate batch")
        verbose_name_plural = _("certificate batches")
        constraints = [
            storable_dates("certificatebatch", "date_from", "date_to"),
            period_in_order("certificatebatch"),
            done_within_total(
                "certificatebatch",
                _("More certificates are done than there are to do."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date_from:%d.%m.%Y}–{self.date_to:%d.%m.%Y}"

    def get_absolute_url(self) -> str:
        return reverse("agreements:batch-detail", args=[self.pk])
