"""The demo volunteers: adults and minors with a guardian's consent, some
vetted, each with skills, interests, districts and weekly availability."""

import datetime as dt
from collections.abc import Iterable
from itertools import accumulate

from registry.demo.context import Context
from registry.demo.rows import batched
from registry.demo.timeline import (
    at,
    clause_version_on,
    office_minutes,
    register_start,
)
from registry.demo.vocabulary import (
    FEMALE_FIRST,
    LANGUAGES,
    MALE_FIRST,
    VOLUNTEER_NOTES,
)
from registry.demo.writer import Writer, writer
from registry.models import Availability, District, Institution, Volunteer
from volunteer_center.core.legal.models import ChildProtectionStandards

# Drawn for each of 100,000 volunteers: the lists made once (cumulative
# weights give the draws that the weights 20, 60, 10, 10 and 50, 35, 15 do).
STATUSES = [status.value for status in Volunteer.Status]
STATUS_WEIGHTS = list(accumulate([20, 60, 10, 10]))
SOURCES = [source.value for source in Volunteer.Source]
SOURCE_WEIGHTS = list(accumulate([50, 35, 15]))
# The version of the child protection standards the vetted acknowledge.
STANDARDS_VERSION = 1


def standards_dated(ctx: Context) -> None:
    """The child protection standards the demo volunteers acknowledge
    (version 1, which the migration created when the database was made) were
    in force from the register's first day, before any acknowledgement."""
    first = at(register_start(ctx.today), 8 * 60)
    ChildProtectionStandards.objects.filter(
        version=STANDARDS_VERSION, created_at__gt=first
    ).update(created_at=first)


def make_volunteers(ctx: Context, count: int, institutions: list[Institution]) -> int:
    senders = [i.pk for i in institutions if i.sends_volunteers] or [None]
    created = 0
    with writer(actor=ctx.coordinator) as write:
        write.reserve(Volunteer, count)
        for batch in batched(range(count)):
            rows = [_volunteer(ctx, serial, senders) for serial in batch]
            pks = write.records(Volunteer, [record for record, _relations in rows])
            relations = zip(pks, (r for _v, r in rows), strict=True)
            _volunteer_relations(write, relations)
            created += len(pks)
    return created


def _volunteer(ctx: Context, serial: int, senders: list) -> tuple[dict, dict]:
    """The volunteer's fields (by attname) and relations."""
    rng = ctx.rng
    first, last, female = ctx.person()
    minor = rng.random() < 0.12
    birth_date = ctx.birth_date(13, 17) if minor else ctx.birth_date(18, 78)
    district = ctx.district()
    street, postal_code, city = ctx.address(district)
    status = rng.choices(STATUSES, cum_weights=STATUS_WEIGHTS)[0]
    source = rng.choices(SOURCES, cum_weights=SOURCE_WEIGHTS)[0]
    signed_up_on = ctx.today - dt.timedelta(days=rng.randint(1, 700))
    # Signed up on the day the information clause was read (the public form
    # or the office), at a time of day of that day.
    signed_up = at(signed_up_on, office_minutes(serial))
    volunteer = {
        "first_name": first,
        "last_name": last,
        "birth_date": birth_date,
        "pesel": ctx.pesel(birth_date, female) if rng.random() < 0.8 else "",
        "gender": "female" if female else "male",
        "email": ctx.email(first, last, serial + 1) if rng.random() < 0.9 else "",
        "phone": ctx.phone(),
        "street": street,
        "postal_code": postal_code,
        "city": city,
        "district_id": district.pk,
        "languages": ", ".join(rng.sample(LANGUAGES, rng.choice((0, 0, 1, 1, 2)))),
        "has_driving_licence": not minor and rng.random() < 0.55,
        "max_hours_per_week": rng.choice((2, 3, 4, 4, 6, 6, 8, 10, 12)),
        "status": status,
        "source": source,
        "sending_institution_id": (
            rng.choice(senders) if source == Volunteer.Source.INSTITUTION else None
        ),
        "legal_basis": "consent",
        "consent_clause_version": clause_version_on(signed_up_on),
        "consent_given_at": signed_up,
        "created_at": signed_up,
        "updated_at": signed_up,
        "notes": rng.choice(VOLUNTEER_NOTES),
    }
    volunteer["has_car"] = volunteer["has_driving_licence"] and rng.random() < 0.7
    if minor:
        volunteer |= _guardian(ctx, last, signed_up_on)
    if status != Volunteer.Status.CANDIDATE and rng.random() < 0.35:
        volunteer |= _vetting(ctx, signed_up_on)
    last_day = max(
        volunteer.get("guardian_consent_on", signed_up_on),
        volunteer.get("criminal_record_checked_on", signed_up_on),
    )
    if last_day > signed_up_on:  # staff recorded it on the record later
        volunteer["updated_at"] = min(ctx.now, at(last_day, office_minutes(~serial)))
    return volunteer, _relations(ctx, district)


