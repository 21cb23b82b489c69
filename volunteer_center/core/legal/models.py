from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from volunteer_center.core.models import TimeStampedModel


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
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = StandardsQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]
        verbose_name = _("child protection standards")
        verbose_name_plural = _("child protection standards")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(version__gte=1),
                name="childprotectionstandards_version_positive",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"
