"""The demo institutions: the town's named ones first, then generated ones,
each with one or two contact persons."""

import datetime as dt

from registry.demo.context import Context
from registry.demo.rows import bulk_create
from registry.demo.timeline import at, office_minutes, register_start, spread
from registry.demo.vocabulary import (
    GENERATED_KINDS,
    INSTITUTIONS,
    POSITIONS,
    VILLAGE_STREETS,
)
from registry.models import ContactPerson, Institution
from volunteer_center.core.text import fold


def make_institutions(ctx: Context, count: int) -> list[Institution]:
    objects = [_institution(ctx, i) for i in range(count)]
    for index, institution in enumerate(objects):
        # Entered in the register's first three weeks, before anyone who
        # came from them or any request they sent.
        day = register_start(ctx.today) + dt.timedelta(days=spread(index, 21))
        institution.created_at = at(day, office_minutes(index))
        institution.updated_at = institution.created_at
    created = bulk_create(Institution, objects, actor=ctx.coordinator)
    contacts = []
    for institution in created:
        for index in range(ctx.rng.randint(1, 2)):
            first, last, _female = ctx.person()
            entered = institution.created_at + dt.timedelta(minutes=index + 1)
            contacts.append(
                ContactPerson(
                    institution=institution,
                    name=f"{first} {last}",
                    position=ctx.rng.choice(POSITIONS),
                    phone=ctx.phone(),
                    email=ctx.email(first, last, institution.pk),
                    created_at=entered,
                    updated_at=entered,
                )
            )
    bulk_create(ContactPerson, contacts, actor=ctx.coordinator)
    return created


def _institution(ctx: Context, index: int) -> Institution:
    if index < len(INSTITUTIONS):
        name, kind, street_name = INSTITUTIONS[index]
        district = ctx.town
        if street_name in VILLAGE_STREETS:
            district = ctx.rng.choice(
                [d for d in ctx.districts if d != ctx.town] or [ctx.town]
            )
    else:
        template, kind = GENERATED_KINDS[index % len(GENERATED_KINDS)]
        name = template.format(n=index - len(INSTITUTIONS) + 1)
        district = ctx.district()
        street_name = None
    street, postal_code, city = ctx.address(district)
    if street_name:
        street = f"ul. {street_name} {ctx.rng.randint(1, 60)}"
    sends = kind in {"school", "parish", "association", "company"}
    return Institution(
        name=name,
        kind=kind,
        receives_help=kind in {"care_home", "kindergarten", "parish", "public_body"},
        sends_volunteers=sends or ctx.rng.random() < 0.2,
        programme_partner=kind in {"public_body", "foundation"}
        or ctx.rng.random() < 0.15,
        nip=ctx.nip(),
        regon=ctx.regon(),
        phone=f"+4832{ctx.rng.randrange(10**7):07d}",
        email=f"sekretariat{index + 1}@{_domain(name)}",
        street=street,
        postal_code=postal_code,
        city=city,
        district=district,
    )


def _domain(name: str) -> str:
    words = [w for w in fold(name).replace("„", "").replace("”", "").split() if w]
    initials = "".join(w[0] for w in words if w[0].isalnum())
    return f"{initials[:12] or 'instytucja'}.example.pl"
