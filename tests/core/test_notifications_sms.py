"""The text-message channel's contract, against a local SMSAPI.pl stand-in."""

import pytest

from tests.core.smsapi_server import TOKEN, SmsapiServer
from volunteer_center.core.notifications import (
    Notice,
    NotificationError,
    Recipient,
    channels,
    notify,
)
from volunteer_center.core.notifications.sms.transport import SmsChannel

PERSON = Recipient(name="Anna Nowak", phone="+48600100200", sms_consent=True)
NOTICE = Notice(subject="Przypomnienie", body="Treść", text="Jutro 10:00, zakupy")


@pytest.fixture
def gateway(settings):
    with SmsapiServer() as server:
        settings.SMS_API_URL = server.url
        settings.SMS_API_TOKEN = TOKEN
        settings.SMS_SENDER = "OPS-CW"
        yield server


def test_a_message_is_posted_in_smsapi_form(gateway):
    SmsChannel().send(PERSON, NOTICE)

    (sent,) = gateway.received
    assert sent["path"] == "/sms.do"
    assert sent["auth"] == f"Bearer {TOKEN}"
    assert sent["to"] == "48600100200"
    assert sent["message"] == "Jutro 10:00, zakupy"
    assert sent["from"] == "OPS-CW"
    assert sent["format"] == "json"
    assert sent["encoding"] == "utf-8"


def test_a_refused_token_raises_a_notification_error(gateway, settings):
    settings.SMS_API_TOKEN = "wrong"
    with pytest.raises(NotificationError, match="101"):
        SmsChannel().send(PERSON, NOTICE)


def test_an_error_answer_with_http_200_raises(gateway):
    with pytest.raises(NotificationError, match="13"):
        SmsChannel().send(Recipient(name="X", phone="+", sms_consent=True), NOTICE)


def test_an_unreachable_gateway_raises(settings):
    settings.SMS_API_URL = "http://127.0.0.1:9/sms.do"
    settings.SMS_API_TOKEN = TOKEN
    with pytest.raises(NotificationError, match="unreachable"):
        SmsChannel().send(PERSON, NOTICE)


def test_the_channel_is_off_without_a_token(settings):
    settings.SMS_API_TOKEN = ""
    assert [c.name for c in channels()] == ["email"]


def test_no_text_without_the_recorded_consent(gateway, mailoutbox):
    person = Recipient(name="Anna", phone="+48600100200", sms_consent=False)
    assert notify(person, NOTICE) == []
    assert gateway.received == []


def test_notify_texts_and_mails_a_consenting_person(gateway, mailoutbox):
    person = Recipient(
        name="Anna", email="anna@example.pl", phone="+48600100200", sms_consent=True
    )
    assert notify(person, NOTICE) == ["email", "sms"]
    assert len(gateway.received) == 1
    assert mailoutbox[0].to == ["anna@example.pl"]


def test_a_failing_gateway_does_not_stop_the_e_mail(gateway, settings, mailoutbox):
    settings.SMS_API_TOKEN = "wrong"
    person = Recipient(
        name="Anna", email="anna@example.pl", phone="+48600100200", sms_consent=True
    )
    assert notify(person, NOTICE) == ["email"]
    assert len(mailoutbox) == 1
