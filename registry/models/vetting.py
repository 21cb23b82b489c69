"""What the register keeps about the checks before work with minors (ustawa
z 13 maja 2016 r., art. 21): only facts, dates and who verified them, never
a copy of a certificate or of the Register's printout (which is kept on
paper). Who verified each check is set by the service from the acting user
(registry.vetting)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from volunteer_center.core.models import staff_account_field


class AbroadDocument(models.TextChoices):
    NONE = "", _("not given yet")
    FOREIGN_RECORD = (
        "foreign_record",
        _("information from the criminal record of the country or countries"),
    )
    SUBSTITUTE = (
        "substitute",
        _("statement under penalty, where that country issues no such information"),
    )


def _verifier(label):
    return staff_account_field(label, editable=False)


class VettingRecord(models.Model):
    # Art. 21 ust. 2: the organiser checks the Register itself.
    sex_offender_register_checked_on = models.DateField(
        _("Register of Sex Offenders checked on"), null=True, blank=True
    )
    register_printout_kept = models.BooleanField(
        _("the Register's printout is kept in the paper file"), default=False
    )
    register_checked_by = _verifier(_("Register checked by"))
    # Art. 21 ust. 3: the person presents information from the KRK.
    criminal_record_issued_on = models.DateField(
        _("KRK information issued on"), null=True, blank=True
    )
    criminal_record_checked_on = models.DateField(
        _("KRK information seen on"), null=True, blank=True
    )
    criminal_record_scope_confirmed = models.BooleanField(
        _("it covers the offences of art. 21 ust. 3"),
        default=False,
        help_text=_(
            "Chapters XIX and XXV of the Penal Code, its art. 189a and 207, and the "
            "act on counteracting drug addiction."
        ),
    )
    criminal_record_seen_by = _verifier(_("KRK information seen by"))
    # Art. 21 ust. 4–7: a person who lived abroad in the last 20 years, or holds
    # another citizenship, states the countries and brings their records.
    lived_abroad = models.BooleanField(
        _("lived outside Poland in the last 20 years or holds another citizenship"),
        default=False,
    )
    abroad_countries = models.CharField(
        _("countries stated (last 20 years)"), max_length=300, blank=True
    )
    abroad_document = models.CharField(
        _("what was presented for them"),
        max_length=16,
        choices=AbroadDocument.choices,
        blank=True,
    )
    abroad_checked_on = models.DateField(
        _("foreign record or statement seen on"), null=True, blank=True
    )
    abroad_checked_by = _verifier(_("foreign record or statement seen by"))
    vetting_verified_by = _verifier(_("checks last recorded by"))
    # The centre's child protection standards (art. 22b–22c): which version
    # the volunteer acknowledged, and when.
    standards_acknowledged_on = models.DateField(
        _("child protection standards acknowledged on"),
        null=True,
        blank=True,
        editable=False,
    )
    standards_acknowledged_version = models.PositiveIntegerField(
        _("version acknowledged"), null=True, blank=True, editable=False
    )
    # The end of the last assignment with minors: a new engagement needs a
    # Register check made after it (settings.VETTING_EACH_ENGAGEMENT).
    minors_engagement_ended_on = models.DateField(
        _("last work with minors ended on"), null=True, blank=True, editable=False
    )

    class Meta:
        abstract = True
