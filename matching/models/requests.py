"""Help requests, their schedules, assignments of volunteers, hours and programmes.

A request's schedule is always a date range plus weekly slots: a one-off visit
is the range of one day with one slot on that day's weekday. The matching
engine then needs only one notion of time.
"""

import datetime as dt
from decimal import Decimal

from django.db import models
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from matching.models.assignments import Assignment
from matching.models.programmes import Programme
from registry.models import (
    Availability,
    Beneficiary,
    Category,
    District,
    Institution,
    Skill,
    WeeklyWindow,
    weekly_window_constraints,
)
from volunteer_center.core.constraints import period_in_order
from volunteer_center.core.dates import storable_dates
from volunteer_center.core.models import (
    TimeStampedModel,
    history_with_list_changes,
    optional_link,
    staff_account_field,
)
from volunteer_center.core.text import place_in_words

Weekday = Availability.Weekday


def party_key(beneficiary_id: int | None, institution_id: int | None) -> str:
    """Who a request is for, as the engine's continuity rule compares it."""
    return f"b:{beneficiary_id}" if beneficiary_id else f"i:{institution_id}"


def hours_between(start: dt.time, end: dt.time) -> Decimal:
    minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    return (Decimal(minutes) / 60).quantize(Decimal("0.01"))


class HelpRequestQuerySet(models.QuerySet):
    def with_free_places(self):
        """Requests volunteers can still join."""
        return self.filter(
            status__in=HelpRequest.DIRECTABLE, places_taken__lt=F("needed")
        )

    def recount_places_taken(self) -> int:
        """Sets ``places_taken`` of these requests from their assignments, in
        one UPDATE (the demo data's bulk writes; services refresh one request
        under its lock instead)."""
        holding = (
            Assignment.objects.holding_place()
            .filter(request=OuterRef("pk"))
            .order_by()
            .values("request")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return self.update(places_taken=Coalesce(Subquery(holding), 0))

    def visible_to(self, user):
        """Coordinators see every request; a social worker sees the requests of
        the beneficiaries they are responsible for now. Having filed a request
        gives no access: when a beneficiary moves to another social worker,
        the old requests go with them (docs/ARCHITECTURE.md, Roles)."""
        if user.has_perm("matching.view_all_helprequests"):
            return self
        return self.filter(beneficiary__social_worker=user)

    def open_for_matching(self):
        """Requests volunteers can still be directed to (free places are
        counted elsewhere): new, open, or in progress with a place left."""
        return self.filter(status__in=HelpRequest.DIRECTABLE)


class HelpRequest(TimeStampedModel):
    class Kind(models.TextChoices):
        ONCE = "once", _("one-off")
        WEEKLY = "weekly", _("weekly, recurring")

    class Status(models.TextChoices):
        NEW = "new", _("new")
        OPEN = "open", _("open")
        STAFFED = "staffed", _("staffed")
        IN_PROGRESS = "in_progress", _("in progress")
        COMPLETED = "completed", _("completed")
        CANCELLED = "cancelled", _("cancelled")

    class Urgency(models.IntegerChoices):
        LOW = 0, _("low")
        NORMAL = 1, _("normal")
        HIGH = 2, _("high")
        CRITICAL = 3, _("critical")

    # Volunteers can be directed while places are free: before the work and
    # while it goes on (a second volunteer joining a weekly request).
    DIRECTABLE = (Status.NEW, Status.OPEN, Status.IN_PROGRESS)
    # The work is over: no places to fill, no visits to come.
    FINISHED = (Status.COMPLETED, Status.CANCELLED)

    beneficiary = optional_link(
        Beneficiary, _("beneficiary"), related_name="help_requests"
    )
    institution = optional_link(
        Institution, _("institution"), related_name="help_requests"
    )
    title = models.CharField(_("title"), max_length=200)
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField(_("description"), blank=True)
    required_skills = models.ManyToManyField(
        Skill, verbose_name=_("required skills"), blank=True, related_name="+"
    )
    nice_skills = models.ManyToManyField(
        Skill, verbose_name=_("nice-to-have skills"), blank=True, related_name="+"
    )
    district = optional_link(District, _("district"))
    address = models.CharField(_("address"), max_length=200, blank=True)
    kind = models.CharField(
        _("schedule"), max_length=8, choices=Kind.choices, default=Kind.ONCE
    )
    date_from = models.DateField(_("from"))
    date_to = models.DateField(_("until"))
    needed = models.PositiveSmallIntegerField(_("volunteers needed"), default=1)
    # Accepted or active assignments: stored so that lists and the dashboard
    # need not count every request's assignments. Only the assignment
    # services set it, under the request's lock (matching.services).
    places_taken = models.PositiveSmallIntegerField(
        _("places taken"), default=0, editable=False
    )
    adults_only = models.BooleanField(_("adults only"), default=False)
    involves_minors = models.BooleanField(
        _("involves work with minors (vetting required)"), default=False
    )
    driving_licence_required = models.BooleanField(
        _("driving licence required"), default=False
    )
    urgency = models.PositiveSmallIntegerField(
        _("urgency"), choices=Urgency.choices, default=Urgency.NORMAL
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NEW
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="help_requests",
    )
    cancellation_reason = models.CharField(
        _("reason for cancelling"), max_length=300, blank=True
    )
    created_by = staff_account_field(_("filed by"), blank=False)
    # Changes to the time slots and the skills are written into the change
    # reason (old → new), next to the field changes.
    history = history_with_list_changes("places_taken")

    objects = HelpRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-urgency", "date_from", "pk"]
        verbose_name = _("help request")
        verbose_name_plural = _("help requests")
        permissions = [
            ("view_all_helprequests", _("Can see every help request")),
            ("run_batch_matching", _("Can run the batch proposal")),
        ]
        indexes = [
            models.Index(fields=["status", "urgency"]),
            # The request list's order (Meta.ordering).
            models.Index(
                fields=["-urgency", "date_from", "id"],
                name="helprequest_list_order_idx",
            ),
            # Requests volunteers can still join (``with_free_places``): the
            # dashboard counts them by urgency off this index alone.
            models.Index(
                fields=["urgency"],
                condition=Q(
                    status__in=["new", "open", "in_progress"],
                    places_taken__lt=F("needed"),
                ),
                name="helprequest_free_places_idx",
            ),
        ]
        constraints = [
            storable_dates("helprequest", "date_from", "date_to"),
            models.CheckConstraint(
                condition=Q(beneficiary__isnull=False, institution__isnull=True)
                | Q(beneficiary__isnull=True, institution__isnull=False),
                name="helprequest_one_party",
                violation_error_message=_(
                    "Choose either a beneficiary or an institution."
                ),
            ),
            period_in_order("helprequest"),
            models.CheckConstraint(
                condition=Q(needed__gte=1, needed__lte=50),
                name="helprequest_needed_range",
                violation_error_message=_(
                    "A request needs between 1 and 50 volunteers."
                ),
            ),
            models.CheckConstraint(
                condition=Q(kind="weekly") | Q(date_to=F("date_from")),
                name="helprequest_once_is_one_day",
                violation_error_message=_("A one-off request lasts one day."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("matching:request-detail", args=[self.pk])

    @property
    def party(self):
        return self.beneficiary or self.institution

    @property
    def party_key(self) -> str:
        return party_key(self.beneficiary_id, self.institution_id)

    @property
    def when_in_words(self) -> str:
        """The schedule as a person says it: "wtorki 13:00–15:00, od 08.12.2026
        do 30.03.2027", or "wtorek 08.12.2026, 13:00–15:00" for a one-off visit
        (uses the prefetched slots)."""
        slots = list(self.slots.all())
        if self.kind == self.Kind.ONCE and slots:
            slot = slots[0]
            return _("%(weekday)s %(date)s, %(start)s–%(end)s") % {
                "weekday": slot.get_weekday_display(),
                "date": f"{self.date_from:%d.%m.%Y}",
                "start": f"{slot.start:%H:%M}",
                "end": f"{slot.end:%H:%M}",
            }
        weekly = ", ".join(slot.in_words for slot in slots)
        if self.date_to == self.date_from:
            period = f"{self.date_from:%d.%m.%Y}"
        else:
            period = _("from %(start)s to %(end)s") % {
                "start": f"{self.date_from:%d.%m.%Y}",
                "end": f"{self.date_to:%d.%m.%Y}",
            }
        return f"{weekly}, {period}" if weekly else str(period)

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED

    @property
    def constraints_in_words(self) -> list[str]:
        """What the request asks of a volunteer beyond skills, as listed on its page."""
        flags = (
            (self.adults_only, _("adults only")),
            (self.involves_minors, _("work with minors: vetting required")),
            (self.driving_licence_required, _("driving licence")),
        )
        return [str(label) for required, label in flags if required]

    @property
    def place_in_words(self) -> str:
        """Where the help is given: the address and the district, the district
        once (the address taken from the beneficiary already names the town)."""
        return place_in_words(self.address, self.district.name if self.district else "")


# "Every Tuesday" said the Polish way ("wtorki"): a weekly slot's day.
WEEKDAY_PLURALS = {
    Weekday.MONDAY: _("Mondays"),
    Weekday.TUESDAY: _("Tuesdays"),
    Weekday.WEDNESDAY: _("Wednesdays"),
    Weekday.THURSDAY: _("Thursdays"),
    Weekday.FRIDAY: _("Fridays"),
    Weekday.SATURDAY: _("Saturdays"),
    Weekday.SUNDAY: _("Sundays"),
}


class RequestSlot(WeeklyWindow):
    """One weekly time window of a request (a one-off request has one)."""

    request = models.ForeignKey(
        HelpRequest, on_delete=models.CASCADE, related_name="slots"
    )

    class Meta(WeeklyWindow.Meta):
        verbose_name = _("time slot")
        verbose_name_plural = _("time slots")
        constraints = weekly_window_constraints("requestslot")

    @property
    def hours(self) -> Decimal:
        return hours_between(self.start, self.end)

    @property
    def in_words(self) -> str:
        """ "wtorki 13:00–15:00": the day of every week and the hours."""
        return f"{WEEKDAY_PLURALS[self.weekday]} {self.span}"
