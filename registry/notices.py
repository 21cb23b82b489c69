"""The information of RODO art. 14 for people whose data the centre got from
someone else: a beneficiary filed by their social worker, a volunteer sent by
an institution. Printable from their page, and e-mailed when there is an
address. The subject names nobody: it travels outside the centre's control."""

import re

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from registry.models import Beneficiary, Volunteer
from volunteer_center.core.context_processors import privacy_settings
from volunteer_center.core.notifications import Notice, Recipient, notify

CLAUSE = {
    Volunteer: "core/privacy/_volunteer.html",
    Beneficiary: "core/privacy/_beneficiary.html",
}


def notice_context(person) -> dict:
    source = ""
    if isinstance(person, Volunteer) and person.sending_institution_id:
        source = person.sending_institution.name
    return {
        "person": person,
        "clause": CLAUSE[type(person)],
        "source_institution": source,
        "CENTRE": settings.CENTRE,
        "PRIVACY": privacy_settings(),
    }


def notice_text(person) -> str:
    """The printable notice as plain text for an e-mail."""
    html = render_to_string("registry/privacy_notice_body.html", notice_context(person))
    text = strip_tags(html.replace("</p>", "</p>\n").replace("</li>", "</li>\n"))
    return re.sub(r"\n\s*\n+", "\n\n", re.sub(r"[ \t]+", " ", text)).strip()


def send_privacy_notice_on_commit(person) -> None:
    if person.email:
        transaction.on_commit(lambda: _send(type(person), person.pk))


def _send(model, pk: int) -> None:
    people = model.objects.all()
    if model is Volunteer:
        people = people.select_related("sending_institution")
    person = people.get(pk=pk)
    body = "\n\n".join(
        [
            notice_text(person),
            _("The same information online: %(url)s")
            % {"url": settings.SITE_URL + reverse("privacy")},
        ]
    )
    notify(
        Recipient(name=str(person), email=person.email),
        Notice(
            subject=_("Volunteer Centre: how we process your personal data"),
            body=body,
        ),
    )
