import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry import validators
from volunteer_center.core.models import TimeStampedModel
from volunteer_center.core.text import fold

ADULT_AGE = 18
MIN_VOLUNTEER_AGE = 13


def age_on(birth_date: dt.date, day: dt.date) -> int:
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - before_birthday


def vetting_valid_on(
    criminal_record_checked_on, sex_offender_register_checked_on, on: dt.date
) -> bool:
    """Both checks for work with minors were made and are still current on
    ``on`` (settings.VETTING_VALIDITY_DAYS)."""
    since = on - dt.timedelta(days=settings.VETTING_VALIDITY_DAYS)
    return all(
        day is not None and since <= day <= on
        for day in (criminal_record_checked_on, sex_offender_register_checked_on)
    )


def years_ago(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _normalise_phones(obj, *fields: str) -> dict[str, list]:
    """Stores phone numbers as +48…; returns the errors of those that aren't."""
    errors: dict[str, list] = {}
    for field in fields:
        try:
            setattr(obj, field, validators.normalize_phone(getattr(obj, field)))
        except ValidationError as error:
            errors[field] = error.messages
    return errors


# --- Dictionaries -------------------------------------------------------------


class Dictionary(TimeStampedModel):
    name = models.CharField(_("name"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


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

    class Meta(Dictionary.Meta):
        verbose_name = _("help category")
        verbose_name_plural = _("help categories")


# --- Shared pieces --------------------------------------------------------------


class LegalBasis(models.TextChoices):
    CONSENT = "consent", _("consent (RODO art. 6(1)(a))")
    CONTRACT = "contract", _("agreement (RODO art. 6(1)(b))")
    LEGAL_OBLIGATION = "legal_obligation", _("legal obligation (RODO art. 6(1)(c))")
    PUBLIC_TASK = "public_task", _("public task of the OPS (RODO art. 6(1)(e))")


class Address(models.Model):
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(
        _("postal code"),
        max_length=6,
        blank=True,
        validators=[validators.validate_postal_code],
    )
    city = models.CharField(_("town"), max_length=100, default="Czechowice-Dziedzice")
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True


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


# --- Institution ----------------------------------------------------------------


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

    name = models.CharField(_("name"), max_length=250)
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
    phone = models.CharField(
        _("phone"), max_length=16, blank=True, validators=[validators.validate_phone]
    )
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords(excluded_fields=["search_text", "updated_at"])

    search_fields = ("name", "email", "nip")
    objects = SearchQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        constraints = [
            models.UniqueConstraint(
                fields=["nip"], condition=~Q(nip=""), name="institution_nip_unique"
            ),
            models.UniqueConstraint(
                fields=["regon"],
                condition=~Q(regon=""),
                name="institution_regon_unique",
            ),
            models.CheckConstraint(
                condition=Q(postal_code="")
                | Q(postal_code__regex=r"^[0-9]{2}-[0-9]{3}$"),
                name="institution_postal_code_format",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("registry:institution-detail", args=[self.pk])

    def clean(self) -> None:
        self.nip = validators.normalize_nip(self.nip)
        self.regon = validators.normalize_regon(self.regon)
        errors = _normalise_phones(self, "phone")
        if errors:
            raise ValidationError(errors)


class ContactPerson(TimeStampedModel):
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    name = models.CharField(_("first and last name"), max_length=200)
    position = models.CharField(_("position"), max_length=120, blank=True)
    phone = models.CharField(
        _("phone"), max_length=16, blank=True, validators=[validators.validate_phone]
    )
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
        errors = _normalise_phones(self, "phone")
        if errors:
            raise ValidationError(errors)


# --- Volunteer ------------------------------------------------------------------


class VolunteerQuerySet(SearchQuerySet):
    def active(self):
        return self.filter(status=Volunteer.Status.ACTIVE)

    def candidates(self):
        return self.filter(status=Volunteer.Status.CANDIDATE)

    def minors(self, on: dt.date | None = None):
        on = on or timezone.localdate()
        return self.filter(birth_date__gt=years_ago(on, ADULT_AGE))

    def adults(self, on: dt.date | None = None):
        on = on or timezone.localdate()
        return self.filter(birth_date__lte=years_ago(on, ADULT_AGE))

    def vetting_valid(self, on: dt.date | None = None):
        on = on or timezone.localdate()
        since = on - dt.timedelta(days=settings.VETTING_VALIDITY_DAYS)
        return self.filter(
            criminal_record_checked_on__gte=since,
            criminal_record_checked_on__lte=on,
            sex_offender_register_checked_on__gte=since,
            sex_offender_register_checked_on__lte=on,
        )

    def not_anonymised(self):
        return self.filter(anonymised_at__isnull=True)


class Volunteer(Searchable, Address, TimeStampedModel):
    class Status(models.TextChoices):
        CANDIDATE = "candidate", _("candidate")
        ACTIVE = "active", _("active")
        PAUSED = "paused", _("paused")
        FORMER = "former", _("former")

    class Source(models.TextChoices):
        PUBLIC_FORM = "public_form", _("public sign-up form")
        STAFF = "staff", _("entered by staff")
        INSTITUTION = "institution", _("sent by an institution")

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    birth_date = models.DateField(_("date of birth"))
    pesel = models.CharField(
        _("PESEL"), max_length=11, blank=True, validators=[validators.validate_pesel]
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(
        _("phone"), max_length=16, blank=True, validators=[validators.validate_phone]
    )
    reachable_districts = models.ManyToManyField(
        District,
        verbose_name=_("districts the volunteer can reach"),
        blank=True,
        related_name="reachable_by",
    )
    skills = models.ManyToManyField(
        Skill, verbose_name=_("skills"), blank=True, related_name="volunteers"
    )
    interests = models.ManyToManyField(
        Category, verbose_name=_("interests"), blank=True, related_name="volunteers"
    )
    languages = models.CharField(
        _("languages"), max_length=200, blank=True, help_text=_("e.g. English, German")
    )
    has_driving_licence = models.BooleanField(_("driving licence"), default=False)
    has_car = models.BooleanField(_("own car"), default=False)
    max_hours_per_week = models.PositiveSmallIntegerField(
        _("maximum hours per week"), default=6
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.CANDIDATE
    )
    source = models.CharField(
        _("source"), max_length=16, choices=Source.choices, default=Source.STAFF
    )
    sending_institution = models.ForeignKey(
        Institution,
        verbose_name=_("sending institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sent_volunteers",
    )
    # A volunteer under 18 needs the written consent of a legal guardian.
    guardian_name = models.CharField(_("legal guardian"), max_length=200, blank=True)
    guardian_phone = models.CharField(
        _("guardian's phone"),
        max_length=16,
        blank=True,
        validators=[validators.validate_phone],
    )
    guardian_email = models.EmailField(_("guardian's e-mail"), blank=True)
    guardian_consent = models.BooleanField(
        _("guardian's written consent"), default=False
    )
    guardian_consent_on = models.DateField(_("consent date"), null=True, blank=True)
    # Work with minors: only the fact, date and verifier of each check are kept,
    # never a copy of the certificate.
    criminal_record_checked_on = models.DateField(
        _("criminal record (KRK) checked on"), null=True, blank=True
    )
    sex_offender_register_checked_on = models.DateField(
        _("sex offender register checked on"), null=True, blank=True
    )
    vetting_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checks verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    legal_basis = models.CharField(
        _("legal basis for processing"),
        max_length=20,
        choices=LegalBasis.choices,
        default=LegalBasis.CONSENT,
    )
    consent_clause_version = models.CharField(
        _("information clause version"), max_length=20, blank=True
    )
    consent_given_at = models.DateTimeField(
        _("consent given at"), null=True, blank=True
    )
    notes = models.TextField(_("staff notes"), blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    # Changes to skills, interests, reachable districts and availability are
    # written into the change reason (old → new), next to the field changes.
    history = HistoricalRecords(
        excluded_fields=["search_text", "updated_at"],
        history_change_reason_field=models.TextField(null=True),
    )

    search_fields = ("first_name", "last_name", "email")
    objects = VolunteerQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name", "pk"]
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        indexes = [models.Index(fields=["status", "last_name"])]
        constraints = [
            models.UniqueConstraint(
                fields=["pesel"], condition=~Q(pesel=""), name="volunteer_pesel_unique"
            ),
            models.CheckConstraint(
                condition=Q(max_hours_per_week__gte=1, max_hours_per_week__lte=40),
                name="volunteer_max_hours_range",
            ),
            models.CheckConstraint(
                condition=Q(guardian_consent=False) | ~Q(guardian_name=""),
                name="volunteer_guardian_consent_names_guardian",
            ),
            models.CheckConstraint(
                condition=Q(postal_code="")
                | Q(postal_code__regex=r"^[0-9]{2}-[0-9]{3}$"),
                name="volunteer_postal_code_format",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def get_absolute_url(self) -> str:
        return reverse("registry:volunteer-detail", args=[self.pk])

    def clean(self) -> None:
        """The register's rules for a volunteer, for staff forms, the public
        sign-up and imports alike: contacts normalised, PESEL agreeing with the
        date of birth, the age limits of the act on volunteering."""
        errors = _normalise_phones(self, "phone", "guardian_phone")
        self.pesel = (self.pesel or "").strip()
        if self.pesel and self.birth_date:
            try:
                validators.validate_pesel_matches_birth_date(
                    self.pesel, self.birth_date
                )
            except ValidationError as error:
                errors.setdefault("pesel", []).extend(error.messages)
        if self.birth_date:
            today = timezone.localdate()
            age = age_on(self.birth_date, today)
            if self.birth_date > today:
                errors.setdefault("birth_date", []).append(
                    _("The date of birth cannot be in the future.")
                )
            elif age < MIN_VOLUNTEER_AGE:
                errors.setdefault("birth_date", []).append(
                    _(
                        "A person under 13 cannot be registered as a volunteer on "
                        "their own. Children can help together with their school "
                        "or a volunteering club; please contact the centre."
                    )
                )
            elif age < ADULT_AGE:
                errors.update(self._guardian_errors())
        if errors:
            raise ValidationError(errors)

    def _guardian_errors(self) -> dict[str, list]:
        errors: dict[str, list] = {}
        if not self.guardian_name.strip():
            errors["guardian_name"] = [
                _("A volunteer under 18 needs a legal guardian: enter their name.")
            ]
        if not (self.guardian_phone or self.guardian_email):
            errors["guardian_phone"] = [
                _("Enter the legal guardian's phone or e-mail.")
            ]
        if not self.guardian_consent:
            errors["guardian_consent"] = [
                _(
                    "A volunteer under 18 needs the written consent of a legal "
                    "guardian (art. 45 of the act on volunteering)."
                )
            ]
        return errors

    def age(self, on: dt.date | None = None) -> int:
        return age_on(self.birth_date, on or timezone.localdate())

    @property
    def is_minor(self) -> bool:
        return self.age() < ADULT_AGE

    def vetting_valid(self, on: dt.date | None = None) -> bool:
        return vetting_valid_on(
            self.criminal_record_checked_on,
            self.sex_offender_register_checked_on,
            on or timezone.localdate(),
        )

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None


class Availability(models.Model):
    """One cell of the weekly grid: a day and a part of the day."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    class Part(models.TextChoices):
        MORNING = "morning", _("morning (8–12)")
        AFTERNOON = "afternoon", _("afternoon (12–16)")
        EVENING = "evening", _("evening (16–20)")

    # The hours each part of the day stands for, used by matching.
    PART_HOURS = {
        Part.MORNING: (dt.time(8), dt.time(12)),
        Part.AFTERNOON: (dt.time(12), dt.time(16)),
        Part.EVENING: (dt.time(16), dt.time(20)),
    }

    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="availability"
    )
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    part = models.CharField(_("part of the day"), max_length=10, choices=Part.choices)

    class Meta:
        ordering = ["weekday", "part"]
        verbose_name = _("availability")
        verbose_name_plural = _("availability")
        # Matching looks volunteers up by cell (benchmarks/bench_matching.py).
        indexes = [models.Index(fields=["weekday", "part", "volunteer"])]
        constraints = [
            models.UniqueConstraint(
                fields=["volunteer", "weekday", "part"], name="availability_unique_slot"
            ),
            models.CheckConstraint(
                condition=Q(weekday__gte=0, weekday__lte=6),
                name="availability_weekday_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()}, {self.get_part_display()}"

    @property
    def hours(self) -> tuple[dt.time, dt.time]:
        return self.PART_HOURS[self.part]


# --- Beneficiary ----------------------------------------------------------------


class BeneficiaryQuerySet(SearchQuerySet):
    def visible_to(self, user):
        """Coordinators see all; a social worker sees their own beneficiaries."""
        if user.has_perm("registry.view_all_beneficiaries"):
            return self
        return self.filter(social_worker=user)


class Beneficiary(Searchable, Address, TimeStampedModel):
    """A person who receives help. Sensitive: minimum data, restricted access."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("receives help")
        INACTIVE = "inactive", _("no longer receives help")

    class Contact(models.TextChoices):
        PHONE = "phone", _("phone")
        EMAIL = "email", _("e-mail")
        IN_PERSON = "in_person", _("in person")
        SOCIAL_WORKER = "social_worker", _("through the social worker")

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    phone = models.CharField(
        _("phone"), max_length=16, blank=True, validators=[validators.validate_phone]
    )
    email = models.EmailField(_("e-mail"), blank=True)
    needs = models.TextField(_("needs"), blank=True)
    preferred_contact = models.CharField(
        _("preferred contact"),
        max_length=16,
        choices=Contact.choices,
        default=Contact.PHONE,
    )
    social_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible social worker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="beneficiaries",
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
    history = HistoricalRecords(excluded_fields=["search_text", "updated_at"])

    search_fields = ("first_name", "last_name", "email")
    objects = BeneficiaryQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name", "pk"]
        verbose_name = _("beneficiary")
        verbose_name_plural = _("beneficiaries")
        permissions = [
            (
                "view_all_beneficiaries",
                _("Can see every beneficiary, not only own ones"),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(postal_code="")
                | Q(postal_code__regex=r"^[0-9]{2}-[0-9]{3}$"),
                name="beneficiary_postal_code_format",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def get_absolute_url(self) -> str:
        return reverse("registry:beneficiary-detail", args=[self.pk])

    def clean(self) -> None:
        errors = _normalise_phones(self, "phone")
        if errors:
            raise ValidationError(errors)


# --- Advice and support (porady) ---------------------------------------------


class ConsultationTopic(Dictionary):
    """What a consultation was about; the administrator edits the list."""

    class Meta(Dictionary.Meta):
        verbose_name = _("consultation topic")
        verbose_name_plural = _("consultation topics")


class OfficeHoursQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class OfficeHours(TimeStampedModel):
    """A weekly block of office hours, split into bookable slots."""

    weekday = models.PositiveSmallIntegerField(
        _("day"), choices=Availability.Weekday.choices
    )
    start = models.TimeField(_("from"))
    end = models.TimeField(_("until"))
    slot_minutes = models.PositiveSmallIntegerField(
        _("length of one visit (minutes)"), default=20
    )
    is_active = models.BooleanField(_("in use"), default=True)

    objects = OfficeHoursQuerySet.as_manager()

    class Meta:
        ordering = ["weekday", "start"]
        verbose_name = _("office hours")
        verbose_name_plural = _("office hours")
        constraints = [
            models.CheckConstraint(
                condition=Q(weekday__gte=0, weekday__lte=6),
                name="officehours_weekday_range",
            ),
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")),
                name="officehours_end_after_start",
                violation_error_message=_("The end must be later than the start."),
            ),
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=5, slot_minutes__lte=240),
                name="officehours_slot_minutes_range",
                violation_error_message=_("A visit lasts between 5 and 240 minutes."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start:%H:%M}–{self.end:%H:%M}"

    def clean(self) -> None:
        if self.start is None or self.end is None or not self.is_active:
            return
        clash = (
            OfficeHours.objects.active()
            .filter(weekday=self.weekday, start__lt=self.end, end__gt=self.start)
            .exclude(pk=self.pk)
            .first()
        )
        if clash is not None:
            raise ValidationError(
                _("These hours overlap other office hours on that day: %(other)s.")
                % {"other": clash}
            )

    def slot_starts(self) -> list[dt.time]:
        """The start of every whole slot that fits between start and end."""
        step = dt.timedelta(minutes=self.slot_minutes)
        day = dt.date(2000, 1, 3)  # any date: only the times matter
        moment = dt.datetime.combine(day, self.start)
        last = dt.datetime.combine(day, self.end) - step
        starts = []
        while moment <= last:
            starts.append(moment.time())
            moment += step
        return starts


def _exactly_one(*conditions: Q) -> Q:
    result = Q()
    for index, condition in enumerate(conditions):
        term = condition
        for other_index, other in enumerate(conditions):
            if other_index != index:
                term &= ~other
        result |= term
    return result


MAX_CONSULTATION_MINUTES = 480


class ConsultationQuerySet(models.QuerySet):
    def occupying_the_desk(self):
        """In-person visits still planned or held: each takes a slot."""
        return self.filter(
            form=Consultation.Form.IN_PERSON,
            status__in=Consultation.OCCUPYING_STATUSES,
        )

    def overlapping(self, start: dt.datetime, end: dt.datetime) -> list:
        """The consultations that overlap [start, end)."""
        nearby = self.filter(
            starts_at__lt=end,
            starts_at__gt=start - dt.timedelta(minutes=MAX_CONSULTATION_MINUTES),
        )
        return [c for c in nearby if c.ends_at > start]

    def follow_up_due(self, on: dt.date | None = None):
        return self.filter(
            follow_up=True, follow_up_due__lte=on or timezone.localdate()
        )


class Consultation(TimeStampedModel):
    """One act of advice or support, held or planned (a booked visit)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        HELD = "held", _("held")
        CANCELLED = "cancelled", _("cancelled")
        NO_SHOW = "no_show", _("did not come")

    class Form(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        PHONE = "phone", _("phone")
        EMAIL = "email", _("e-mail")

    OCCUPYING_STATUSES = (Status.PLANNED, Status.HELD)

    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.HELD
    )
    starts_at = models.DateTimeField(_("date and time"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=20
    )
    # Who was advised: exactly one of a volunteer, a beneficiary, an
    # institution, or a walk-in person recorded with a name and a contact only.
    volunteer = models.ForeignKey(
        Volunteer,
        verbose_name=_("volunteer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    beneficiary = models.ForeignKey(
        Beneficiary,
        verbose_name=_("beneficiary"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    walk_in_name = models.CharField(
        _("walk-in person: name"), max_length=200, blank=True
    )
    walk_in_phone = models.CharField(
        _("walk-in person: phone"),
        max_length=16,
        blank=True,
        validators=[validators.validate_phone],
    )
    walk_in_email = models.EmailField(_("walk-in person: e-mail"), blank=True)
    topic = models.ForeignKey(
        ConsultationTopic,
        verbose_name=_("topic"),
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    form = models.CharField(
        _("form"), max_length=16, choices=Form.choices, default=Form.IN_PERSON
    )
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("advice given by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations_given",
    )
    notes = models.TextField(_("notes"), blank=True)
    follow_up = models.BooleanField(_("follow-up needed"), default=False)
    follow_up_due = models.DateField(_("follow-up due"), null=True, blank=True)
    booked_online = models.BooleanField(
        _("booked through the public form"), default=False, editable=False
    )
    consent_clause_version = models.CharField(
        _("information clause version"), max_length=20, blank=True
    )
    consent_given_at = models.DateTimeField(
        _("consent given at"), null=True, blank=True
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        indexes = [models.Index(fields=["starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=_exactly_one(
                    Q(volunteer__isnull=False),
                    Q(beneficiary__isnull=False),
                    Q(institution__isnull=False),
                    ~Q(walk_in_name=""),
                ),
                name="consultation_exactly_one_person",
                violation_error_message=_(
                    "Choose exactly one person advised: a volunteer, a "
                    "beneficiary, an institution, or a walk-in person's name."
                ),
            ),
            models.CheckConstraint(
                condition=Q(follow_up=False) | Q(follow_up_due__isnull=False),
                name="consultation_follow_up_has_due_date",
                violation_error_message=_("Enter the date the follow-up is due."),
            ),
            models.CheckConstraint(
                condition=Q(
                    duration_minutes__gte=1,
                    duration_minutes__lte=MAX_CONSULTATION_MINUTES,
                ),
                name="consultation_duration_range",
                violation_error_message=_(
                    "A consultation lasts between 1 and 480 minutes."
                ),
            ),
            # One desk: two in-person visits cannot start at the same time.
            # The database holds this even when two residents book the same
            # slot at the same moment.
            models.UniqueConstraint(
                fields=["starts_at"],
                condition=Q(form="in_person", status__in=["planned", "held"]),
                name="consultation_one_visit_per_slot",
                violation_error_message=_(
                    "This time has already been booked. Please choose another one."
                ),
            ),
        ]

    def __str__(self) -> str:
        when = timezone.localtime(self.starts_at).strftime("%Y-%m-%d %H:%M")
        return f"{when} — {self.person_name}"

    def get_absolute_url(self) -> str:
        return reverse("registry:consultation-detail", args=[self.pk])

    @property
    def person(self):
        return self.volunteer or self.beneficiary or self.institution

    @property
    def occupies_the_desk(self) -> bool:
        """The same rule as ``ConsultationQuerySet.occupying_the_desk``."""
        return (
            self.form == self.Form.IN_PERSON and self.status in self.OCCUPYING_STATUSES
        )

    @property
    def person_name(self) -> str:
        return str(self.person or self.walk_in_name)

    @property
    def walk_in_phone_display(self) -> str:
        return validators.format_phone(self.walk_in_phone)

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=self.duration_minutes)

    @property
    def follow_up_overdue(self) -> bool:
        return bool(
            self.follow_up
            and self.follow_up_due
            and self.follow_up_due < timezone.localdate()
        )

    def clean(self) -> None:
        self.walk_in_name = self.walk_in_name.strip()
        errors = _normalise_phones(self, "walk_in_phone")
        if self.follow_up and self.follow_up_due is None:
            errors["follow_up_due"] = [_("Enter the date the follow-up is due.")]
        if not self.walk_in_name and (self.walk_in_phone or self.walk_in_email):
            errors["walk_in_name"] = [_("A walk-in person's contact needs their name.")]
        if errors:
            raise ValidationError(errors)
