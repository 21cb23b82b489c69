"""The demo beneficiaries, shared out between the social workers."""

import datetime as dt

from registry.demo.context import Context
from registry.demo.rows import batched, bulk_create
from registry.demo.timeline import SPAN_DAYS, at, office_minutes, register_start, spread
from registry.demo.vocabulary import NEEDS
from registry.models import Beneficiary


def make_beneficiaries(ctx: Context, count: int) -> int:
    workers = ctx.social_workers or [None]
    created = 0
    for batch in batched(range(count)):
        objects = [_beneficiary(ctx, serial, workers) for serial in batch]
        created += len(bulk_create(Beneficiary, objects, actor=ctx.coordinator))
    return created


def _beneficiary(ctx: Context, serial: int, workers: list) -> Beneficiary:
    rng = ctx.rng
    first, last, female = ctx.person()
    district = ctx.district()
    street, postal_code, city = ctx.address(district)
    contact = rng.choices(
        [c.value for c in Beneficiary.Contact], weights=[60, 5, 15, 20]
    )[0]
    # Over the register's two years; the matching demo moves one back before
    # the first request filed for them (matching.demo.requests).
    day = register_start(ctx.today) + dt.timedelta(
        days=1 + spread(serial, SPAN_DAYS - 1)
    )
    entered = at(day, office_minutes(serial))
    return Beneficiary(
        created_at=entered,
        updated_at=entered,
        first_name=first,
        last_name=last,
        gender="female" if female else "male",
        birth_date=ctx.birth_date(25, 95) if rng.random() < 0.9 else None,
        phone=ctx.phone() if rng.random() < 0.85 else "",
        email=ctx.email(first, last, serial + 1) if contact == "email" else "",
        needs=rng.choice(NEEDS),
        preferred_contact=contact,
        social_worker=workers[serial % len(workers)],
        status=rng.choices([s.value for s in Beneficiary.Status], weights=[9, 1])[0],
        legal_basis="public_task",
        street=street,
        postal_code=postal_code,
        city=city,
        district=district,
    )
