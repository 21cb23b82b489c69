"""The area's own writes: sign-in links and the volunteer's requests to
staff. Everything else the area does goes through the services of registry,
matching and agreements, with the volunteer as the actor."""

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements import services as agreements_services
from registry import services as registry_services
from registry.models import Volunteer
from registry.notify import volunteer_notify
from volunteer_center.core.notifications import Notice
from volunteer_center.core.services import save_validated
from volunteer_center.volunteer_area.errors import AreaError
from volunteer_center.volunteer_area.models import SignInLink, VolunteerRequest
from volunteer_center.volunteer_area.session import actor_for

# More than this many records with one address is no person's own address.
MAX_LINKS_PER_EMAIL = 3


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def link_lifetime() -> dt.timedelta:
    return dt.timedelta(minutes=settings.VOLUNTEER_SIGN_IN_LINK_MINUTES)


@transaction.atomic
def sign_in_link_send(*, email: str) -> int:
    """Sends a sign-in link to every volunteer record with this address (at
    most a few). The caller shows the same page whatever this returns, so
    nobody learns whether an address is known."""
    volunteers = list(
        Volunteer.objects.not_anonymised()
        .filter(email__iexact=email.strip())
        .order_by("pk")[:MAX_LINKS_PER_EMAIL]
    )
    for volunteer in volunteers:
        token = secrets.token_urlsafe(32)
        link = SignInLink(
            volunteer=volunteer,
            token_hash=_hash(token),
            expires_at=timezone.now() + link_lifetime(),
        )
        link.save()
        transaction.on_commit(
            lambda v=volunteer, t=token: _send_link(v, t),
        )
    return len(volunteers)


def _send_link(volunteer: Volunteer, token: str) -> None:
    url = settings.SITE_URL + reverse("volunteer_area:sign-in-link", args=[token])
    body = render_to_string(
        "volunteer_center/area/email/sign_in.txt",
        {
            "volunteer": volunteer,
            "link": url,
            "minutes": settings.VOLUNTEER_SIGN_IN_LINK_MINUTES,
            "CENTRE": settings.CENTRE,
        },
    )
    # E-mail only: a sign-in link is not sent by text message.
    volunteer_notify(
        volunteer,
        Notice(subject=str(_("Volunteer Centre: your sign-in link")), body=body),
    )


@transaction.atomic
def sign_in_link_use(*, token: str) -> Volunteer:
    """The volunteer a link signs in; the link is spent. One message for
    every failure, so a guess learns nothing."""
    link = (
        SignInLink.objects.select_for_update()
        .select_related("volunteer")
        .filter(token_hash=_hash(token))
        .first()
    )
    now = timezone.now()
    if (
        link is None
        or link.used_at is not None
        or link.expires_at <= now
        or link.volunteer.is_anonymised
    ):
        raise AreaError(
            _(
                "This sign-in link is not valid: it was already used or it has "
                "expired. Ask for a new one."
            )
        )
    link.used_at = now
    link.save(update_fields=["used_at"])
    return link.volunteer


@transaction.atomic
def area_request_certificate(
    *, volunteer: Volunteer, date_from: dt.date, date_to: dt.date, note: str = ""
) -> VolunteerRequest:
    if date_to < date_from:
        raise AreaError(_("The end of the period cannot be before its start."))
    if date_from > timezone.localdate():
        raise AreaError(_("A certificate covers services already performed."))
    entry = VolunteerRequest(
        volunteer=volunteer,
        kind=VolunteerRequest.Kind.CERTIFICATE,
        date_from=date_from,
        date_to=date_to,
        note=note,
    )
    save_validated(entry, actor=actor_for(volunteer))
    return entry


@transaction.atomic
def area_request_removal(*, volunteer: Volunteer, note: str = "") -> VolunteerRequest:
    entry = VolunteerRequest(
        volunteer=volunteer, kind=VolunteerRequest.Kind.REMOVAL, note=note
    )
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError:
        raise AreaError(
            _("You have already asked for your data to be removed.")
        ) from None
    return entry


def _locked_open(area_request: VolunteerRequest) -> VolunteerRequest:
    area_request = VolunteerRequest.objects.select_for_update().get(pk=area_request.pk)
    if area_request.status != VolunteerRequest.Status.OPEN:
        raise AreaError(_("This request has already been handled."))
    return area_request


def _close(area_request, *, actor, status: str, answer: str = "") -> VolunteerRequest:
    area_request.status = status
    area_request.handled_by = actor
    area_request.handled_at = timezone.now()
    area_request.answer = answer
    save_validated(area_request, actor=actor)
    return area_request


@transaction.atomic
def area_request_handle(*, actor, area_request: VolunteerRequest) -> VolunteerRequest:
    """Staff did what was asked: a removal runs the register's anonymisation
    (the volunteer becomes former first); a certificate was issued on the
    agreements' page."""
    area_request = _locked_open(area_request)
    if area_request.kind == VolunteerRequest.Kind.REMOVAL:
        volunteer = area_request.volunteer
        if volunteer.status != Volunteer.Status.FORMER:
            registry_services.volunteer_mark_former(actor=actor, volunteer=volunteer)
        registry_services.volunteer_anonymise(actor=actor, volunteer=volunteer)
    return _close(area_request, actor=actor, status=VolunteerRequest.Status.DONE)


@transaction.atomic
def area_request_certificate_issue(
    *, actor, area_request: VolunteerRequest, **fields
) -> VolunteerRequest:
    """Issues the certificate a volunteer asked for and closes their request
    with it, in one transaction: ``fields`` are those of
    ``agreements.services.certificate_issue`` (the period, scope, signatory)."""
    area_request = _locked_open(area_request)
    if area_request.kind != VolunteerRequest.Kind.CERTIFICATE:
        raise AreaError(_("This request is not for a certificate."))
    area_request.certificate = agreements_services.certificate_issue(
        actor=actor, volunteer=area_request.volunteer, on_request=True, **fields
    )
    return _close(area_request, actor=actor, status=VolunteerRequest.Status.DONE)


@transaction.atomic
def area_request_refuse(
    *, actor, area_request: VolunteerRequest, answer: str = ""
) -> VolunteerRequest:
    area_request = _locked_open(area_request)
    return _close(
        area_request, actor=actor, status=VolunteerRequest.Status.REFUSED, answer=answer
    )
