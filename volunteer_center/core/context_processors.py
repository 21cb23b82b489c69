from django.conf import settings
from django.utils.translation import ngettext


def _months(count: int) -> str:
    return ngettext("%(count)d month", "%(count)d months", count) % {"count": count}


def _years(count: int) -> str:
    return ngettext("%(count)d year", "%(count)d years", count) % {"count": count}


def privacy_settings() -> dict:
    """What the information clauses print from the settings: the periods in
    words, so that the clauses state what the retention command applies."""
    return {
        "version": settings.PRIVACY_CLAUSE_VERSION,
        "dpo_name": settings.DPO_NAME,
        "dpo_email": settings.DPO_EMAIL,
        "dpo_address": settings.DPO_ADDRESS,
        "it_providers": settings.IT_PROVIDERS,
        "candidate_period": _months(settings.RETENTION_CANDIDATE_MONTHS),
        "volunteer_period": _years(settings.RETENTION_VOLUNTEER_YEARS),
        "vetting_period": _months(settings.RETENTION_VETTING_MONTHS),
        "beneficiary_period": _years(settings.RETENTION_BENEFICIARY_YEARS),
        "consultation_period": _years(settings.RETENTION_CONSULTATION_YEARS),
        "jrwa_agreements": settings.JRWA_AGREEMENTS,
        "jrwa_certificates": settings.JRWA_CERTIFICATES,
    }


def centre(request):
    return {
        "CENTRE": settings.CENTRE,
        "MIN_VOLUNTEER_AGE": settings.MIN_VOLUNTEER_AGE,
        "PRIVACY": privacy_settings(),
    }
