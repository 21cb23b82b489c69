"""Agreements (porozumienia) with volunteers, beneficiaries and institutions."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements.models.storage import _private_storage
from agreements.models.texts import PARTY_FIELD, AgreementKind, AgreementTemplate
from matching import rules
from registry.models import Beneficiary, Institution, Volunteer
from volunteer_center.core.dates import storable_dates
from volunteer_center.core.models import TimeStampedModel

# The coordinator is warned this many days before an agreement ends.
ENDING_SOON_DAYS = 30


class AgreementQuerySet(models.QuerySet):
    def ending_within(self, days: int = ENDING_SOON_DAYS, today=None):
        """Signed or active agreements whose period ends within ``days``."""
        today = today or timezone.localdate()
        return self.binding().filter(
            date_to__gte=today, date_to__lte=today + dt.timedelta(days=days)
        )

    def binding(self):
        """Signed or active: the agreements in force or about to be."""
        return self.filter(status__in=Agreement.BINDING)

    def overlapping(self, start: dt.date, end: dt.date | None):
        """Agreements whose period meets start–end (None = indefinite)."""
        query = self.filter(Q(date_to__isnull=True) | Q(date_to__gte=start))
        if end is not None:
            query = query.filter(date_from__lte=end)
        return query

    def covering(self, start: dt.date, end: dt.date):
        return self.filter(date_from__lte=start).filter(
            Q(date_to__isnull=True) | Q(date_to__gte=end)
        )

    def with_parties(self):
        return self.select_related("volunteer", "institution", "beneficiary")


class Agreement(TimeStampedModel):
    Kind = AgreementKind

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SIGNED = "signed", _("signed")
        ACTIVE = "active", _("in force")
        EXPIRED = "expired", _("expired")
        TERMINATED = "terminated", _("terminated")

    BINDING = (Status.SIGNED, Status.ACTIVE)

    kind = models.CharField(_("kind"), max_length=16, choices=AgreementKind.choices)
    volunteer = models.ForeignKey(
        Volunteer,
        verbose_name=_("volunteer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    beneficiary = models.ForeignKey(
        Beneficiary,
        verbose_name=_("beneficiary"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    number = models.CharField(_("number"), max_length=20, unique=True, editable=False)
    number_year = models.PositiveIntegerField(editable=False)
    number_seq = models.PositiveIntegerField(editable=False)
    template = models.ForeignKey(
        AgreementTemplate,
        verbose_name=_("text version"),
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    text = models.TextField(_("text of the agreement"), editable=False)
    scope = models.TextField(_("scope of the services"))
    manner = models.TextField(_("manner of performing the services"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    date_from = models.DateField(_("from"))
    date_to = models.DateField(
        _("until"),
        null=True,
        blank=True,
        help_text=_("Leave empty for an agreement for an indefinite period."),
    )
    termination_clause = models.TextField(_("termination"))
    safety_info_given = models.BooleanField(
        _("informed about health and safety risks"), default=False
    )
    insurance_nnw = models.BooleanField(_("accident insurance (NNW)"), default=False)
    insurance_policy_number = models.CharField(
        _("NNW policy number"), max_length=60, blank=True
    )
    cost_reimbursement = models.TextField(_("reimbursement of costs"), blank=True)
    guardian_consent = models.BooleanField(
        _("written consent of the legal guardian"), default=False
    )
    guardian_name = models.CharField(_("legal guardian"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signed_by_centre = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed for the centre by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    terminated_on = models.DateField(_("terminated on"), null=True, blank=True)
    termination_reason = models.CharField(
        _("reason for termination"), max_length=300, blank=True
    )
    scan = models.FileField(
        _("signed scan"),
        storage=_private_storage,
        upload_to="agreements/scans/%Y/",
        blank=True,
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords(excluded_fields=["updated_at", "text"])

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-number_year", "-number_seq"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        indexes = [models.Index(fields=["status", "date_to"])]
        constraints = [
            storable_dates(
                "agreement",
                "date_from",
                "date_to",
                "signed_on",
                "terminated_on",
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        kind="volunteer",
                        volunteer__isnull=False,
                        institution__isnull=True,
                        beneficiary__isnull=True,
                    )
                    | Q(
                        kind="institution",
                        volunteer__isnull=True,
                        institution__isnull=False,
                        beneficiary__isnull=True,
                    )
                    | Q(
                        kind="beneficiary",
                        volunteer__isnull=True,
                        institution__isnull=True,
                        beneficiary__isnull=False,
                    )
                ),
                name="agreement_party_matches_kind",
                violation_error_message=_(
                    "The party must match the kind of agreement."
                ),
            ),
            models.CheckConstraint(
                condition=Q(date_to__isnull=True) | Q(date_to__gte=F("date_from")),
                name="agreement_dates_in_order",
                violation_error_message=_("The end cannot precede the start."),
            ),
            models.UniqueConstraint(
                fields=["number_year", "number_seq"],
                name="agreement_number_seq",
                violation_error_message=_("This number has already been given."),
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(signed_on__isnull=False),
                name="agreement_signed_has_date",
                violation_error_message=_(
                    "A signed agreement needs its date of signing."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status="terminated") | Q(terminated_on__isnull=False),
                name="agreement_terminated_has_date",
                violation_error_message=_(
                    "A terminated agreement needs its date of termination."
                ),
            ),
            models.CheckConstraint(
                condition=Q(guardian_consent=False) | ~Q(guardian_name=""),
                name="agreement_guardian_consent_names_guardian",
                violation_error_message=_(
                    "A guardian's consent needs the guardian's name."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} — {self.party}"

    def get_absolute_url(self) -> str:
        return reverse("agreements:agreement-detail", args=[self.pk])

    @property
    def party(self):
        return getattr(self, PARTY_FIELD[self.kind])

    @property
    def party_id(self) -> int:
        return getattr(self, f"{PARTY_FIELD[self.kind]}_id")

    @property
    def is_short(self) -> bool:
        """Work of up to 30 days: the centre must insure the volunteer against
        accidents (art. 46 ust. 3 of the act)."""
        return self.date_to is not None and not rules.needs_written_agreement(
            self.date_from, self.date_to
        )

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_binding(self) -> bool:
        return self.status in self.BINDING
