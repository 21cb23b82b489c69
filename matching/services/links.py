"""Links that carry signed data and open a page without signing in: the
volunteer's answer to an invitation, the host's confirmation of hours."""

import datetime as dt
from dataclasses import dataclass

from django.core import signing
from django.utils.translation import gettext_lazy as _

from matching.errors import MatchingError


@dataclass(frozen=True)
class SignedLink:
    """One kind of link: its salt keeps one kind's token from opening another's
    page; it expires after ``max_age`` (the e-mail tells how many days)."""

    salt: str
    max_age: dt.timedelta

    def token(self, data: dict) -> str:
        return signing.dumps(data, salt=self.salt)

    def data(self, token: str) -> dict:
        """What the link carries; MatchingError when it was tampered with or
        has expired."""
        try:
            return signing.loads(
                token, salt=self.salt, max_age=self.max_age.total_seconds()
            )
        except signing.SignatureExpired:
            raise MatchingError(
                _("This link has expired. Please call the Volunteer Centre.")
            ) from None
        except signing.BadSignature:
            raise MatchingError(_("This link is not valid.")) from None
