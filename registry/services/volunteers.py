"""Changes to a volunteer's record: sign-up, edits, lists, status moves,
consents and the calendar link."""

from collections.abc import Iterable, Mapping

from django.conf import settings
from django.core.mail import send_mail
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry import consents, notices
from registry.errors import RegistryError
from registry.models import (
    Availability,
    LegalBasis,
    Volunteer,
)
from registry.services.duplicates import (
    _check_duplicates,
    _confirmed_text,
)
from volunteer_center.core.errors import status_move_names
from volunteer_center.core.history import (
    changes_note,
    list_change,
    many_to_many_change,
)
from volunteer_center.core.services import assign_fields, save_validated

Slot = tuple[int, str]


def _set_availability(volunteer: Volunteer, slots: Iterable[Slot]) -> None:
    wanted = set(slots)
    current = set(volunteer.availability.values_list("weekday", "part"))
    if wanted == current:
        return
    volunteer.availability.exclude(
        pk__in=[
            a.pk for a in volunteer.availability.all() if (a.weekday, a.part) in wanted
        ]
    ).delete()
    Availability.objects.bulk_create(
        Availability(volunteer=volunteer, weekday=day, part=part)
        for day, part in sorted(wanted - current)
    )


def _set_relations(
    volunteer: Volunteer, skills, interests, reachable_districts, availability
) -> None:
    """The volunteer's many-to-many lists; None leaves one as it is."""
    for name, values in (
        ("skills", skills),
        ("interests", interests),
        ("reachable_districts", reachable_districts),
    ):
        if values is not None:
            getattr(volunteer, name).set(values)
    if availability is not None:
        _set_availability(volunteer, availability)


def _assign_volunteer_fields(
    volunteer: Volunteer, fields: Mapping, *, actor, different_person: bool
) -> list:
    """The form's values on ``volunteer``, a consent entered with them
    recorded as written, and the people with the same PESEL, e-mail or phone
    it was confirmed to differ from (else the duplicate is refused)."""
    assign_fields(volunteer, fields)
    consents.written_consent_defaults(volunteer, actor=actor)
    return _check_duplicates(
        volunteer, scope=Volunteer.objects.all(), different_person=different_person
    )


@transaction.atomic
def volunteer_create(
    *,
    actor,
    fields: Mapping,
    skills: Iterable = (),
    interests: Iterable = (),
    reachable_districts: Iterable = (),
    availability: Iterable[Slot] = (),
    different_person: bool = False,
) -> Volunteer:
    volunteer = Volunteer()
    others = _assign_volunteer_fields(
        volunteer, fields, actor=actor, different_person=different_person
    )
    volunteer._change_reason = changes_note(_confirmed_text(others))
    save_validated(volunteer, actor=actor)
    volunteer.different_from.add(*others)
    if volunteer.source == Volunteer.Source.INSTITUTION:
        # Their data came from the sending institution: RODO art. 14.
        notices.send_privacy_notice_on_commit(volunteer)
    _set_relations(volunteer, skills, interests, reachable_districts, availability)
    return volunteer


@transaction.atomic
def volunteer_update(
    *,
    actor,
    volunteer: Volunteer,
    fields: Mapping,
    skills: Iterable | None = None,
    interests: Iterable | None = None,
    reachable_districts: Iterable | None = None,
    availability: Iterable[Slot] | None = None,
    different_person: bool = False,
) -> Volunteer:
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    if volunteer.is_anonymised:
        raise RegistryError(_("An anonymised record cannot be edited."))
    others = _assign_volunteer_fields(
        volunteer, fields, actor=actor, different_person=different_person
    )
    volunteer.different_from.add(*others)
    relations = {
        "skills": skills,
        "interests": interests,
        "reachable_districts": reachable_districts,
        "availability": availability,
    }
    volunteer._change_reason = changes_note(
        _relations_change_text(volunteer, **relations), _confirmed_text(others)
    )
    save_validated(volunteer, actor=actor)
    _set_relations(volunteer, **relations)
    return volunteer


@transaction.atomic
def volunteer_sign_up(
    *,
    fields: Mapping,
    clause_version: str,
    voluntary_consents: Iterable[str] = (),
    skills: Iterable = (),
    interests: Iterable = (),
    reachable_districts: Iterable = (),
    availability: Iterable[Slot] = (),
) -> Volunteer | None:
    """A resident signs up on the public form and becomes a candidate.

    An e-mail address already in the register creates no second record; the
    caller shows the same thank-you page either way, so the form does not reveal
    who is registered. The confirmation goes to the address after commit: the
    owner of the mailbox learns that they are already registered, nobody else.
    Returns the new volunteer, or None when the address was known.
    """
    email = fields["email"].strip()
    # Serialise sign-ups of one address so two quick submissions cannot both pass.
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT pg_advisory_xact_lock(hashtext(%s))", [email.lower()]
            )
    if Volunteer.objects.filter(email__iexact=email).exists():
        transaction.on_commit(lambda: _send_sign_up_mail(email, known=True))
        return None
    now = timezone.now()
    volunteer = Volunteer(
        source=Volunteer.Source.PUBLIC_FORM,
        status=Volunteer.Status.CANDIDATE,
        # The register is a public task of the OPS (RODO art. 6(1)(e)); only
        # the news and the photographs rest on consent.
        legal_basis=LegalBasis.PUBLIC_TASK,
        consent_clause_version=clause_version,
        consent_given_at=now,
        newsletter_consent_at=now if "newsletter" in voluntary_consents else None,
        image_consent_at=now if "image" in voluntary_consents else None,
    )
    assign_fields(volunteer, {**fields, "email": email})
    save_validated(volunteer, actor=None)
    if consents.needs_guardian_consent(volunteer) and volunteer.guardian_email:
        consents.guardian_consent_request(actor=None, volunteer=volunteer)
    _set_relations(volunteer, skills, interests, reachable_districts, availability)
    transaction.on_commit(lambda: _send_sign_up_mail(email, known=False))
    return volunteer


