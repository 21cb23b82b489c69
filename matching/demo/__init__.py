"""Demo data of matching: help requests, assignments, hours, programmes.

Runs after ``registry.demo`` and reads the beneficiaries, institutions and
volunteers it made from the database. Deterministic for a given ``rng``.
Every assignment obeys the matching rules: volunteers are picked with the
batch proposal's in-memory rules (``matching.facts.Register``), which are
kept true as assignments are added, and the places of a request are
numbered 1, 2, … Rows go in through ``registry.demo.rows`` (COPY on
PostgreSQL, bulk_create elsewhere), so ``--requests 20000`` with
``--volunteers 100000`` takes seconds.

Active and completed assignments are kept to at most 30 days: longer work
needs a signed written agreement (art. 44), which is the agreements app's
demo data, not this one's.
"""

from matching.demo.assignments import make_assignments
from matching.demo.context import Context
from matching.demo.hours import make_hours
from matching.demo.programmes import link_programme_volunteers, make_programmes
from matching.demo.requests import create_requests, request_specs
from matching.models import Assignment, HelpRequest, HoursEntry, Programme, RequestSlot
from registry.demo.rows import analyze

__all__ = ["generate"]


def generate(*, rng, options, stdout) -> None:
    ctx = Context(rng)
    programmes = make_programmes(ctx)
    stdout.write(f"  programmes: {len(programmes)}")
    specs = request_specs(ctx, options.get("requests", 60), programmes)
    requests = create_requests(ctx, specs)
    analyze(HelpRequest, RequestSlot, HelpRequest.required_skills.through)
    stdout.write(f"  help requests: {len(requests)}")
    assignments = make_assignments(ctx, specs, requests)
    # Written in bulk, around the services that keep the count.
    HelpRequest.objects.recount_places_taken()
    stdout.write(f"  assignments: {len(assignments)}")
    stdout.write(f"  hours entries: {make_hours(ctx, specs, assignments)}")
    link_programme_volunteers(programmes, specs, assignments)
    analyze(Assignment, HoursEntry, Programme.volunteers.through)
