"""The register's models, split by subject; import them from here.

The advice register's models live in ``registry.advice.models`` and are
re-exported so that Django finds them in this app.
"""

from registry.advice.models import (
    MAX_CONSULTATION_MINUTES,
    ClosureDay,
    Consultation,
    ConsultationQuerySet,
    ConsultationTopic,
    OfficeHours,
    OfficeHoursQuerySet,
)
from registry.models.base import (
    Address,
    Addressed,
    Dictionary,
    GrammaticalGender,
    LegalBasis,
    Searchable,
    SearchQuerySet,
    gender_from_pesel,
    normalise_phones,
)
from registry.models.beneficiaries import Beneficiary, BeneficiaryQuerySet
from registry.models.dictionaries import Category, District, Skill
from registry.models.guardians import GuardianConsentRequest, token_hash
from registry.models.imports import ImportJob
from registry.models.institutions import (
    INSTITUTION_FIELDS,
    ContactPerson,
    Institution,
)
from registry.models.volunteers import (
    CONTACT,
    CONTACT_AND_OFFER,
    GUARDIAN,
    OFFER,
    Availability,
    GuardianConsentMethod,
    Volunteer,
    VolunteerQuerySet,
    WeeklyWindow,
    weekly_window_constraints,
)

__all__ = [
    "CONTACT",
    "CONTACT_AND_OFFER",
    "GUARDIAN",
    "INSTITUTION_FIELDS",
    "MAX_CONSULTATION_MINUTES",
    "OFFER",
    "Address",
    "Addressed",
    "Availability",
    "Beneficiary",
    "BeneficiaryQuerySet",
    "Category",
    "ClosureDay",
    "Consultation",
    "ConsultationQuerySet",
    "ConsultationTopic",
    "ContactPerson",
    "Dictionary",
    "District",
    "GrammaticalGender",
    "GuardianConsentMethod",
    "GuardianConsentRequest",
    "ImportJob",
    "Institution",
    "LegalBasis",
    "OfficeHours",
    "OfficeHoursQuerySet",
    "SearchQuerySet",
    "Searchable",
    "Skill",
    "Volunteer",
    "VolunteerQuerySet",
    "WeeklyWindow",
    "gender_from_pesel",
    "normalise_phones",
    "token_hash",
    "weekly_window_constraints",
]
