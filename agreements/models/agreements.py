"""Agreements (porozumienia) with volunteers, beneficiaries and institutions."""

import datetime as dt

from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements.models.signatories import SafetyInformation, Signatory
from agreements.models.storage import private_file_field
from agreements.models.texts import PARTY_FIELD, AgreementKind, AgreementTemplate
from matching import rules
from registry.models import Beneficiary, Institution, Volunteer
from volunteer_center.core.constraints import guardian_named, period_in_order
from volunteer_center.core.dates import storable_dates
from volunteer_center.core.models import (
    TimeStampedModel,
    optional_link,
    staff_account_field,
)

# The coordinator is warned this many days before an agreement ends.
ENDING_SOON_DAYS = 30


class AgreementQuerySet(models.QuerySet):
    def ending_within(self, days: int = ENDING_SOON_DAYS, today=None):
        """Signed or active agreements whose period ends within ``days``."""
        today = today or timezone.localdate()
        return self.binding().filter(
            date_to__gte=today, date_to__lte=today + dt.timedelta(days=days)
        )

    def with_state(self, day: dt.date | None = None):
        """Annotates ``current_state``: the state on ``day`` (today), read
        from the status and the dates as ``Agreement.state_on`` reads it."""
        day = day or timezone.localdate()
        status = Agreement.Status
        return self.annotate(
            current_state=Case(
                When(status__in=Agreement.FINAL, then=F("status")),
                When(date_to__lt=day, then=Value(status.EXPIRED)),
                When(date_from__lte=day, then=Value(status.ACTIVE)),
                default=Value(status.SIGNED),
                output_field=models.CharField(),
            )
        )

    def in_state(self, state: str, day: dt.date | None = None):
        return self.with_state(day).filter(current_state=state)

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

    class Waiver(models.TextChoices):
        """The volunteer's written waiver of travel costs and diety
        (art. 45 ust. 4 of the act): recorded on the agreement they sign."""

        NONE = "", _("no waiver")
        FULL = "full", _("waives them in full")
        PARTIAL = "partial", _("waives them in part")

    class Korzystajacy(models.TextChoices):
        """For an institution agreement: who the volunteers work for, and so
        who carries the duties of art. 45–46 (art. 42 ust. 1 of the act)."""

        CENTRE = "centre", _("the OPS (volunteers work for the OPS)")
        PARTY = "party", _("the institution (volunteers work for it)")

    BINDING = (Status.SIGNED, Status.ACTIVE)
    # A draft and a terminated agreement are what their status says; a signed
    # one is in force from its first day and expired after its last
    # (``state_on``; no task has to move it).
    FINAL = (Status.DRAFT, Status.TERMINATED)

    kind = models.CharField(_("kind"), max_length=16, choices=AgreementKind.choices)
    volunteer = optional_link(Volunteer, _("volunteer"), related_name="agreements")
    institution = optional_link(
        Institution, _("institution"), related_name="agreements"
    )
    beneficiary = optional_link(
        Beneficiary, _("beneficiary"), related_name="agreements"
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
    safety_info_given_on = models.DateField(
        _("health and safety information given on"), null=True, blank=True
    )
    safety_information = optional_link(
        SafetyInformation, _("health and safety information given")
    )
    safety_instruction = models.CharField(
        _("or: title of the attached instruction"), max_length=200, blank=True
    )
    insurance_nnw = models.BooleanField(_("accident insurance (NNW)"), default=False)
    insurance_policy_number = models.CharField(
        _("NNW policy number"), max_length=60, blank=True
    )
    cost_reimbursement = models.TextField(_("reimbursement of costs"), blank=True)
    travel_costs_waiver = models.CharField(
        _("travel costs and diety"),
        max_length=8,
        choices=Waiver.choices,
        blank=True,
        default=Waiver.NONE,
    )
    travel_costs_waiver_scope = models.CharField(
        _("which part is waived"), max_length=300, blank=True
    )
    korzystajacy = models.CharField(
        _("the volunteers work for"),
        max_length=8,
        choices=Korzystajacy.choices,
        default=Korzystajacy.CENTRE,
    )
    party_representatives = models.CharField(
        _("who signs for the institution"),
        max_length=300,
        blank=True,
        help_text=_("Names and functions, e.g. 'Jan Kowalski – Dyrektor Szkoły'."),
    )
    insurance_by_party = models.BooleanField(
        _("the institution insures the volunteers (NNW)"), default=False
    )
    guardian_consent = models.BooleanField(
        _("written consent of the legal guardian"), default=False
    )
    guardian_name = models.CharField(_("legal guardian"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signed_by_centre = staff_account_field(_("signed for the centre by"))
    signatory = optional_link(
        Signatory, _("signs for the OPS"), related_name="agreements"
    )
    # The representation as printed when the document was prepared: renaming
    # a signatory later does not change what was signed.
    representation = models.CharField(
        _("representation of the OPS"), max_length=400, blank=True, editable=False
    )
    prepared_at = models.DateTimeField(
        _("prepared for signing at"), null=True, blank=True, editable=False
    )
    document = private_file_field(
        _("document for signing"), upload_to="agreements/documents/%Y/"
    )
    document_sha256 = models.CharField(
        _("SHA-256 of the document"), max_length=64, blank=True, editable=False
    )
    terminated_on = models.DateField(_("terminated on"), null=True, blank=True)
    termination_reason = models.CharField(
        _("reason for termination"), max_length=300, blank=True
    )
    scan = private_file_field(_("signed scan"), upload_to="agreements/scans/%Y/")
    created_by = staff_account_field(_("created by"), blank=False)
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
                "prepared_at",
                "safety_info_given_on",
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
            period_in_order("agreement", open_ended=True),
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
            guardian_named("agreement"),
            models.CheckConstraint(
                condition=~Q(travel_costs_waiver="partial")
                | ~Q(travel_costs_waiver_scope=""),
                name="agreement_partial_waiver_says_which_part",
                violation_error_message=_("Say which part of the costs is waived."),
            ),
            # What was signed is a stored document: a signed agreement made
            # from a prepared text has its file and hash (older ones, signed
            # before documents were stored, have neither).
            models.CheckConstraint(
                condition=Q(document="") | Q(document_sha256__regex=r"^[0-9a-f]{64}$"),
                name="agreement_document_has_hash",
                violation_error_message=_(
                    "A stored document needs its SHA-256 fingerprint."
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
    def is_prepared(self) -> bool:
        return bool(self.document_sha256)

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_binding(self) -> bool:
        return self.status in self.BINDING

    def state_on(self, day: dt.date) -> str:
        """Where the agreement stands on ``day``: a signed agreement is
        "signed" before its period, "in force" within it and "expired" after
        it, whatever its stored status (the SQL form: ``with_state``)."""
        if self.status in self.FINAL:
            return self.status
        if self.date_to is not None and self.date_to < day:
            return self.Status.EXPIRED
        if self.date_from <= day:
            return self.Status.ACTIVE
        return self.Status.SIGNED

    @property
    def state(self) -> str:
        """The state today: the status the pages show and the list filters by."""
        return self.state_on(timezone.localdate())

    def get_state_display(self) -> str:
        return str(self.Status(self.state).label)
