from django.db import models
from django.utils.translation import gettext_lazy as _

from volunteer_center.core.constraints import version_from_one
from volunteer_center.core.dates import storable_dates
from volunteer_center.core.models import TimeStampedModel, staff_account_field


class StandardsQuerySet(models.QuerySet):
    def current(self):
        """The newest version, or None."""
        return self.order_by("-version").first()


class ChildProtectionStandards(TimeStampedModel):
    """A version of the "standardy ochrony małoletnich" the OPS adopted
    (art. 22b–22c of the act of 13 May 2016): linked from agreements and the
    public pages; volunteers acknowledge a version."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"), help_text=_("Paragraphs are separated by an empty line.")
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    is_model_text = models.BooleanField(
        _("model text to be replaced"),
        default=False,
        help_text=_("The text shipped with the application, not yet the OPS's own."),
    )
    published_by = staff_account_field(_("published by"))

    objects = StandardsQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]
        verbose_name = _("child protection standards")
        verbose_name_plural = _("child protection standards")
        constraints = [
            storable_dates("childprotectionstandards", "adopted_on"),
            version_from_one(
                "childprotectionstandards", _("A version is numbered from 1.")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"


class AccessibilityStatement(TimeStampedModel):
    """The "Deklaracja dostępności" (ustawa z 4 kwietnia 2019 r. o dostępności
    cyfrowej, art. 10): one row, edited by the administrator, published at
    /deklaracja-dostepnosci/ in the form of the ministry's template."""

    class Status(models.TextChoices):
        COMPLIANT = "compliant", _("compliant")
        PARTLY = "partly", _("partially compliant")
        NOT_COMPLIANT = "not_compliant", _("not compliant")

    class Method(models.TextChoices):
        SELF = "self", _("a self-assessment by the OPS")
        EXTERNAL = "external", _("an assessment by an outside body")

    entity = models.CharField(_("public entity"), max_length=200)
    published_on = models.DateField(_("website published on"))
    updated_on = models.DateField(_("last significant update on"))
    status = models.CharField(
        _("compliance status"), max_length=16, choices=Status.choices
    )
    inaccessible = models.TextField(
        _("what is not accessible, and why"),
        blank=True,
        help_text=_("Required unless the website is compliant."),
    )
    prepared_on = models.DateField(_("statement prepared on"))
    reviewed_on = models.DateField(_("statement last reviewed on"))
    method = models.CharField(
        _("prepared on the basis of"), max_length=10, choices=Method.choices
    )
    assessed_by = models.CharField(
        _("outside body that assessed it"), max_length=200, blank=True
    )
    contact_person = models.CharField(_("accessibility contact"), max_length=200)
    contact_email = models.EmailField(_("accessibility contact: e-mail"))
    contact_phone = models.CharField(_("accessibility contact: phone"), max_length=40)
    architecture = models.TextField(_("architectural accessibility"))
    sign_language = models.TextField(_("Polish Sign Language (PJM)"))
    easy_to_read = models.TextField(
        _("the centre in easy-to-read language (ETR)"),
        help_text=_("Shown on the home page; short sentences, everyday words."),
    )
    is_model_text = models.BooleanField(
        _("model text to be completed"),
        default=False,
        help_text=_("The text shipped with the application, not yet the OPS's own."),
    )

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statement")
        constraints = [
            storable_dates(
                "accessibilitystatement",
                "published_on",
                "updated_on",
                "prepared_on",
                "reviewed_on",
            ),
            models.CheckConstraint(
                condition=models.Q(status="compliant") | ~models.Q(inaccessible=""),
                name="accessibilitystatement_says_what_is_inaccessible",
                violation_error_message=_(
                    "Say what is not accessible, and why, unless the website is "
                    "compliant."
                ),
            ),
        ]

    def __str__(self) -> str:
        return str(_("Accessibility statement"))

    def review_due(self, today) -> bool:
        """Reviewed every year by 31 March: due once a year has begun that it
        was not reviewed in."""
        return self.is_model_text or self.reviewed_on.year < today.year
