"""The host institution confirms or corrects the hours logged on its requests,
through a signed link sent to its contact person (no login)."""

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from matching.errors import MatchingError
from matching.models import HelpRequest
from matching.selectors import host_entries
from matching.services.links import SignedLink
from volunteer_center.core.notifications import Notice, Recipient, notify
from volunteer_center.core.services import save_validated

HOST_LINK = SignedLink("matching.host-hours", dt.timedelta(days=30))


def host_token(request: HelpRequest) -> str:
    return HOST_LINK.token({"r": request.pk, "i": request.institution_id})


def request_from_host_token(token: str) -> HelpRequest:
    data = HOST_LINK.data(token)
    request = (
        HelpRequest.objects.select_related("institution")
        .filter(pk=data["r"], institution_id=data["i"], institution__isnull=False)
        .first()
    )
    if request is None:
        raise MatchingError(_("This link is not valid."))
    return request


def host_recipient(request: HelpRequest) -> Recipient | None:
    """The institution's first contact person with an e-mail, else the
    institution's own address."""
    institution = request.institution
    contact = institution.contacts.exclude(email="").order_by("pk").first()
    if contact is not None:
        return Recipient(name=contact.name, email=contact.email)
    if institution.email:
        return Recipient(name=institution.name, email=institution.email)
    return None


def send_host_confirmation(request_pk: int) -> None:
    request = HelpRequest.objects.select_related("institution").get(pk=request_pk)
    recipient = host_recipient(request)
    if recipient is None:
        return
    link = settings.SITE_URL + reverse(
        "matching:host-hours", args=[host_token(request)]
    )
    body = render_to_string(
        "matching/email/host_hours.txt",
        {
            "request": request,
            "recipient": recipient,
            "link": link,
            "days": HOST_LINK.max_age.days,
            "CENTRE": settings.CENTRE,
        },
    )
    notify(
        recipient,
        Notice(subject=str(_("Volunteer Centre: please confirm hours")), body=body),
    )


@transaction.atomic
def hours_host_confirm(
    *,
    token: str,
    confirmed_by: str,
    corrections: Mapping[int, tuple[Decimal, str]],
) -> int:
    """Records the host's confirmation of every hours entry of the request;
    ``corrections`` maps an entry to the hours the host counts and a note.
    Returns how many entries were confirmed."""
    request = request_from_host_token(token)
    if not confirmed_by.strip():
        raise MatchingError(_("Please give your name."))
    # Lock order (docs/ARCHITECTURE.md): the request, then the rows changed.
    HelpRequest.objects.select_for_update().get(pk=request.pk)
    now = timezone.now()
    count = 0
    for entry in host_entries(request).select_for_update(of=("self",)):
        hours, note = corrections.get(entry.pk, (entry.hours, ""))
        entry.host_hours = hours
        entry.host_note = note
        entry.host_confirmed_by = confirmed_by.strip()[:200]
        entry.host_confirmed_at = now
        save_validated(entry, actor=None)
        count += 1
    return count
