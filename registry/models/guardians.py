"""The request to a minor's legal representative to confirm their consent,
sent by e-mail: a single-use link valid for a limited time. Only the hash
of the token is stored, so the database alone cannot confirm anything."""

import hashlib

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.models.volunteers import Volunteer
from volunteer_center.core.dates import storable_dates
from volunteer_center.core.models import TimeStampedModel


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class GuardianConsentRequest(TimeStampedModel):
    volunteer = models.ForeignKey(
        Volunteer,
        verbose_name=_("volunteer"),
        on_delete=models.CASCADE,
        related_name="guardian_consent_requests",
    )
    email = models.EmailField(_("sent to"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("valid until"))
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_name = models.CharField(
        _("name typed by the legal representative"), max_length=200, blank=True
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("request for the legal representative's consent")
        verbose_name_plural = _("requests for the legal representative's consent")
        constraints = [
            storable_dates("guardianconsentrequest", "confirmed_at", "expires_at")
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} → {self.email}"

    @property
    def is_open(self) -> bool:
        return self.confirmed_at is None and self.expires_at > timezone.now()
