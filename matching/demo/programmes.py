"""The demo programmes, their partner institutions and the volunteers who
worked in them."""

import datetime as dt

from matching.demo.context import Context
from matching.demo.vocabulary import PARTNER_ROLES, PROGRAMMES, AStatus
from matching.models import Programme, ProgrammePartner
from registry.demo.rows import BATCH, bulk_create
from registry.demo.timeline import at


def make_programmes(ctx: Context) -> list[Programme]:
    date_from = ctx.today - dt.timedelta(days=200)
    # Set up two weeks before they began.
    entered = at(date_from - dt.timedelta(days=14), 10 * 60)
    programmes = bulk_create(
        Programme,
        [
            Programme(
                name=f"{name} {ctx.today.year}",
                description=description,
                date_from=date_from,
                date_to=None if open_ended else ctx.today + dt.timedelta(days=200),
                coordinator=ctx.coordinator,
                created_at=entered,
                updated_at=entered,
            )
            for name, description, _categories, open_ended in PROGRAMMES
        ],
    )
    partners = []
    for programme in programmes:
        count = min(len(ctx.partners), ctx.rng.randint(2, 3))
        for institution_id in ctx.rng.sample(ctx.partners, count):
            partners.append(
                ProgrammePartner(
                    programme=programme,
                    institution_id=institution_id,
                    role=ctx.rng.choice(PARTNER_ROLES),
                )
            )
    ProgrammePartner.objects.bulk_create(partners)
    return programmes


def link_programme_volunteers(programmes, specs, assignments) -> None:
    by_request = {s.request.pk: s.request.programme_id for s in specs}
    links = {
        (by_request[a["request_id"]], a["volunteer_id"])
        for a in assignments
        if by_request.get(a["request_id"])
        and a["status"] in (AStatus.ACCEPTED, AStatus.ACTIVE, AStatus.COMPLETED)
    }
    Link = Programme.volunteers.through
    Link.objects.bulk_create(
        [Link(programme_id=p, volunteer_id=v) for p, v in sorted(links)],
        batch_size=BATCH,
    )
