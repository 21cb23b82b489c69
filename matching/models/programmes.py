"""Programmes run with other units and institutions."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from registry.models import (
    Institution,
    Volunteer,
)
from volunteer_center.core.collation import POLISH
from volunteer_center.core.constraints import period_in_order
from volunteer_center.core.dates import storable_dates
from volunteer_center.core.models import TimeStampedModel, staff_account_field


class Programme(TimeStampedModel):
    """An action run with other social-assistance units or institutions."""

    name = models.CharField(_("name"), max_length=200, db_collation=POLISH)
    description = models.TextField(_("description"), blank=True)
    date_from = models.DateField(_("from"))
    date_to = models.DateField(_("until"), null=True, blank=True)
    coordinator = staff_account_field(
        _("responsible coordinator"), related_name="programmes"
    )
    partners = models.ManyToManyField(
        Institution,
        through="ProgrammePartner",
        verbose_name=_("partner institutions"),
        related_name="programmes",
        blank=True,
    )
    volunteers = models.ManyToManyField(
        Volunteer,
        verbose_name=_("volunteers"),
        related_name="programmes",
        blank=True,
    )

    class Meta:
        ordering = ["-date_from", "name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            storable_dates("programme", "date_from", "date_to"),
            period_in_order("programme", open_ended=True),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("matching:programme-detail", args=[self.pk])


class ProgrammePartner(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE)
    institution = models.ForeignKey(
        Institution, verbose_name=_("institution"), on_delete=models.PROTECT
    )
    role = models.CharField(_("role in the programme"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("programme partner")
        verbose_name_plural = _("programme partners")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "institution"],
                name="programme_partner_unique",
                violation_error_message=_(
                    "This institution is already a partner of the programme."
                ),
            ),
        ]

    def __str__(self) -> str:
        if self.role:
            return f"{self.institution} ({self.role})"
        return str(self.institution)
