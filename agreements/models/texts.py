"""The kinds of agreement, their versioned texts and the yearly number
counters."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from volunteer_center.core.constraints import version_from_one
from volunteer_center.core.models import TimeStampedModel, staff_account_field


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
    created_by = staff_account_field(_("created by"))

    objects = AgreementTemplateQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "-version"]
        verbose_name = _("agreement text")
        verbose_name_plural = _("agreement texts")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "version"],
                name="agreementtemplate_kind_version",
                violation_error_message=_("This version of the text already exists."),
            ),
            version_from_one(
                "agreementtemplate", _("The version number must be positive.")
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
