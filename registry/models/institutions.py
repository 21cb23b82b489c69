from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry import validators
from registry.models.base import (
    Address,
    Searchable,
    SearchQuerySet,
    normalise_phones,
    phone_field,
    postal_code_format,
    unique_when_given,
)
from volunteer_center.core.collation import POLISH
from volunteer_center.core.indexes import TrigramIndex
from volunteer_center.core.models import TimeStampedModel, history_with_list_changes

# An institution's record in the order the staff form and the import file
# list it.
INSTITUTION_FIELDS = [
    "name",
    "kind",
    "receives_help",
    "sends_volunteers",
    "programme_partner",
    "nip",
    "regon",
    "krs",
    "street",
    "postal_code",
    "city",
    "district",
    "phone",
    "email",
    "website",
    "notes",
]


class Institution(Searchable, Address, TimeStampedModel):
    class Kind(models.TextChoices):
        SCHOOL = "school", _("school")
        KINDERGARTEN = "kindergarten", _("kindergarten")
        PARISH = "parish", _("parish")
        ASSOCIATION = "association", _("association")
        FOUNDATION = "foundation", _("foundation")
        CARE_HOME = "care_home", _("care home")
        PUBLIC_BODY = "public_body", _("public body")
        COMPANY = "company", _("company")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=250, db_collation=POLISH)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    receives_help = models.BooleanField(_("receives help"), default=False)
    sends_volunteers = models.BooleanField(_("sends volunteers"), default=False)
    programme_partner = models.BooleanField(_("programme partner"), default=False)
    nip = models.CharField(
        _("NIP"), max_length=10, blank=True, validators=[validators.validate_nip]
    )
    regon = models.CharField(
        _("REGON"), max_length=14, blank=True, validators=[validators.validate_regon]
    )
    krs = models.CharField(
        _("KRS"), max_length=10, blank=True, validators=[validators.validate_krs]
    )
    phone = phone_field(_("phone"))
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # Changes to the contact persons are written into the change reason, next
    # to the field changes (each person's own history keeps the values).
    history = history_with_list_changes("search_text")

    search_fields = ("name", "email", "nip")
    objects = SearchQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["name"], name="institution_name_idx"),
            TrigramIndex(fields=["search_text"], name="institution_search_trgm_idx"),
        ]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        constraints = [
            unique_when_given(
                "institution",
                "nip",
                _("An institution with this NIP is already in the register."),
            ),
            unique_when_given(
                "institution",
                "regon",
                _("An institution with this REGON is already in the register."),
            ),
            postal_code_format("institution"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("registry:institution-detail", args=[self.pk])

    def clean(self) -> None:
        self.nip = validators.normalize_nip(self.nip)
        self.regon = validators.normalize_regon(self.regon)
        normalise_phones(self, "phone")


class ContactPerson(TimeStampedModel):
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    name = models.CharField(
        _("first and last name"), max_length=200, db_collation=POLISH
    )
    position = models.CharField(_("position"), max_length=120, blank=True)
    phone = phone_field(_("phone"))
    email = models.EmailField(_("e-mail"), blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    @property
    def phone_display(self) -> str:
        return validators.format_phone(self.phone)

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        normalise_phones(self, "phone")
