"""Consents the register records, through services like every other change.

A minor concludes the volunteer agreement with the consent of their
przedstawiciel ustawowy, a parent or legal guardian (art. 17 KC, art. 98
KRiO): the consent comes from that person, never from a box the minor ticks.
The parent confirms it through a single-use link sent to their e-mail, or
staff record that it was given in writing (who, when, how). Until then the
minor stays a candidate and cannot be directed to work.
"""

import datetime as dt
import secrets

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry import rules
from registry.errors import RegistryError
from registry.models import (
    GuardianConsentMethod,
    GuardianConsentRequest,
    Volunteer,
    token_hash,
)
from volunteer_center.core.notifications import Notice, Recipient, notify
from volunteer_center.core.services import save_validated

STAFF_METHODS = (GuardianConsentMethod.SIGNATURE, GuardianConsentMethod.PAPER)


def _locked(volunteer: Volunteer) -> Volunteer:
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    if volunteer.is_anonymised:
        raise RegistryError(_("An anonymised record cannot be changed."))
    return volunteer


def _give(volunteer, *, method, on: dt.date, actor, name: str = "") -> Volunteer:
    volunteer.guardian_consent = True
    volunteer.guardian_consent_method = method
    volunteer.guardian_consent_on = on
    volunteer.guardian_consent_recorded_by = actor
    if name.strip():
        volunteer.guardian_name = name.strip()
    save_validated(volunteer, actor=actor)
    return volunteer


@transaction.atomic
def guardian_consent_request(*, actor, volunteer: Volunteer) -> GuardianConsentRequest:
    """E-mails the minor's legal representative a link to confirm their
    consent; an earlier open link stops working."""
    volunteer = _locked(volunteer)
    if not volunteer.guardian_email:
        raise RegistryError(
            _("Enter the legal representative's e-mail to send them the link.")
        )
    if volunteer.guardian_consent:
        raise RegistryError(
            _("The legal representative's consent is already recorded.")
        )
    now = timezone.now()
    volunteer.guardian_consent_requests.filter(confirmed_at__isnull=True).update(
        expires_at=now
    )
    token = secrets.token_urlsafe(32)
    request = GuardianConsentRequest.objects.create(
        volunteer=volunteer,
        email=volunteer.guardian_email,
        token_hash=token_hash(token),
        expires_at=now + dt.timedelta(days=settings.GUARDIAN_CONSENT_LINK_DAYS),
    )
    transaction.on_commit(lambda: _send_request(request.pk, token))
    return request


def _send_request(request_pk: int, token: str) -> None:
    request = GuardianConsentRequest.objects.select_related("volunteer").get(
        pk=request_pk
    )
    volunteer = request.volunteer
    link = settings.SITE_URL + reverse("registry:guardian-consent", args=[token])
    body = render_to_string(
        "registry/email/guardian_consent_request.txt",
        {
            "CENTRE": settings.CENTRE,
            "volunteer": volunteer,
            "link": link,
            "valid_until": timezone.localtime(request.expires_at),
            "privacy_url": settings.SITE_URL + reverse("privacy"),
        },
    )
    notify(
        Recipient(name=volunteer.guardian_name, email=request.email),
        # The subject names nobody: it travels through servers outside the OPS.
        Notice(
            subject=str(_("Volunteer Centre: a request for your consent")), body=body
        ),
    )


def open_request(token: str) -> GuardianConsentRequest:
    """The open request a link carries, or RegistryError."""
    request = (
        GuardianConsentRequest.objects.select_related("volunteer")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if request is None or not request.is_open:
        raise RegistryError(
            _(
                "This link is no longer valid. Please contact the Volunteer Centre "
                "and ask for a new one."
            )
        )
    return request


@transaction.atomic
def guardian_consent_confirm(*, token: str, name: str) -> Volunteer:
    """The legal representative confirms through the e-mailed link."""
    request = open_request(token)
    if not name.strip():
        raise RegistryError(_("Type your first and last name to confirm."))
    request = GuardianConsentRequest.objects.select_for_update().get(pk=request.pk)
    if not request.is_open:
        raise RegistryError(_("This consent has already been confirmed."))
    volunteer = _locked(request.volunteer)
    request.confirmed_at = timezone.now()
    request.confirmed_name = name.strip()[:200]
    request.save(update_fields=["confirmed_at", "confirmed_name", "updated_at"])
    return _give(
        volunteer,
        method=GuardianConsentMethod.EMAIL_LINK,
        on=timezone.localdate(),
        actor=None,
        name=volunteer.guardian_name or name,
    )


@transaction.atomic
def guardian_consent_record(
    *, actor, volunteer: Volunteer, method: str, given_on: dt.date, name: str = ""
) -> Volunteer:
    """Staff record a consent given in writing: signed on the agreement or on
    a paper form. The recorder is the acting user."""
    volunteer = _locked(volunteer)
    if method not in STAFF_METHODS:
        raise RegistryError(_("Choose how the consent was given."))
    if given_on > timezone.localdate():
        raise RegistryError(_("A consent cannot be recorded with a future date."))
    if not (name or volunteer.guardian_name).strip():
        raise RegistryError(
            _("Enter the name of the legal representative who gave the consent.")
        )
    return _give(volunteer, method=method, on=given_on, actor=actor, name=name)


@transaction.atomic
def guardian_consent_withdraw(*, actor, volunteer: Volunteer) -> Volunteer:
    """The legal representative withdraws the consent: a minor can no longer
    be directed to work (assignments already made are for staff to end)."""
    volunteer = _locked(volunteer)
    volunteer.guardian_consent = False
    volunteer.guardian_consent_method = ""
    volunteer.guardian_consent_on = None
    volunteer.guardian_consent_recorded_by = actor
    save_validated(volunteer, actor=actor)
    return volunteer


def written_consent_defaults(volunteer: Volunteer, *, actor) -> None:
    """A consent entered with the record (an import, an older caller) is one
    given in writing, recorded by whoever enters it."""
    if volunteer.guardian_consent and not volunteer.guardian_consent_method:
        volunteer.guardian_consent_method = GuardianConsentMethod.PAPER
        volunteer.guardian_consent_on = (
            volunteer.guardian_consent_on or timezone.localdate()
        )
        volunteer.guardian_consent_recorded_by = actor


def needs_guardian_consent(volunteer: Volunteer, day: dt.date | None = None) -> bool:
    day = day or timezone.localdate()
    return (
        rules.is_minor_on(volunteer.birth_date, day) and not volunteer.guardian_consent
    )


# The consents a volunteer gives freely (RODO art. 6(1)(a)), by purpose: the
# field holding when it was given, and its label on the volunteer's page.
VOLUNTARY = {
    "newsletter": ("newsletter_consent_at", _("news by e-mail")),
    "image": ("image_consent_at", _("publishing photographs")),
}


def voluntary_consents(volunteer: Volunteer) -> list[tuple]:
    """(purpose, label, when given or None) for the volunteer's page."""
    return [
        (purpose, label, getattr(volunteer, field))
        for purpose, (field, label) in VOLUNTARY.items()
    ]


@transaction.atomic
def volunteer_consent_withdraw(
    *, actor, volunteer: Volunteer, purpose: str
) -> Volunteer:
    """The volunteer withdraws a voluntary consent (RODO art. 7 ust. 3): from
    now on it is not used; what was done before stays lawful."""
    if purpose not in VOLUNTARY:
        raise RegistryError(_("Unknown consent."))
    volunteer = _locked(volunteer)
    setattr(volunteer, VOLUNTARY[purpose][0], None)
    save_validated(volunteer, actor=actor)
    return volunteer
