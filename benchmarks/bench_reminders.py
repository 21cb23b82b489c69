"""The hourly reminder command at 100,000 volunteers / 20,000 requests.

Usage (the project's virtualenv; root or the postgres user)::

    python -m benchmarks.bench_reminders [--json PATH] [--reseed]

1. The persistent PostgreSQL of ``benchmarks/cluster.py``, seeded with
   ``demo_data --volunteers 100000 --requests 20000`` when the project's
   migrations changed (as ``bench_pages`` does). ``BENCH_PG_HOME`` and
   ``BENCH_PG_PORT`` choose the cluster.
2. A throwaway copy of that database (``CREATE DATABASE … TEMPLATE``): the
   reminders a run records would otherwise leave the next run nothing to send.
3. In this process, DEBUG off, mail kept in memory (every message is built,
   none leaves): the three steps of ``manage.py send_reminders`` timed apart
   with their queries (lapsed cover offers, the reminders of the visits of the
   next ``REMINDER_HOURS_BEFORE`` hours, the coordinators' digest), then the
   whole command once more, which must send nothing. The figures go into
   benchmarks/RESULTS.md ("Volunteer area").
"""

import argparse
import json
import os
import time

from benchmarks import cluster

VOLUNTEERS, REQUESTS = 100_000, 20_000
COPY = "cw_reminders"


def prepare(reseed: bool) -> dict:
    cluster.start()
    env = cluster.django_env()
    state = cluster.read_state()
    if reseed or state.get("migrations") != cluster.migrations_fingerprint():
        print("Seeding a fresh database (the migrations changed)…", flush=True)
        state = cluster.seed(env=env, volunteers=VOLUNTEERS, requests=REQUESTS)
    cluster.psql(f"DROP DATABASE IF EXISTS {COPY} WITH (FORCE)")
    cluster.psql(f"CREATE DATABASE {COPY} TEMPLATE {cluster.DATABASE}")
    os.environ.update(env, DATABASE_URL=cluster.database_url(COPY))
    os.environ["DJANGO_SETTINGS_MODULE"] = "volunteer_center.settings"
    import django

    django.setup()
    from django.conf import settings

    settings.MAILERS = {
        "default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    }
    return state


def timed(step) -> dict:
    from django.core import mail
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    mail.outbox = []
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = step()
        seconds = time.perf_counter() - started
    return {
        "result": result,
        "seconds": round(seconds, 2),
        "queries": len(queries),
        "mails": len(mail.outbox),
    }


def measure() -> dict:
    from django.core.management import call_command

    from matching import services
    from matching.models import Assignment
    from volunteer_center.volunteer_area import reminders

    return {
        "assignments_holding_a_place": Assignment.objects.filter(
            status__in=Assignment.HOLDING_PLACE
        ).count(),
        "cover_expire_due": timed(services.cover_expire_due),
        "send_reminders": timed(reminders.send_reminders),
        "send_digest": timed(reminders.send_digest),
        "second_run": timed(lambda: call_command("send_reminders")),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument("--json", help="write every figure here")
    args = parser.parse_args(argv)
    state = prepare(args.reseed)
    try:
        figures = {"seeding": state.get("seeding"), **measure()}
    finally:
        from django.db import connections

        connections.close_all()
        cluster.psql(f"DROP DATABASE IF EXISTS {COPY} WITH (FORCE)")
        cluster.stop()
    text = json.dumps(figures, indent=2, default=str)
    print(text)
    if args.json:
        with open(args.json, "w") as out:
            out.write(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
