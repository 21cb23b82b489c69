"""Agreements (porozumienia) from versioned texts, and the certificates
(zaświadczenia) and references (opinie) issued to volunteers.

Legal basis: ustawa z dnia 24 kwietnia 2003 r. o działalności pożytku
publicznego i o wolontariacie, art. 42–46. Signed scans and issued PDFs hold
personal data, so they live on a private storage that has no public URL and
are served only by views that check permissions.
"""

import datetime as dt

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import LazyObject
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from matching import rules
from registry.models import Beneficiary, Institution, Volunteer
from volunteer_center.core.models import BackgroundJob, TimeStampedModel

# The coordinator is warned this many days before an agreement ends.
ENDING_SOON_DAYS = 30


class PrivateStorage(LazyObject):
    """Files outside MEDIA_URL, under settings.PRIVATE_MEDIA_ROOT. Resolved
    lazily so tests can override the root."""

    def _setup(self):
        self._wrapped = FileSystemStorage(
            location=settings.PRIVATE_MEDIA_ROOT, base_url=None
        )


private_storage = PrivateStorage()


def _private_storage():
    return private_storage


class AgreementKind(models.TextChoices):
    VOLUNTEER = "volunteer", _("with a volunteer")
    INSTITUTION = "institution", _("with an institution")
    BENEFICIARY = "beneficiary", _("with a beneficiary")


# Which party field each kind of agreement fills.
PARTY_FIELD = {
    AgreementKind.VOLUNTEER: "volunteer",
    AgreementKind.INSTITUTION: "institution",
    AgreementKind.BENEFICIARY: "beneficiary",
}


class AgreementTemplateQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def current(self, kind: str):
        """The newest active text of a kind, or None."""
        return self.active().filter(kind=kind).order_by("-version").first()


class AgreementTemplate(TimeStampedModel):
    """A version of an agreement's text: Django template syntax with the
    agreement's fields as placeholders ({{ number }}, {{ party_name }}…)."""

    kind = models.CharField(_("kind"), max_length=16, choices=AgreementKind.choices)
    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"),
        help_text=_(
            "Placeholders: {{ number }}, {{ party_name }}, {{ party_address }}, "
            "{{ centre }}, {{ scope }}, {{ manner }}, {{ place }}, {{ date_from }}, "
            "{{ date_to }}, {{ termination_clause }}, {{ cost_reimbursement }}, "
            "{{ insurance }}, {{ guardian_name }}."
        ),
    )
    is_active = models.BooleanField(_("in use"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = AgreementTemplateQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "-version"]
        verbose_name = _("agreement text")
        verbose_name_plural = _("agreement texts")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "version"], name="agreementtemplate_kind_version"
            ),
            models.CheckConstraint(
                condition=Q(version__gte=1), name="agreementtemplate_version_positive"
            ),
            # One text in use per kind: new agreements are made from it.
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(is_active=True),
                name="agreementtemplate_one_in_use_per_kind",
                violation_error_message=_(
                    "Another version of this text is in use; publish a new "
                    "version instead."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"


class AgreementCounter(models.Model):
    """The last number given in a year, one series per document type. The
    services lock the year's row, so numbers are unique and without gaps."""

    year = models.PositiveIntegerField(_("year"), primary_key=True)
    last = models.PositiveIntegerField(_("last agreement number"), default=0)
    last_certificate = models.PositiveIntegerField(
        _("last certificate number"), default=0
    )
    last_reference = models.PositiveIntegerField(_("last reference number"), default=0)

    class Meta:
        verbose_name = _("number counter")
        verbose_name_plural = _("number counters")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


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
            ),
            models.CheckConstraint(
                condition=Q(date_to__isnull=True) | Q(date_to__gte=F("date_from")),
                name="agreement_dates_in_order",
            ),
            models.UniqueConstraint(
                fields=["number_year", "number_seq"], name="agreement_number_seq"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(signed_on__isnull=False),
                name="agreement_signed_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="terminated") | Q(terminated_on__isnull=False),
                name="agreement_terminated_has_date",
            ),
            models.CheckConstraint(
                condition=Q(guardian_consent=False) | ~Q(guardian_name=""),
                name="agreement_guardian_consent_names_guardian",
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
    def duration_days(self) -> int | None:
        if self.date_to is None:
            return None
        return (self.date_to - self.date_from).days + 1

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


# --- Certificates and references ---------------------------------------------


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
    scope = models.TextField(_("scope of the services"), blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    pdf = models.FileField(
        _("PDF"), storage=_private_storage, blank=True, editable=False
    )

    class Meta:
        abstract = True
        ordering = ["-number_year", "-number_seq"]

    def __str__(self) -> str:
        return f"{self.number} — {self.volunteer}"


class Certificate(IssuedDocument):
    """Zaświadczenie: a written confirmation of the services performed
    (art. 44 ust. 5, issued on the volunteer's request)."""

    PREFIX = "ZAŚ"

    class Meta(IssuedDocument.Meta):
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        default_related_name = "certificates"
        constraints = [
            models.UniqueConstraint(
                fields=["number_year", "number_seq"], name="certificate_number_seq"
            ),
            models.CheckConstraint(
                condition=Q(date_to__gte=F("date_from")),
                name="certificate_dates_in_order",
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("agreements:certificate-pdf", args=[self.pk])


class Reference(IssuedDocument):
    """Opinia: a written opinion about the volunteer's work (art. 44 ust. 5)."""

    PREFIX = "OP"

    assessment = models.TextField(_("assessment"))

    class Meta(IssuedDocument.Meta):
        verbose_name = _("reference")
        verbose_name_plural = _("references")
        default_related_name = "references"
        constraints = [
            models.UniqueConstraint(
                fields=["number_year", "number_seq"], name="reference_number_seq"
            ),
            models.CheckConstraint(
                condition=Q(date_to__gte=F("date_from")),
                name="reference_dates_in_order",
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("agreements:reference-pdf", args=[self.pk])


class CertificateBatch(BackgroundJob):
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
    zip_file = models.FileField(
        _("ZIP file"), storage=_private_storage, blank=True, editable=False
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("certificate batch")
        verbose_name_plural = _("certificate batches")
        constraints = [
            models.CheckConstraint(
                condition=Q(date_to__gte=F("date_from")),
                name="certificatebatch_dates_in_order",
            ),
            models.CheckConstraint(
                condition=Q(done__lte=F("total")), name="certificatebatch_done_le_total"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date_from:%d.%m.%Y}–{self.date_to:%d.%m.%Y}"

    def get_absolute_url(self) -> str:
        return reverse("agreements:batch-detail", args=[self.pk])

    @property
    def percent(self) -> int:
        if not self.total:
            return 100 if self.status == self.Status.DONE else 0
        return round(100 * self.done / self.total)
