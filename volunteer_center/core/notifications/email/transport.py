import smtplib

from django.core.mail import send_mail

from volunteer_center.core.notifications.base import (
    Channel,
    Notice,
    NotificationError,
    Recipient,
)


class EmailChannel(Channel):
    name = "email"

    def reaches(self, recipient: Recipient, notice: Notice) -> bool:
        return bool(recipient.email)

    def send(self, recipient: Recipient, notice: Notice) -> None:
        try:
            send_mail(
                subject=notice.subject,
                message=notice.body,
                from_email=None,
                recipient_list=[recipient.email],
            )
        except (smtplib.SMTPException, OSError) as error:
            raise NotificationError(str(error)) from error
