"""Changes to agreements, certificates and references, split by subject;
import them from here.

Numbers come from the year's counter row, locked for the rest of the
transaction: concurrent creates wait for each other, and a create that fails
rolls its number back, so the series has no gaps.
"""

from agreements.errors import AgreementError
from agreements.services.agreements import (
    agreement_activate,
    agreement_attach_scan,
    agreement_create,
    agreement_document_foreseen,
    agreement_expire_due,
    agreement_terminate,
    agreement_update,
)
from agreements.services.base import EDITABLE_FIELDS, SignOutcome
from agreements.services.issued import certificate_issue, reference_issue
from agreements.services.signing import (
    agreement_prepare,
    agreement_sign,
    earliest_signing_day,
)
from agreements.services.texts import (
    agreement_template_publish,
    agreement_template_set_in_use,
    check_newest_version,
    check_template_syntax,
)

__all__ = [
    "EDITABLE_FIELDS",
    "AgreementError",
    "SignOutcome",
    "agreement_activate",
    "agreement_attach_scan",
    "agreement_create",
    "agreement_document_foreseen",
    "agreement_expire_due",
    "agreement_prepare",
    "agreement_sign",
    "agreement_template_publish",
    "agreement_template_set_in_use",
    "agreement_terminate",
    "agreement_update",
    "certificate_issue",
    "check_newest_version",
    "check_template_syntax",
    "earliest_signing_day",
    "reference_issue",
]
