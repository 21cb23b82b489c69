import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from registry import rules, validators
from registry.models.base import (
    GrammaticalGender,
    LegalBasis,
    Person,
    PersonQuerySet,
    different_persons_field,
    gender_from_pesel,
    normalise_phones,
    phone_field,
    postal_code_format,
    unique_when_given,
)
from registry.models.dictionaries import Category, District, Skill
from registry.models.institutions import Institution
from registry.models.vetting import VettingRecord
from volunteer_center.core.collation import POLISH
from volunteer_center.core.constraints import (
    day_of_week,
    ends_after_start,
    guardian_named,
)
from volunteer_center.core.dates import storable_dates
from volunteer_center.core.indexes import TrigramIndex
from volunteer_center.core.models import history_with_list_changes, staff_account_field

# What volunteers tell about themselves, in the order the sign-up, the staff
# form, the import file and the admin list it: how to reach them and where
# they can go, then the help they offer.
CONTACT = [
    "email",
    "phone",
    "street",
    "postal_code",
    "city",
    "district",
    "reachable_districts",
]
OFFER = [
    "skills",
    "interests",
    "languages",
    "has_driving_licence",
    "has_car",
    "max_hours_per_week",
]
CONTACT_AND_OFFER = [*CONTACT, *OFFER]
# How to reach a minor's legal representative (art. 17 KC).
GUARDIAN = [
    "guardian_name",
    "guardian_phone",
    "guardian_email",
]


class VolunteerQuerySet(PersonQuerySet):
    def active(self):
        return self.filter(status=Volunteer.Status.ACTIVE)

    def candidates(self):
        return self.filter(status=Volunteer.Status.CANDIDATE)

    def minors(self, on: dt.date | None = None):
        return self.filter(rules.minors_q(on or timezone.localdate()))

    def adults(self, on: dt.date | None = None):
        return self.filter(rules.adults_q(on or timezone.localdate()))

    def may_work(self, on: dt.date | None = None):
        """Adults, and minors with their guardian's consent."""
        return self.filter(rules.may_work_q(on or timezone.localdate()))

    def vetting_valid(self, on: dt.date | None = None):
        return self.filter(rules.vetting_valid_q(on or timezone.localdate()))


class GuardianConsentMethod(models.TextChoices):
    EMAIL_LINK = "email_link", _("confirmed through the link e-mailed to them")
    SIGNATURE = "signature", _("signed on the agreement")
    PAPER = "paper", _("written consent on paper")


# A volunteer's status as said of a woman, and of someone whose form of
# address is not given (``Volunteer.get_status_display``).
_STATUS_BY_FORM = {
    GrammaticalGender.FEMALE: {
        "candidate": pgettext_lazy("volunteer status of a woman", "candidate"),
        "active": pgettext_lazy("volunteer status of a woman", "active"),
        "paused": pgettext_lazy("volunteer status of a woman", "paused"),
        "former": pgettext_lazy("volunteer status of a woman", "former"),
    },
    GrammaticalGender.NEUTRAL: {
        "candidate": pgettext_lazy("volunteer status, form not given", "candidate"),
        "active": pgettext_lazy("volunteer status, form not given", "active"),
        "paused": pgettext_lazy("volunteer status, form not given", "paused"),
        "former": pgettext_lazy("volunteer status, form not given", "former"),
    },
}


