"""One run of the batch proposal."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from volunteer_center.core.models import BackgroundJob


class BatchProposal(BackgroundJob):
    """One run of the batch proposal, computed by a background task; staff
    review its plan and propose the pairs they keep."""

    # The plan: pairs with score and reasons, the greedy comparison, timings.
    result = models.JSONField(_("result"), default=dict, blank=True)

    class Meta(BackgroundJob.Meta):
        verbose_name = _("batch proposal")
        verbose_name_plural = _("batch proposals")

    def __str__(self) -> str:
        when = timezone.localtime(self.created_at)
        return f"{when:%d.%m.%Y %H:%M} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("matching:batch-detail", args=[self.pk])