def _send_sign_up_mail(email: str, *, known: bool) -> None:
    template = (
        "registry/email/sign_up_known.txt" if known else "registry/email/sign_up.txt"
    )
    send_mail(
        subject=str(_("Volunteer Centre: your sign-up")),
        message=render_to_string(template, {"CENTRE": settings.CENTRE}),
        from_email=None,
        recipient_list=[email],
    )


def _relations_change_text(volunteer: Volunteer, **new) -> str:
    """ "skills: A, B → A, C (…); availability: …" for the relations that
    change, so the volunteer's history shows them like any other field."""
    parts = [
        many_to_many_change(volunteer, name, new[name])
        for name in ("skills", "interests", "reachable_districts")
    ]
    if new["availability"] is not None:
        old = set(volunteer.availability.values_list("weekday", "part"))
        parts.append(
            list_change(
                Availability._meta.verbose_name,
                _slots_text(old),
                _slots_text(set(new["availability"])),
            )
        )
    return changes_note(*parts) or ""


def _slots_text(slots) -> list[str]:
    return [str(Availability(weekday=day, part=part)) for day, part in sorted(slots)]


# Which statuses each status change starts from.
VOLUNTEER_TRANSITIONS = {
    # A former volunteer who comes back is active again (until anonymised).
    Volunteer.Status.ACTIVE: {
        Volunteer.Status.CANDIDATE,
        Volunteer.Status.PAUSED,
        Volunteer.Status.FORMER,
    },
    Volunteer.Status.PAUSED: {Volunteer.Status.ACTIVE},
    Volunteer.Status.FORMER: {
        Volunteer.Status.CANDIDATE,
        Volunteer.Status.ACTIVE,
        Volunteer.Status.PAUSED,
    },
}


@transaction.atomic
def _volunteer_move(*, actor, volunteer: Volunteer, to: str) -> Volunteer:
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    if volunteer.is_anonymised:
        raise RegistryError(_("An anonymised record cannot be changed."))
    if volunteer.status not in VOLUNTEER_TRANSITIONS[to]:
        raise RegistryError(
            _("A volunteer with the status “%(current)s” cannot become “%(new)s”.")
            % status_move_names(volunteer, to)
        )
    if to == Volunteer.Status.ACTIVE and consents.needs_guardian_consent(volunteer):
        raise RegistryError(
            _(
                "A volunteer under 18 becomes active only after their legal "
                "representative (parent or legal guardian) has given consent "
                "(art. 17 of the Civil Code)."
            )
        )
    volunteer.status = to
    save_validated(volunteer, actor=actor)
    return volunteer


def volunteer_activate(*, actor, volunteer: Volunteer) -> Volunteer:
    """A coordinator has verified a candidate, or a paused or former volunteer
    is back."""
    return _volunteer_move(actor=actor, volunteer=volunteer, to=Volunteer.Status.ACTIVE)


def volunteer_pause(*, actor, volunteer: Volunteer) -> Volunteer:
    return _volunteer_move(actor=actor, volunteer=volunteer, to=Volunteer.Status.PAUSED)


def volunteer_mark_former(*, actor, volunteer: Volunteer) -> Volunteer:
    return _volunteer_move(actor=actor, volunteer=volunteer, to=Volunteer.Status.FORMER)


@transaction.atomic
def volunteer_sms_consent_set(*, actor, volunteer: Volunteer, given: bool) -> Volunteer:
    """Records the consent to text messages (when), or its withdrawal."""
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    if volunteer.is_anonymised:
        raise RegistryError(_("An anonymised record cannot be changed."))
    if given and not volunteer.phone:
        raise RegistryError(_("Text messages need a phone number on your record."))
    if given == (volunteer.sms_consent_at is not None):
        return volunteer
    volunteer.sms_consent_at = timezone.now() if given else None
    save_validated(volunteer, actor=actor)
    return volunteer


@transaction.atomic
def volunteer_calendar_renew(*, actor, volunteer: Volunteer) -> Volunteer:
    """A new private calendar address; the old one stops working."""
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    volunteer.calendar_generation += 1
    save_validated(volunteer, actor=actor)
    return volunteer
