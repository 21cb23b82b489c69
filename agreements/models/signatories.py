"""Who signs for the OPS, and the health-and-safety information given to
volunteers: both are chosen from lists the administrator keeps."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from volunteer_center.core.models import TimeStampedModel, staff_account_field


class SignatoryQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Signatory(TimeStampedModel):
    """A person who signs agreements, certificates and references for the OPS:
    the Director, or someone acting on the Director's authorisation. The
    Centrum Wolontariatu is an internal unit and never signs in its own name."""

    name = models.CharField(_("first and last name"), max_length=200)
    function = models.CharField(
        _("function"),
        max_length=200,
        help_text=_("As it is printed, e.g. Dyrektor or Kierownik Zespołu ds. usług."),
    )
    on_authorisation = models.BooleanField(
        _("signs on the Director's authorisation"),
        default=True,
        help_text=_("Prints 'z upoważnienia Dyrektora' next to the function."),
    )
    user = staff_account_field(
        _("staff account"),
        help_text=_("Offered first to this user when they prepare a document."),
    )
    is_active = models.BooleanField(_("in use"), default=True)

    objects = SignatoryQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")

    def __str__(self) -> str:
        return f"{self.name} – {self.function}"


class SafetyInformation(TimeStampedModel):
    """What a volunteer is told about the risks of a kind of work and how to
    protect themselves (art. 45 ust. 1 pkt 1 of the act on volunteering);
    printed in the agreement as given, or named as an attached instruction."""

    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(
        _("text"),
        blank=True,
        help_text=_(
            "Printed in the agreement after 'w zakresie:'. Leave empty when the "
            "information is a separate instruction attached to the agreement."
        ),
    )
    category = models.ForeignKey(
        "registry.Category",
        verbose_name=_("help category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Offered first for agreements about this kind of help."),
    )
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("health and safety information")
        verbose_name_plural = _("health and safety information")

    def __str__(self) -> str:
        return self.title
