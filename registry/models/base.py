"""Pieces the register's models share: dictionaries, the legal basis of
processing, an address, a phone number, the folded search text, a person."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from registry import validators
from volunteer_center.core.collation import POLISH
from volunteer_center.core.models import TimeStampedModel, optional_link
from volunteer_center.core.text import fold


def normalise_phones(obj, *fields: str) -> None:
    """Stores phone numbers as +48…. A value that is no phone number is left as
    typed: the field's own validator (``validate_phone``) reports it, so the
    error appears once, not again from the model's ``clean()``."""
    for field in fields:
        try:
            setattr(obj, field, validators.normalize_phone(getattr(obj, field)))
        except ValidationError:
            continue


def phone_field(verbose_name) -> models.CharField:
    """A phone number, stored as +48… by the model's ``clean()``
    (``normalise_phones``): room for the longest international number."""
    return models.CharField(
        verbose_name, max_length=16, blank=True, validators=[validators.validate_phone]
    )


class Dictionary(TimeStampedModel):
    name = models.CharField(_("name"), max_length=120, unique=True, db_collation=POLISH)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class LegalBasis(models.TextChoices):
    CONSENT = "consent", _("consent (RODO art. 6(1)(a))")
    CONTRACT = "contract", _("agreement (RODO art. 6(1)(b))")
    LEGAL_OBLIGATION = "legal_obligation", _("legal obligation (RODO art. 6(1)(c))")
    PUBLIC_TASK = "public_task", _("public task of the OPS (RODO art. 6(1)(e))")


class GrammaticalGender(models.TextChoices):
    """How documents address a person: Polish agrees participles and verbs with
    it ("zwana dalej", "wykonywał"); unknown means neutral wording."""

    NEUTRAL = "", _("not given (neutral wording)")
    FEMALE = "female", _("female (Ms)")
    MALE = "male", _("male (Mr)")


def gender_from_pesel(pesel: str) -> str:
    """The tenth digit of a PESEL is even for women and odd for men."""
    if len(pesel) != 11 or not pesel.isdigit():
        return GrammaticalGender.NEUTRAL
    if int(pesel[9]) % 2 == 0:
        return GrammaticalGender.FEMALE
    return GrammaticalGender.MALE


class Addressed(models.Model):
    """A person whom documents name and address in the right grammatical form."""

    gender = models.CharField(
        _("form of address in documents"),
        max_length=8,
        choices=GrammaticalGender.choices,
        blank=True,
        default=GrammaticalGender.NEUTRAL,
        help_text=_(
            "Decides the wording of agreements and certificates ('zwana'/'zwany'). "
            "Filled in from the PESEL when there is one."
        ),
    )

    class Meta:
        abstract = True


def postal_code_format(name: str) -> models.CheckConstraint:
    """The database's side of ``validators.validate_postal_code`` for a model
    with an ``Address``: empty, or two digits, a hyphen and three digits."""
    return models.CheckConstraint(
        condition=Q(postal_code="") | Q(postal_code__regex=r"^[0-9]{2}-[0-9]{3}$"),
        name=f"{name}_postal_code_format",
        violation_error_message=_("Write the postal code as 43-502."),
    )


def unique_when_given(name: str, field: str, message) -> models.UniqueConstraint:
    """An official number (PESEL, NIP, REGON) that a record may lack, but that
    no two records of the register share."""
    return models.UniqueConstraint(
        fields=[field],
        condition=~Q(**{field: ""}),
        name=f"{name}_{field}_unique",
        violation_error_message=message,
    )


class Address(models.Model):
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(
        _("postal code"),
        max_length=6,
        blank=True,
        validators=[validators.validate_postal_code],
    )
    city = models.CharField(_("town"), max_length=100, default="Czechowice-Dziedzice")
    district = optional_link("registry.District", _("district"))

    class Meta:
        abstract = True

    @property
    def full_address(self) -> str:
        """One line, as on an envelope: "ul. Nad Białką 1B, 43-502 Czechowice"."""
        town = " ".join(part for part in (self.postal_code, self.city) if part)
        return ", ".join(part for part in (self.street, town) if part)


class Searchable(models.Model):
    """Keeps ``search_text``: the record's names and contacts folded to lower
    case without diacritics, so a search for "zolc" finds "Żółć" on any database."""

    search_text = models.CharField(max_length=500, editable=False, default="")
    search_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.search_text = self.build_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    @property
    def phone_display(self) -> str:
        return validators.format_phone(getattr(self, "phone", ""))

    def build_search_text(self) -> str:
        parts = [str(getattr(self, name) or "") for name in self.search_fields]
        phone = getattr(self, "phone", "")
        if phone:
            parts.append(phone.removeprefix("+48"))
        return fold(" ".join(parts))[:500]


class SearchQuerySet(models.QuerySet):
    def search(self, text: str):
        query = self
        for word in fold(text).split():
            query = query.filter(search_text__contains=word)
        return query


class PersonQuerySet(SearchQuerySet):
    def not_anonymised(self):
        return self.filter(anonymised_at__isnull=True)


def different_persons_field() -> models.ManyToManyField:
    """The records staff confirmed to be another person though they share an
    e-mail address or a phone (docs/ARCHITECTURE.md, Rules): the duplicate
    check leaves them out."""
    return models.ManyToManyField(
        "self", verbose_name=_("confirmed as a different person"), blank=True
    )


class Person(Searchable, Address, Addressed, TimeStampedModel):
    """A person of the register (a volunteer, a beneficiary): found by name
    and e-mail, listed by name, anonymised when the data may no longer be
    kept (registry.erasure). Each model declares its own ``first_name``,
    ``last_name``, ``email``, ``anonymised_at`` and ``different_from``
    (``different_persons_field``), so that they keep their places in its
    forms and in its data export."""

    search_fields = ("first_name", "last_name", "email")

    class Meta:
        abstract = True
        ordering = ["last_name", "first_name", "pk"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None
