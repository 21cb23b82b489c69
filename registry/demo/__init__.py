"""Demo data of the register: institutions, volunteers, beneficiaries.

Deterministic for a given ``rng``; realistic for Czechowice-Dziedzice (real
streets, schools, parishes, associations, social-welfare units with valid NIP
and REGON check digits, ``vocabulary``). Rows are written in batches
(``rows``), on PostgreSQL by COPY (``copy``), elsewhere by bulk_create; neither
calls save(), hence ``search_text`` is built there, and each record gets one
"created" history row copied by the database. The volunteers are generated as
plain values, not model instances (at 100,000 those cost seconds).
"""

from django.utils import timezone

from registry.demo.advice import make_consultations
from registry.demo.beneficiaries import make_beneficiaries
from registry.demo.bulk import leave_indexes
from registry.demo.context import Context
from registry.demo.institutions import make_institutions
from registry.demo.rows import analyze
from registry.demo.volunteers import make_volunteers, standards_dated
from registry.models import Availability, Volunteer

__all__ = ["generate"]


def generate(*, rng, options, stdout) -> None:
    today = timezone.localdate()
    ctx = Context(rng=rng, today=today)
    standards_dated(ctx)
    institutions = make_institutions(ctx, options["institutions"])
    stdout.write(f"  institutions: {len(institutions)}")
    tables = (
        Volunteer,
        Volunteer.history.model,
        Volunteer.skills.through,
        Volunteer.interests.through,
        Volunteer.reachable_districts.through,
        Availability,
    )
    # Built again while the matching demo picks (or when the load ends).
    leave_indexes(*tables)
    count = make_volunteers(ctx, options["volunteers"], institutions)
    analyze(*tables)
    stdout.write(f"  volunteers: {count}")
    count = make_beneficiaries(ctx, options["beneficiaries"])
    stdout.write(f"  beneficiaries: {count}")
    stdout.write(f"  consultations: {make_consultations(ctx)}")
