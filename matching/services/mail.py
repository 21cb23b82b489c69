"""E-mail about assignments: the invitation with its answer links, the notice
that a request is staffed."""

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from matching.models import Assignment, CoverOffer, HelpRequest
from matching.services.links import SignedLink
from registry.notify import volunteer_notify
from volunteer_center.core.notifications import Notice

RESPONSE_LINK = SignedLink("matching.assignment-response", dt.timedelta(days=7))


def response_token(assignment: Assignment) -> str:
    return RESPONSE_LINK.token({"a": assignment.pk, "v": assignment.volunteer_id})


def send_invitation(assignment_pk: int) -> None:
    assignment = (
        Assignment.objects.select_related("request__district", "volunteer")
        .prefetch_related("request__slots")
        .get(pk=assignment_pk)
    )
    token = response_token(assignment)
    link = settings.SITE_URL + reverse("matching:respond", args=[token])
    send_mail(
        subject=str(_("Volunteer Centre: can you help?")),
        message=render_to_string(
            "matching/email/invitation.txt",
            {
                "assignment": assignment,
                "request": assignment.request,
                "link": link,
                "days": RESPONSE_LINK.max_age.days,
                "CENTRE": settings.CENTRE,
            },
        ),
        from_email=None,
        recipient_list=[assignment.volunteer.email],
    )


def notify_staffed(request_pk: int) -> None:
    """Tells the social worker who filed the request that it is staffed."""
    request = HelpRequest.objects.select_related(
        "created_by", "beneficiary__social_worker"
    ).get(pk=request_pk)
    recipients = {
        user.email
        for user in (
            request.created_by,
            request.beneficiary.social_worker if request.beneficiary else None,
        )
        if user is not None and user.email
    }
    if not recipients:
        return
    send_mail(
        subject=str(_("Volunteer Centre: request staffed")),
        message=render_to_string(
            "matching/email/staffed.txt",
            {
                "request": request,
                "link": settings.SITE_URL + request.get_absolute_url(),
                "CENTRE": settings.CENTRE,
            },
        ),
        from_email=None,
        recipient_list=sorted(recipients),
    )


def send_cover_offer(offer_pk: int) -> None:
    """Asks the next volunteer of a cover chain, with the answer deadline."""
    offer = CoverOffer.objects.select_related(
        "assignment__request__category", "assignment__request__district", "volunteer"
    ).get(pk=offer_pk)
    assignment = offer.assignment
    link = settings.SITE_URL + reverse(
        "matching:respond", args=[response_token(assignment)]
    )
    deadline = timezone.localtime(offer.deadline)
    body = render_to_string(
        "matching/email/cover_offer.txt",
        {
            "assignment": assignment,
            "request": assignment.request,
            "link": link,
            "deadline": deadline,
            "CENTRE": settings.CENTRE,
        },
    )
    text = _(
        "Volunteer Centre: can you take a free place on %(date)s? "
        "Answer by %(deadline)s: %(link)s"
    ) % {
        "date": assignment.date_from.strftime("%d.%m.%Y"),
        "deadline": deadline.strftime("%d.%m %H:%M"),
        "link": link,
    }
    volunteer_notify(
        offer.volunteer,
        Notice(
            subject=str(_("Volunteer Centre: a place to take over")),
            body=body,
            text=str(text),
        ),
    )
