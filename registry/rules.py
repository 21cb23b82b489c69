"""The register's rules about a person's age, a guardian's consent and the
checks for work with minors, each in one function (docs/ARCHITECTURE.md,
"Rules"). The model's validation, matching's SQL filter, its per-volunteer
"why not", the batch's in-memory register and the services all call these;
each rule that SQL needs has its ``*_q`` form next to it, and a test holds
the two forms to the same answers.
"""

import datetime as dt

from django.conf import settings
from django.db.models import Q

# Full age under the Civil Code (art. 10 KC).
ADULT_AGE = 18


def min_volunteer_age() -> int:
    """The centre's own lower age limit for volunteers (a setting, not law)."""
    return settings.MIN_VOLUNTEER_AGE


def max_volunteer_age() -> int:
    """The oldest plausible age of a volunteer (a setting): an older date of
    birth is a typing error, such as 1900 for 1990."""
    return settings.MAX_VOLUNTEER_AGE


def age_on(birth_date: dt.date, day: dt.date) -> int:
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - before_birthday


def years_ago(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` earlier (28 February for 29 February);
    clamped to the representable years rather than overflowing, whatever the
    number of years a filter was given."""
    year = min(max(dt.MINYEAR, day.year - years), dt.MAXYEAR)
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return day.replace(year=year, day=28)


def adult_born_by(day: dt.date) -> dt.date:
    """Whoever was born on or before this date is an adult on ``day``."""
    return years_ago(day, ADULT_AGE)


def is_minor_on(birth_date: dt.date, day: dt.date) -> bool:
    return birth_date > adult_born_by(day)


def adults_q(day: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}birth_date__lte": adult_born_by(day)})


def minors_q(day: dt.date, prefix: str = "") -> Q:
    return ~adults_q(day, prefix)


def may_work_on(*, birth_date: dt.date, guardian_consent: bool, day: dt.date) -> bool:
    """An adult may work; a minor only with their guardian's consent."""
    return not is_minor_on(birth_date, day) or guardian_consent


def may_work_q(day: dt.date, prefix: str = "") -> Q:
    """The SQL form of ``may_work_on``."""
    return adults_q(day, prefix) | Q(**{f"{prefix}guardian_consent": True})


def _vetting_since(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=settings.VETTING_VALIDITY_DAYS)


def vetting_valid_on(
    criminal_record_checked_on: dt.date | None,
    sex_offender_register_checked_on: dt.date | None,
    day: dt.date,
) -> bool:
    """Both checks for work with minors were made and are still current on
    ``day`` (settings.VETTING_VALIDITY_DAYS)."""
    since = _vetting_since(day)
    return all(
        checked is not None and since <= checked <= day
        for checked in (criminal_record_checked_on, sex_offender_register_checked_on)
    )


def vetting_valid_q(day: dt.date, prefix: str = "") -> Q:
    """The SQL form of ``vetting_valid_on``."""
    since = _vetting_since(day)
    return Q(
        **{
            f"{prefix}{name}__{lookup}": value
            for name in (
                "criminal_record_checked_on",
                "sex_offender_register_checked_on",
            )
            for lookup, value in (("gte", since), ("lte", day))
        }
    )
