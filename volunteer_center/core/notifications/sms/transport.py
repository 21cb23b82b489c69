"""SMSAPI.pl's HTTP API (docs/ARCHITECTURE.md, "Notifications"):

    POST {SMS_API_URL}            (https://api.smsapi.pl/sms.do)
    Authorization: Bearer {SMS_API_TOKEN}
    to=48600100200&message=…&from={SMS_SENDER}&format=json&encoding=utf-8

A delivered message answers ``{"count": 1, "list": [{"id": …, "status":
"QUEUE", …}]}``; a refusal answers ``{"error": <code>, "message": …}``, with
HTTP 200 or an error status.
"""

import json
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings

from volunteer_center.core.notifications.base import (
    Channel,
    Notice,
    NotificationError,
    Recipient,
)

TIMEOUT_SECONDS = 10


def gateway_number(phone: str) -> str:
    """SMSAPI takes the number with its country code and no "+" or spaces."""
    return "".join(ch for ch in phone if ch.isdigit())


class SmsChannel(Channel):
    name = "sms"

    def configured(self) -> bool:
        return bool(settings.SMS_API_TOKEN)

    def reaches(self, recipient: Recipient, notice: Notice) -> bool:
        return bool(recipient.phone and recipient.sms_consent and notice.text)

    def send(self, recipient: Recipient, notice: Notice) -> None:
        fields = {
            "to": gateway_number(recipient.phone),
            "message": notice.text,
            "format": "json",
            "encoding": "utf-8",
        }
        if settings.SMS_SENDER:
            fields["from"] = settings.SMS_SENDER
        answer = self._post(fields)
        if "error" in answer or not answer.get("count"):
            raise NotificationError(
                f"SMSAPI refused: {answer.get('error')} {answer.get('message', '')}"
            )

    def _post(self, fields: dict) -> dict:
        request = urllib.request.Request(
            settings.SMS_API_URL,
            data=urllib.parse.urlencode(fields).encode(),
            headers={"Authorization": f"Bearer {settings.SMS_API_TOKEN}"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
                return json.loads(response.read().decode())
        except urllib.error.HTTPError as error:
            try:
                return json.loads(error.read().decode())
            except ValueError:
                raise NotificationError(f"SMSAPI HTTP {error.code}") from error
        except (urllib.error.URLError, OSError, ValueError) as error:
            raise NotificationError(f"SMSAPI unreachable: {error}") from error
