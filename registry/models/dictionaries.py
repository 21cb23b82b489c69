"""The dictionaries the administrator keeps: districts, skills, categories."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.models.base import Dictionary


class District(Dictionary):
    """Area of the municipality (town or sołectwo), used for matching."""

    class Kind(models.TextChoices):
        TOWN = "town", _("town")
        VILLAGE = "village", _("village (sołectwo)")
        QUARTER = "quarter", _("quarter of the town")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    # A point inside the district; distances between districts are measured
    # between these points.
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5)

    class Meta(Dictionary.Meta):
        verbose_name = _("district")
        verbose_name_plural = _("districts")


class Skill(Dictionary):
    class Meta(Dictionary.Meta):
        verbose_name = _("skill")
        verbose_name_plural = _("skills")


class Category(Dictionary):
    """Category of help (shopping, transport, tutoring…)."""

    involves_minors = models.BooleanField(
        _("work with minors"),
        default=False,
        help_text=_(
            "Requests of this category involve minors: volunteers need the checks "
            "of art. 21 of the act of 13 May 2016."
        ),
    )

    class Meta(Dictionary.Meta):
        verbose_name = _("help category")
        verbose_name_plural = _("help categories")
