"""Settings that must hold before anything runs. Production must not run
without its secret key: the entry points call ``require_secret_key`` and
``check --deploy`` reports it as an error. The plausible years of dates lie
within what the database keeps."""

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured

from volunteer_center.core.dates import STORABLE_YEARS, plausible_years

MISSING_SECRET_KEY = "Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=1 for development)."


def secret_key_is_set() -> bool:
    try:
        return bool(settings.SECRET_KEY)
    except ImproperlyConfigured:  # Django refuses to hand out an empty key
        return False


def require_secret_key() -> None:
    if not secret_key_is_set():
        raise ImproperlyConfigured(MISSING_SECRET_KEY)


@register(Tags.security, deploy=True)
def check_secret_key_is_set(app_configs, **kwargs):
    if secret_key_is_set():
        return []
    return [Error(MISSING_SECRET_KEY, id="volunteer_center.E001")]


@register()
def check_plausible_years_are_storable(app_configs, **kwargs):
    (first, last), (low, high) = plausible_years(), STORABLE_YEARS
    if low <= first <= last <= high:
        return []
    return [
        Error(
            f"PLAUSIBLE_YEARS must lie within {low}-{high}: the database keeps "
            "no other dates.",
            id="volunteer_center.E002",
        )
    ]


MISSING_DPO = (
    "Set DPO_EMAIL (and DPO_NAME, DPO_ADDRESS): the information clauses name the "
    "data protection officer the OPS appointed (RODO art. 13 ust. 1 lit. b)."
)


@register(Tags.security, deploy=True)
def check_data_protection_officer_is_set(app_configs, **kwargs):
    if settings.DPO_EMAIL:
        return []
    return [Error(MISSING_DPO, id="volunteer_center.E003")]
