"""The e-mail channel, the default."""

from volunteer_center.core.notifications import Notice, Recipient, notify
from volunteer_center.core.notifications.email.transport import EmailChannel


def test_the_e_mail_channel_sends_subject_and_body(mailoutbox, settings):
    settings.SMS_API_TOKEN = ""
    delivered = notify(
        Recipient(name="Jan", email="jan@example.pl"),
        Notice(subject="Temat", body="Treść wiadomości"),
    )
    assert delivered == ["email"]
    (mail,) = mailoutbox
    assert (mail.subject, mail.body, mail.to) == (
        "Temat",
        "Treść wiadomości",
        ["jan@example.pl"],
    )


def test_a_person_without_an_address_is_not_reached():
    assert not EmailChannel().reaches(Recipient(name="Jan"), Notice("a", "b"))
