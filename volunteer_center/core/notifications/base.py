"""The channel interface and the one entry point, ``notify``."""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class NotificationError(Exception):
    """A channel could not deliver (a gateway refused, a server was down)."""


@dataclass(frozen=True)
class Recipient:
    """Whom to tell, as the channels need it: no model of a higher app.

    ``sms_consent`` is the person's recorded consent to text messages: without
    it the text-message channel never writes to them.
    """

    name: str
    email: str = ""
    phone: str = ""
    sms_consent: bool = False


@dataclass(frozen=True)
class Notice:
    """What to say. ``subject`` travels outside the centre's control (mail
    servers, a phone's lock screen): it never names a beneficiary, their
    address or needs (art. 100 of the social assistance act). ``text`` is a
    short form for text messages; a notice without one is not texted."""

    subject: str
    body: str
    text: str = ""


class Channel:
    """One way of reaching a person. Subclasses set ``name`` and implement
    ``configured``, ``reaches`` and ``send``."""

    name = ""

    def configured(self) -> bool:
        return True

    def reaches(self, recipient: Recipient, notice: Notice) -> bool:
        raise NotImplementedError

    def send(self, recipient: Recipient, notice: Notice) -> None:
        """Delivers or raises NotificationError."""
        raise NotImplementedError


CHANNEL_CLASSES = {
    "email": "volunteer_center.core.notifications.email.transport.EmailChannel",
    "sms": "volunteer_center.core.notifications.sms.transport.SmsChannel",
}


def channels() -> list[Channel]:
    """The channels in use, configured ones only, in the settings' order."""
    found = [
        import_string(CHANNEL_CLASSES[n])() for n in settings.NOTIFICATION_CHANNELS
    ]
    return [channel for channel in found if channel.configured()]


def notify(recipient: Recipient, notice: Notice) -> list[str]:
    """Tells ``recipient`` through every configured channel that reaches
    them; returns the names of the channels that delivered. A channel that
    fails is logged and the others still run: a reminder by e-mail is not lost
    because the text-message gateway is down."""
    delivered = []
    for channel in channels():
        if not channel.reaches(recipient, notice):
            continue
        try:
            channel.send(recipient, notice)
        except NotificationError as error:
            logger.warning("%s channel failed: %s", channel.name, error)
            continue
        delivered.append(channel.name)
    return delivered