class Volunteer(Person, VettingRecord):
    class Status(models.TextChoices):
        CANDIDATE = "candidate", _("candidate")
        ACTIVE = "active", _("active")
        PAUSED = "paused", _("paused")
        FORMER = "former", _("former")

    class Source(models.TextChoices):
        PUBLIC_FORM = "public_form", _("public sign-up form")
        STAFF = "staff", _("entered by staff")
        INSTITUTION = "institution", _("sent by an institution")

    first_name = models.CharField(_("first name"), max_length=100, db_collation=POLISH)
    last_name = models.CharField(_("last name"), max_length=100, db_collation=POLISH)
    birth_date = models.DateField(_("date of birth"))
    pesel = models.CharField(
        _("PESEL"), max_length=11, blank=True, validators=[validators.validate_pesel]
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = phone_field(_("phone"))
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
    # A minor concludes the agreement with the consent of their przedstawiciel
    # ustawowy (art. 17 KC): a parent or legal guardian (art. 98 KRiO).
    guardian_name = models.CharField(
        _("legal representative (parent or legal guardian)"),
        max_length=200,
        blank=True,
    )
    guardian_phone = phone_field(_("legal representative's phone"))
    guardian_email = models.EmailField(_("legal representative's e-mail"), blank=True)
    guardian_consent = models.BooleanField(
        _("consent of the legal representative"), default=False, editable=False
    )
    guardian_consent_on = models.DateField(
        _("consent given on"), null=True, blank=True, editable=False
    )
    guardian_consent_method = models.CharField(
        _("how the consent was given"),
        max_length=12,
        choices=GuardianConsentMethod.choices,
        blank=True,
        editable=False,
    )
    guardian_consent_recorded_by = staff_account_field(
        _("consent recorded by"), editable=False
    )
    legal_basis = models.CharField(
        _("legal basis for processing"),
        max_length=20,
        choices=LegalBasis.choices,
        default=LegalBasis.PUBLIC_TASK,
    )
    consent_clause_version = models.CharField(
        _("information clause version"), max_length=20, blank=True
    )
    consent_given_at = models.DateTimeField(
        _("information clause read at"), null=True, blank=True
    )
    # Consents that are really voluntary (RODO art. 6(1)(a)); withdrawn by
    # registry.consents.volunteer_consent_withdraw.
    newsletter_consent_at = models.DateTimeField(
        _("consent to news by e-mail given at"), null=True, blank=True, editable=False
    )
    image_consent_at = models.DateTimeField(
        _("consent to publishing photographs given at"),
        null=True,
        blank=True,
        editable=False,
    )
    # Text messages are voluntary (RODO art. 6(1)(a)): sent only while this
    # consent stands; withdrawing it clears the date.
    sms_consent_at = models.DateTimeField(
        _("consent to text messages given at"), null=True, blank=True
    )
    # Part of the private calendar address: raising it makes the old address
    # stop working (the calendar feed signs it).
    calendar_generation = models.PositiveIntegerField(
        _("calendar address generation"), default=0
    )
    notes = models.TextField(_("staff notes"), blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    different_from = different_persons_field()
    # Changes to skills, interests, reachable districts and availability are
    # written into the change reason (old → new), next to the field changes.
    history = history_with_list_changes("search_text")

    objects = VolunteerQuerySet.as_manager()

    class Meta(Person.Meta):
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        indexes = [
            models.Index(fields=["status", "last_name"]),
            # The staff list's order (Meta.ordering): a page is read off the
            # index, page 500 from the index alone (core.pagination).
            models.Index(
                fields=["last_name", "first_name", "id"],
                condition=Q(anonymised_at__isnull=True),
                name="volunteer_list_order_idx",
            ),
            TrigramIndex(fields=["search_text"], name="volunteer_search_trgm_idx"),
            # The dashboard's newest sign-ups of a status, read off the index
            # instead of sorting all 20,000 candidates of the 100k register.
            models.Index(
                fields=["status", "-created_at", "-id"],
                condition=Q(anonymised_at__isnull=True),
                name="volunteer_newest_by_status_idx",
            ),
            # The staff list's count (the paginator's COUNT(*)), whole or by
            # status and district: an index-only scan of the smallest index,
            # an eighth of the order index's pages (benchmarks/RESULTS.md).
            models.Index(
                fields=["status", "district"],
                condition=Q(anonymised_at__isnull=True),
                name="volunteer_count_idx",
            ),
        ]
        constraints = [
            storable_dates(
                "volunteer",
                "birth_date",
                "guardian_consent_on",
                "criminal_record_checked_on",
                "sex_offender_register_checked_on",
                "consent_given_at",
                "sms_consent_at",
                "anonymised_at",
                "abroad_checked_on",
                "criminal_record_issued_on",
                "image_consent_at",
                "minors_engagement_ended_on",
                "newsletter_consent_at",
                "standards_acknowledged_on",
            ),
            unique_when_given(
                "volunteer",
                "pesel",
                _("A volunteer with this PESEL is already in the register."),
            ),
            models.CheckConstraint(
                condition=Q(max_hours_per_week__gte=1, max_hours_per_week__lte=40),
                name="volunteer_max_hours_range",
                violation_error_message=_(
                    "The maximum hours per week must be between 1 and 40."
                ),
            ),
            guardian_named("volunteer"),
            # A consent says how it was given and when (art. 17 KC).
            models.CheckConstraint(
                condition=Q(guardian_consent=False)
                | (
                    ~Q(guardian_consent_method="")
                    & Q(guardian_consent_on__isnull=False)
                ),
                name="volunteer_guardian_consent_says_how_and_when",
                violation_error_message=_(
                    "A legal representative's consent needs the day and the way "
                    "it was given."
                ),
            ),
            postal_code_format("volunteer"),
        ]

    def get_absolute_url(self) -> str:
        return reverse("registry:volunteer-detail", args=[self.pk])

    def get_status_display(self) -> str:
        """The status as said of this volunteer: Polish agrees it with the
        form of address ("aktywna", "kandydatka"; "aktywny(-a)" when it is not
        given). The choices' own labels are the masculine forms."""
        said = _STATUS_BY_FORM.get(self.gender, {}).get(self.status)
        return str(said or dict(self.Status.choices).get(self.status, self.status))

    def clean(self) -> None:
        """The register's rules for a volunteer, for staff forms, the public
        sign-up and imports alike: contacts normalised, PESEL agreeing with the
        date of birth, the age limits of the act on volunteering."""
        normalise_phones(self, "phone", "guardian_phone")
        errors: dict[str, list] = {}
        self.pesel = (self.pesel or "").strip()
        if not self.gender:
            self.gender = gender_from_pesel(self.pesel)
        if self.pesel and self.birth_date:
            try:
                validators.validate_pesel_matches_birth_date(
                    self.pesel, self.birth_date
                )
            except ValidationError as error:
                errors.setdefault("pesel", []).extend(error.messages)
        if self.birth_date:
            today = timezone.localdate()
            age = rules.age_on(self.birth_date, today)
            if self.birth_date > today:
                errors.setdefault("birth_date", []).append(
                    _("The date of birth cannot be in the future.")
                )
            elif age < rules.min_volunteer_age():
                errors.setdefault("birth_date", []).append(
                    _(
                        "The centre registers volunteers from the age of %(age)s "
                        "(its own rule, not a legal requirement). Younger children "
                        "can help together with their school or a volunteering "
                        "club; please contact the centre."
                    )
                    % {"age": rules.min_volunteer_age()}
                )
            elif age > rules.max_volunteer_age():
                errors.setdefault("birth_date", []).append(
                    _(
                        "Please check the date of birth: a volunteer is at most "
                        "%(age)s years old."
                    )
                    % {"age": rules.max_volunteer_age()}
                )
            elif rules.is_minor_on(self.birth_date, today):
                errors.update(self._guardian_errors())
        if errors:
            raise ValidationError(errors)

    def _guardian_errors(self) -> dict[str, list]:
        """A minor names their legal representative and how to reach them; the
        consent itself comes from that person (registry.consents), and until
        it does the minor stays a candidate."""
        errors: dict[str, list] = {}
        if not self.guardian_name.strip():
            errors["guardian_name"] = [
                _(
                    "A volunteer under 18 needs their legal representative (parent "
                    "or legal guardian): enter their name."
                )
            ]
        if not (self.guardian_phone or self.guardian_email):
            errors["guardian_phone"] = [
                _("Enter the legal representative's phone or e-mail.")
            ]
        return errors

    def age(self, on: dt.date | None = None) -> int:
        return rules.age_on(self.birth_date, on or timezone.localdate())

    @property
    def is_minor(self) -> bool:
        return rules.is_minor_on(self.birth_date, timezone.localdate())

    def may_work_on(self, day: dt.date) -> bool:
        return rules.may_work_on(
            birth_date=self.birth_date,
            guardian_consent=self.guardian_consent,
            day=day,
        )

    def vetting_valid(self, on: dt.date | None = None) -> bool:
        return rules.vetting_valid_on(self, on or timezone.localdate())

    def vetting_problem(self, on: dt.date | None = None) -> str | None:
        return rules.vetting_problem(self, on or timezone.localdate())


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
                fields=["volunteer", "weekday", "part"],
                name="availability_unique_slot",
                violation_error_message=_("This part of the week is already ticked."),
            ),
            day_of_week("availability"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()}, {self.get_part_display()}"

    @property
    def hours(self) -> tuple[dt.time, dt.time]:
        return self.PART_HOURS[self.part]


class WeeklyWindow(models.Model):
    """Hours of one day, every week: a request's time slot, a block of office
    hours. What the database holds of it: ``weekly_window_constraints``."""

    weekday = models.PositiveSmallIntegerField(
        _("day"), choices=Availability.Weekday.choices
    )
    start = models.TimeField(_("from"))
    end = models.TimeField(_("until"))

    class Meta:
        abstract = True
        ordering = ["weekday", "start"]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.span}"

    @property
    def span(self) -> str:
        """ "13:00–15:00": the hours alone, for a line that already names the day."""
        return f"{self.start:%H:%M}–{self.end:%H:%M}"


def weekly_window_constraints(name: str) -> list:
    """A day of the week, and an end later than the start."""
    return [day_of_week(name), ends_after_start(name)]
