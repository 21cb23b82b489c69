"""Notifications to a person, through every channel that reaches them
(docs/ARCHITECTURE.md, "Notifications").

Business code builds a ``Notice`` and asks ``notify(recipient, notice)``; it
never speaks SMTP or a gateway's protocol. Each channel is a package here
(``email/``, ``sms/``) with a ``transport`` module holding one ``Channel``
subclass, the shape of healthchecks' ``hc/integrations/<channel>/`` over
``hc/api/transports.py``. ``settings.NOTIFICATION_CHANNELS`` lists the
channels in use, in order; a channel that is not configured (text messages
without a gateway token) says so and is skipped.
"""

from volunteer_center.core.notifications.base import (
    Channel,
    Notice,
    NotificationError,
    Recipient,
    channels,
    notify,
)

__all__ = [
    "Channel",
    "Notice",
    "NotificationError",
    "Recipient",
    "channels",
    "notify",
]
