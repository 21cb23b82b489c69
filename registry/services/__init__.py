"""Changes to the register. Views, the admin and imports all come through here,
so every change is validated, recorded in the history with its author, and
moves a status only along the allowed paths. One module a subject; callers
import from the package (``from registry import services``)."""

# The right to erasure has its own module; it is a service of the register.
# The register's error types, raised by every function here.
from registry.erasure import ANONYMISED_NAME, beneficiary_anonymise, volunteer_anonymise
from registry.errors import DuplicatePersonError, RegistryError
from registry.services.dictionaries import (
    dictionary_entries_mark,
    dictionary_entry_save,
)
from registry.services.people import (
    beneficiary_create,
    beneficiary_update,
    institution_create,
    institution_update,
)
from registry.services.volunteers import (
    VOLUNTEER_TRANSITIONS,
    Slot,
    volunteer_activate,
    volunteer_calendar_renew,
    volunteer_create,
    volunteer_mark_former,
    volunteer_pause,
    volunteer_sign_up,
    volunteer_sms_consent_set,
    volunteer_update,
)

__all__ = [
    "ANONYMISED_NAME",
    "VOLUNTEER_TRANSITIONS",
    "DuplicatePersonError",
    "RegistryError",
    "Slot",
    "beneficiary_anonymise",
    "beneficiary_create",
    "beneficiary_update",
    "dictionary_entries_mark",
    "dictionary_entry_save",
    "institution_create",
    "institution_update",
    "volunteer_activate",
    "volunteer_anonymise",
    "volunteer_calendar_renew",
    "volunteer_create",
    "volunteer_mark_former",
    "volunteer_pause",
    "volunteer_sign_up",
    "volunteer_sms_consent_set",
    "volunteer_update",
]
