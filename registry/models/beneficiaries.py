from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from registry.models.base import (
    LegalBasis,
    Person,
    PersonQuerySet,
    different_persons_field,
    normalise_phones,
    phone_field,
    postal_code_format,
)
from volunteer_center.core.collation import POLISH
from volunteer_center.core.dates import storable_dates
from volunteer_center.core.indexes import TrigramIndex
from volunteer_center.core.models import history_with_list_changes, staff_account_field


class BeneficiaryQuerySet(PersonQuerySet):
    def visible_to(self, user):
        """Coordinators see all; a social worker sees their own beneficiaries."""
        if user.has_perm("registry.view_all_beneficiaries"):
            return self
        return self.filter(social_worker=user)


class Beneficiary(Person):
    """A person who receives help. Sensitive: minimum data, restricted access."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("receives help")
        INACTIVE = "inactive", _("no longer receives help")

    class Contact(models.TextChoices):
        PHONE = "phone", _("phone")
        EMAIL = "email", _("e-mail")
        IN_PERSON = "in_person", _("in person")
        SOCIAL_WORKER = "social_worker", _("through the social worker")

    first_name = models.CharField(_("first name"), max_length=100, db_collation=POLISH)
    last_name = models.CharField(_("last name"), max_length=100, db_collation=POLISH)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    phone = phone_field(_("phone"))
    email = models.EmailField(_("e-mail"), blank=True)
    needs = models.TextField(
        _("needs"),
        blank=True,
        help_text=_(
            "What help is needed, in everyday words. Do not write diagnoses or "
            "other health details unless the help cannot be given without them "
            "(RODO art. 9); only the responsible social worker and the "
            "coordinators see this."
        ),
    )
    preferred_contact = models.CharField(
        _("preferred contact"),
        max_length=16,
        choices=Contact.choices,
        default=Contact.PHONE,
    )
    social_worker = staff_account_field(
        _("responsible social worker"), related_name="beneficiaries"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    legal_basis = models.CharField(
        _("legal basis for processing"),
        max_length=20,
        choices=LegalBasis.choices,
        default=LegalBasis.PUBLIC_TASK,
    )
    notes = models.TextField(_("notes"), blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    different_from = different_persons_field()
    # The people a save confirmed to be someone else are written into the
    # change reason, next to the field changes.
    history = history_with_list_changes("search_text")

    objects = BeneficiaryQuerySet.as_manager()

    class Meta(Person.Meta):
        indexes = [
            models.Index(
                fields=["last_name", "first_name", "id"],
                name="beneficiary_list_order_idx",
            ),
            TrigramIndex(fields=["search_text"], name="beneficiary_search_trgm_idx"),
        ]
        verbose_name = _("beneficiary")
        verbose_name_plural = _("beneficiaries")
        permissions = [
            (
                "view_all_beneficiaries",
                _("Can see every beneficiary, not only own ones"),
            ),
        ]
        constraints = [
            storable_dates("beneficiary", "birth_date", "anonymised_at"),
            postal_code_format("beneficiary"),
        ]

    def get_absolute_url(self) -> str:
        return reverse("registry:beneficiary-detail", args=[self.pk])

    def clean(self) -> None:
        normalise_phones(self, "phone")
