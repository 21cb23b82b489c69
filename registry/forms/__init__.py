"""The register's forms, split by subject; import them from here (the
advice register's forms are in ``registry.advice.forms``)."""

from registry.forms.consents import GuardianConsentForm, GuardianConsentRecordForm
from registry.forms.fields import (
    AvailabilityField,
    AvailabilityGridWidget,
    DuplicateCheckMixin,
    HoneypotMixin,
    honeypot_layout,
    slot_value,
)
from registry.forms.people import BeneficiaryForm, InstitutionForm
from registry.forms.vetting import VettingForm
from registry.forms.volunteers import SignUpForm, VolunteerForm

__all__ = [
    "AvailabilityField",
    "AvailabilityGridWidget",
    "BeneficiaryForm",
    "DuplicateCheckMixin",
    "GuardianConsentForm",
    "GuardianConsentRecordForm",
    "HoneypotMixin",
    "InstitutionForm",
    "SignUpForm",
    "VettingForm",
    "VolunteerForm",
    "honeypot_layout",
    "slot_value",
]
