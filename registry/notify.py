"""Notifying a volunteer: business code calls ``volunteer_notify`` and the
channels of core decide how (docs/ARCHITECTURE.md, "Notifications")."""

from registry.models import Volunteer
from volunteer_center.core.notifications import Notice, Recipient, notify


def volunteer_recipient(volunteer: Volunteer) -> Recipient:
    return Recipient(
        name=str(volunteer),
        email=volunteer.email,
        phone=volunteer.phone,
        sms_consent=volunteer.sms_consent_at is not None,
    )


def volunteer_notify(volunteer: Volunteer, notice: Notice) -> list[str]:
    """The channels that delivered; nothing reaches an anonymised record."""
    if volunteer.is_anonymised:
        return []
    return notify(volunteer_recipient(volunteer), notice)
