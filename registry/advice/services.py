"""Changes to the advice register: consultations entered by staff and visits
booked in office hours."""

import datetime as dt
from collections.abc import Mapping

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.advice.models import ANONYMISED_WALK_IN, closed_days
from registry.errors import RegistryError
from registry.models import (
    ClosureDay,
    Consultation,
    ConsultationTopic,
    OfficeHours,
)
from volunteer_center.core.audit import access_log_relabel
from volunteer_center.core.errors import status_move_names
from volunteer_center.core.services import assign_fields, save_validated

# How far ahead residents may book a visit in office hours.
BOOKING_DAYS = 28


SLOT_CONSTRAINT = "consultation_one_visit_per_slot"


def _slot_taken_message():
    return _("This time has already been booked. Please choose another one.")


def _save_consultation(consultation: Consultation, *, actor) -> Consultation:
    consultation._history_user = actor
    consultation.full_clean()
    # One desk: an in-person visit, planned or held, may not overlap another
    # (booked online or entered by staff).
    if consultation.occupies_the_desk and any(
        other.pk != consultation.pk
        for other in Consultation.objects.occupying_the_desk().overlapping(
            consultation.starts_at, consultation.ends_at
        )
    ):
        raise RegistryError(_slot_taken_message())
    try:
        # A savepoint, so the outer transaction survives a refused insert.
        with transaction.atomic():
            consultation.save()
    except IntegrityError as error:
        # Two bookings of one slot at the same moment both pass full_clean();
        # the partial unique index lets only the first one in.
        if SLOT_CONSTRAINT in str(error):
            raise RegistryError(_slot_taken_message()) from error
        raise
    return consultation


@transaction.atomic
def consultation_create(*, actor, fields: Mapping) -> Consultation:
    consultation = Consultation()
    assign_fields(consultation, fields)
    if consultation.advisor_id is None and consultation.status != (
        Consultation.Status.PLANNED
    ):
        consultation.advisor = actor
    return _save_consultation(consultation, actor=actor)


@transaction.atomic
def consultation_update(
    *, actor, consultation: Consultation, fields: Mapping
) -> Consultation:
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    assign_fields(consultation, fields)
    return _save_consultation(consultation, actor=actor)


def _office_hours_slot(starts_at: dt.datetime, *, now: dt.datetime):
    """The office hours (locked) whose slot starts at ``starts_at``, if that
    slot is open for booking: a real slot, in the future, within the horizon."""
    local = timezone.localtime(starts_at)
    if not now < starts_at <= now + dt.timedelta(days=BOOKING_DAYS):
        return None
    if closed_days(local.date(), local.date()):
        return None
    # Locking the office-hours row queues bookings of the same block, so the
    # second one sees the first one's visit instead of failing on the index.
    candidates = (
        OfficeHours.objects.active()
        .select_for_update()
        .filter(weekday=local.weekday(), start__lte=local.time(), end__gt=local.time())
    )
    for hours in candidates:
        if local.time() in hours.slot_starts():
            return hours
    return None


@transaction.atomic
def consultation_book(
    *,
    starts_at: dt.datetime,
    name: str,
    topic: ConsultationTopic,
    phone: str = "",
    email: str = "",
    now: dt.datetime | None = None,
) -> Consultation:
    """A resident books a visit in office hours through the public form."""
    now = now or timezone.now()
    hours = _office_hours_slot(starts_at, now=now)
    if hours is None:
        raise RegistryError(
            _("This time is not open for booking. Please choose one of the listed.")
        )
    consultation = Consultation(
        status=Consultation.Status.PLANNED,
        form=Consultation.Form.IN_PERSON,
        starts_at=starts_at,
        duration_minutes=hours.slot_minutes,
        walk_in_name=name,
        walk_in_phone=phone,
        walk_in_email=email,
        topic=topic,
        booked_online=True,
        consent_clause_version=settings.PRIVACY_CLAUSE_VERSION,
        consent_given_at=now,
    )
    try:
        return _save_consultation(consultation, actor=None)
    except ValidationError as error:
        raise RegistryError(" ".join(error.messages)) from error


@transaction.atomic
def _consultation_move(*, actor, consultation: Consultation, to: str) -> Consultation:
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    # Only a planned visit changes status; a held, cancelled or missed one is
    # a record of what happened.
    if consultation.status != Consultation.Status.PLANNED:
        raise RegistryError(
            _("A consultation with the status “%(current)s” cannot become “%(new)s”.")
            % status_move_names(consultation, to)
        )
    consultation.status = to
    if to == Consultation.Status.HELD and consultation.advisor_id is None:
        consultation.advisor = actor
    return _save_consultation(consultation, actor=actor)


def consultation_mark_held(*, actor, consultation: Consultation) -> Consultation:
    return _consultation_move(
        actor=actor, consultation=consultation, to=Consultation.Status.HELD
    )


def consultation_cancel(*, actor, consultation: Consultation) -> Consultation:
    """Frees the slot for another booking."""
    return _consultation_move(
        actor=actor, consultation=consultation, to=Consultation.Status.CANCELLED
    )


def consultation_mark_no_show(*, actor, consultation: Consultation) -> Consultation:
    return _consultation_move(
        actor=actor, consultation=consultation, to=Consultation.Status.NO_SHOW
    )


@transaction.atomic
def consultation_anonymise(*, actor, consultation: Consultation) -> Consultation:
    """The record of a visit past its retention: who came and what was said
    go (from the history too); the topic, form, date and status still count
    in statistics."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    consultation.history.all().delete()
    consultation.volunteer = consultation.beneficiary = None
    consultation.institution = None
    consultation.walk_in_name = ANONYMISED_WALK_IN
    consultation.walk_in_phone = consultation.walk_in_email = ""
    consultation.notes = ""
    consultation._history_user = actor
    # Not full_clean(): the record only loses data, and its old slot may no
    # longer be one of today's office hours.
    consultation.save()
    access_log_relabel(consultation)
    return consultation


@transaction.atomic
def office_hours_save(*, actor, office_hours: OfficeHours, fields: Mapping):
    """A weekly block of office hours; the booking offers its slots (and locks
    this row while it books one)."""
    if office_hours.pk:
        office_hours = OfficeHours.objects.select_for_update().get(pk=office_hours.pk)
    assign_fields(office_hours, fields)
    save_validated(office_hours, actor=actor)
    return office_hours


@transaction.atomic
def closure_day_save(*, actor, closure: ClosureDay, fields: Mapping) -> ClosureDay:
    """A day the office is closed: the booking offers no visit on it."""
    assign_fields(closure, fields)
    save_validated(closure, actor=actor)
    return closure


@transaction.atomic
def closure_days_remove(*, actor, closures) -> int:
    """The office opens on these days again (as far as public holidays allow)."""
    count = 0
    for closure in closures:
        closure._history_user = actor
        closure.delete()
        count += 1
    return count
