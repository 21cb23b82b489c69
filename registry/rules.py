"""The register's rules about a person's age, a guardian's consent and the
checks for work with minors, each in one function (docs/ARCHITECTURE.md,
"Rules"). The model's validation, matching's SQL filter, its per-volunteer
"why not", the batch's in-memory register and the services all call these;
each rule that SQL needs has its ``*_q`` form next to it, and a test holds
the two forms to the same answers.
"""

import datetime as dt

from django.conf import settings
from django.db.models import F, Q

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


def guardian_consent_too_late(
    *, birth_date: dt.date, consent_on: dt.date | None, start: dt.date
) -> bool:
    """A minor's work rests on consent given before it starts (art. 17 KC):
    a consent dated after ``start`` (the first day of an agreement) does not
    cover it. An adult on ``start`` needs none; an unknown date is no date."""
    return (
        is_minor_on(birth_date, start) and consent_on is not None and consent_on > start
    )


def may_work_q(day: dt.date, prefix: str = "") -> Q:
    """The SQL form of ``may_work_on``."""
    return adults_q(day, prefix) | Q(**{f"{prefix}guardian_consent": True})


def _vetting_since(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=settings.VETTING_VALIDITY_DAYS)


# Why a volunteer may not work with minors on a day, as codes matching turns
# into its "why not" sentences; None means they may.
VETTING_MISSING = "vetting_missing"
VETTING_EXPIRED = "vetting_expired"
VETTING_SCOPE = "vetting_scope"
VETTING_ABROAD = "vetting_abroad"
VETTING_STANDARDS = "vetting_standards"
VETTING_NEW_ENGAGEMENT = "vetting_new_engagement"


def _current(checked: dt.date | None, since: dt.date, day: dt.date) -> bool:
    return checked is not None and since <= checked <= day


def vetting_problem(v, day: dt.date) -> str | None:
    """The first unmet condition of art. 21 and the centre's standards for work
    with minors on ``day`` (``v`` has the fields of ``VettingRecord``): the
    Register check and the KRK information of the art. 21 ust. 3 scope, the
    foreign records for someone who lived abroad, all within the setting
    VETTING_VALIDITY_DAYS; the standards acknowledged; and, with the setting
    VETTING_EACH_ENGAGEMENT, a Register check made after the last engagement
    with minors ended."""
    since = _vetting_since(day)
    register, krk = v.sex_offender_register_checked_on, v.criminal_record_checked_on
    if register is None or krk is None:
        return VETTING_MISSING
    if not (_current(register, since, day) and _current(krk, since, day)):
        return VETTING_EXPIRED
    if not v.criminal_record_scope_confirmed:
        return VETTING_SCOPE
    if v.lived_abroad and not (
        v.abroad_document and _current(v.abroad_checked_on, since, day)
    ):
        return VETTING_ABROAD
    if v.standards_acknowledged_on is None:
        return VETTING_STANDARDS
    ended = v.minors_engagement_ended_on
    if settings.VETTING_EACH_ENGAGEMENT and ended is not None and register <= ended:
        return VETTING_NEW_ENGAGEMENT
    return None


def vetting_valid_on(v, day: dt.date) -> bool:
    return vetting_problem(v, day) is None


def vetting_valid_q(day: dt.date, prefix: str = "") -> Q:
    """The SQL form of ``vetting_valid_on``."""
    since = _vetting_since(day)

    def field(name: str) -> str:
        return f"{prefix}{name}"

    current = Q()
    for name in ("criminal_record_checked_on", "sex_offender_register_checked_on"):
        current &= Q(**{f"{field(name)}__gte": since, f"{field(name)}__lte": day})
    abroad = Q(**{field("lived_abroad"): False}) | (
        ~Q(**{field("abroad_document"): ""})
        & Q(
            **{
                f"{field('abroad_checked_on')}__gte": since,
                f"{field('abroad_checked_on')}__lte": day,
            }
        )
    )
    query = (
        current
        & Q(**{field("criminal_record_scope_confirmed"): True})
        & abroad
        & Q(**{f"{field('standards_acknowledged_on')}__isnull": False})
    )
    if settings.VETTING_EACH_ENGAGEMENT:
        query &= Q(**{f"{field('minors_engagement_ended_on')}__isnull": True}) | Q(
            **{
                f"{field('sex_offender_register_checked_on')}__gt": F(
                    field("minors_engagement_ended_on")
                )
            }
        )
    return query
