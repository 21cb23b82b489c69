"""Accident insurance (NNW) the centre takes out for volunteers whose work
lasts up to 30 days (art. 46 ust. 3 of the act on volunteering): a policy
for named volunteers, or one group policy that covers everybody."""

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from registry.models import Volunteer
from volunteer_center.core.constraints import period_in_order
from volunteer_center.core.dates import storable_dates
from volunteer_center.core.models import TimeStampedModel


class InsurancePolicyQuerySet(models.QuerySet):
    def covering(self, *, volunteer_id: int, start: dt.date, end: dt.date):
        """Policies in force for the whole of start–end that cover the volunteer."""
        return self.filter(date_from__lte=start, date_to__gte=end).filter(
            Q(covers_everybody=True) | Q(volunteers=volunteer_id)
        )


class InsurancePolicy(TimeStampedModel):
    number = models.CharField(_("policy number"), max_length=60)
    insurer = models.CharField(_("insurer"), max_length=200)
    date_from = models.DateField(_("from"))
    date_to = models.DateField(_("until"))
    covers_everybody = models.BooleanField(
        _("group policy for every volunteer"),
        default=False,
        help_text=_("Covers every volunteer of the centre, named or not."),
    )
    volunteers = models.ManyToManyField(
        Volunteer,
        verbose_name=_("insured volunteers"),
        blank=True,
        related_name="insurance_policies",
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = InsurancePolicyQuerySet.as_manager()

    class Meta:
        ordering = ["-date_from", "number"]
        verbose_name = _("NNW insurance policy")
        verbose_name_plural = _("NNW insurance policies")
        constraints = [
            storable_dates("insurancepolicy", "date_from", "date_to"),
            period_in_order(
                "insurancepolicy", message=_("The policy cannot end before it starts.")
            ),
            models.UniqueConstraint(
                fields=["insurer", "number"],
                name="insurancepolicy_unique_number",
                violation_error_message=_(
                    "This insurer's policy with this number is already recorded."
                ),
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.number} ({self.insurer}, {self.date_from:%d.%m.%Y}–"
            f"{self.date_to:%d.%m.%Y})"
        )