def _guardian(ctx: Context, last_name: str, signed_up_on: dt.date) -> dict:
    female = ctx.rng.random() < 0.6
    first = ctx.rng.choice(FEMALE_FIRST if female else MALE_FIRST)
    # The paper consent came within two weeks of the sign-up.
    later = dt.timedelta(days=ctx.rng.randint(1, 300) % 15)
    return {
        "guardian_name": f"{first} {last_name}",
        "guardian_phone": ctx.phone(),
        "guardian_consent": True,
        "guardian_consent_method": "paper",
        "guardian_consent_recorded_by_id": ctx.coordinator_id,
        "guardian_consent_on": min(ctx.today, signed_up_on + later),
    }


def _vetting(ctx: Context, signed_up_on: dt.date) -> dict:
    """The checks (and the standards acknowledged) on one day after the
    sign-up; some over a year ago, due again."""
    days = ctx.rng.randint(5, 500)
    checked = max(
        ctx.today - dt.timedelta(days=days),
        min(ctx.today, signed_up_on + dt.timedelta(days=days % 10)),
    )
    return {
        "criminal_record_checked_on": checked,
        "criminal_record_scope_confirmed": True,
        "sex_offender_register_checked_on": checked,
        "register_printout_kept": True,
        "register_checked_by_id": ctx.coordinator_id,
        "criminal_record_seen_by_id": ctx.coordinator_id,
        "vetting_verified_by_id": ctx.coordinator_id,
        "standards_acknowledged_on": checked,
        "standards_acknowledged_version": STANDARDS_VERSION,
    }


def _relations(ctx: Context, home: District) -> dict:
    rng = ctx.rng
    districts = {home.pk}
    if rng.random() < 0.4:
        districts.update(d.pk for d in rng.sample(ctx.districts, rng.randint(1, 2)))
    cells = rng.sample(range(21), rng.randint(2, 7))
    return {
        "skills": rng.sample(ctx.skills, min(len(ctx.skills), rng.randint(0, 3))),
        "interests": rng.sample(
            ctx.categories, min(len(ctx.categories), rng.randint(1, 3))
        ),
        "districts": sorted(districts),
        "availability": [(cell // 3, PARTS[cell % 3]) for cell in sorted(cells)],
    }


PARTS = [part.value for part in Availability.Part]


def _volunteer_relations(write: Writer, rows: Iterable[tuple[int, dict]]):
    skills, interests, districts, availability = [], [], [], []
    for pk, relations in rows:
        skills += [(pk, s) for s in relations["skills"]]
        interests += [(pk, c) for c in relations["interests"]]
        districts += [(pk, d) for d in relations["districts"]]
        availability += [(pk, day, part) for day, part in relations["availability"]]
    write.rows(Volunteer.skills.through, ("volunteer_id", "skill_id"), skills)
    write.rows(Volunteer.interests.through, ("volunteer_id", "category_id"), interests)
    write.rows(
        Volunteer.reachable_districts.through,
        ("volunteer_id", "district_id"),
        districts,
    )
    write.rows(Availability, ("volunteer_id", "weekday", "part"), availability)
