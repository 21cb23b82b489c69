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
    Dictionary,
    LegalBasis,
    Searchable,
    SearchQuerySet,
    normalise_phones,
)
from registry.models.beneficiaries import Beneficiary, BeneficiaryQuerySet
from registry.models.dictionaries import Category, District, Skill
from registry.models.imports import ImportJob
from registry.models.institutions import ContactPerson, Institution
from registry.models.volunteers import Availability, Volunteer, VolunteerQuerySet

__all__ = [
    "MAX_CONSULTATION_MINUTES",
    "Address",
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
    "normalise_phones",
]
