"""Agreements (porozumienia) from versioned texts, and the certificates
(zaświadczenia) and references (opinie) issued to volunteers.

Legal basis: ustawa z dnia 24 kwietnia 2003 r. o działalności pożytku
publicznego i o wolontariacie, art. 42–46. Signed scans and issued PDFs hold
personal data, so they live on a private storage that has no public URL and
are served only by views that check permissions.

Split by subject; import them from here. ``_private_storage`` is re-exported
because migrations name it."""

from agreements.models.agreements import ENDING_SOON_DAYS, Agreement, AgreementQuerySet
from agreements.models.documents import (
    Certificate,
    CertificateBatch,
    IssuedDocument,
    Reference,
)
from agreements.models.insurance import InsurancePolicy, InsurancePolicyQuerySet
from agreements.models.signatories import (
    SafetyInformation,
    Signatory,
    SignatoryQuerySet,
)
from agreements.models.storage import PrivateStorage, _private_storage, private_storage
from agreements.models.texts import (
    PARTY_FIELD,
    AgreementCounter,
    AgreementKind,
    AgreementTemplate,
    AgreementTemplateQuerySet,
)

__all__ = [
    "ENDING_SOON_DAYS",
    "PARTY_FIELD",
    "Agreement",
    "AgreementCounter",
    "AgreementKind",
    "AgreementQuerySet",
    "AgreementTemplate",
    "AgreementTemplateQuerySet",
    "Certificate",
    "CertificateBatch",
    "InsurancePolicy",
    "InsurancePolicyQuerySet",
    "IssuedDocument",
    "PrivateStorage",
    "Reference",
    "SafetyInformation",
    "Signatory",
    "SignatoryQuerySet",
    "_private_storage",
    "private_storage",
]
