"""Fills the database with realistic, deterministic demo data.

Each app contributes its own part through ``<app>/demo.py``'s
``generate(*, rng, options, stdout)``; an app without that module is skipped.
At scale (``--volunteers 100000``) the rows go in by PostgreSQL's COPY
(``registry.demo.rows``; bulk_create on SQLite).
"""

import importlib
import io
import random
import time

from django.core.management.base import BaseCommand
from django.db import transaction

from registry.demo.bulk import foreign_keys_checked_at_end, indexes_left_to_build
from registry.models import Volunteer
from volunteer_center.demo_users import demo_users_ensure

DEMO_MODULES = (
    "registry.demo",
    "matching.demo",
    "agreements.demo",
    "volunteer_center.demo",
    "volunteer_center.volunteer_area.demo",
)


def demo_modules() -> list:
    modules = []
    for name in DEMO_MODULES:
        try:
            modules.append(importlib.import_module(name))
        except ModuleNotFoundError as error:
            # Only the demo module itself may be missing; a broken import
            # inside it is a bug and must surface.
            if error.name != name:
                raise
    return modules


class Command(BaseCommand):
    help = "Creates demo volunteers, beneficiaries, institutions and staff accounts."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the register already has volunteers.",
        )
        parser.add_argument("--volunteers", type=int, default=200)
        parser.add_argument("--beneficiaries", type=int, default=80)
        parser.add_argument("--institutions", type=int, default=30)
        parser.add_argument("--requests", type=int, default=60)
        parser.add_argument("--quiet", action="store_true")

    def handle(self, *args, **options):
        out = io.StringIO() if options["quiet"] else self.stdout
        if options["if_empty"] and Volunteer.objects.exists():
            out.write("The register already has volunteers: no demo data added.")
            return
        rng = random.Random(options["seed"])
        started = time.perf_counter()
        # The keys are checked once each at the end, the indexes the parts
        # leave are built once (registry.demo.bulk), not row by row.
        with (
            transaction.atomic(),
            foreign_keys_checked_at_end(),
            indexes_left_to_build(),
        ):
            demo_users_ensure()
            for module in demo_modules():
                part = time.perf_counter()
                module.generate(rng=rng, options=options, stdout=out)
                out.write(f"  ({module.__name__}: {time.perf_counter() - part:.1f} s)")
            parts_done = time.perf_counter()
        ended = time.perf_counter()
        out.write(
            f"  (keys checked, indexes built, committed: {ended - parts_done:.1f} s)"
        )
        out.write(f"Demo data ready in {ended - started:.1f} s.")
