"""Benchmark of matching at the municipality's worst case and beyond.

Usage (PostgreSQL; an empty database gets the demo data first)::

    DATABASE_URL=postgres://user@host:port/db \\
        python benchmarks/bench_matching.py --volunteers 100000 --requests 20000

What it does and reports:

1. ``migrate``; if the register is empty, ``demo_data`` at the given scale,
   timed (the target: 100,000 volunteers in under a minute), then
   ``VACUUM ANALYZE`` so the planner knows the tables, as autovacuum would.
2. ``selectors.suggestions()`` for ``--sample`` open requests spread over the
   register (after a short warm-up): median, p95 and max milliseconds, and
   queries per call.
3. ``batch.batch_plan()`` over every open request: seconds to load, to build
   the edges (rules, pools, scores), to optimise and to run greedy; places
   filled and total score of the optimised plan against greedy's, and
   ``optimizer.checks.validate`` of both.

Settings: ``volunteer_center.settings``; ``DJANGO_DEBUG=1`` is set when
missing so no secret key is needed, and DEBUG is then switched off again so
that query logging does not distort the timings. ``--json PATH`` writes the
figures for benchmarks/RESULTS.md.
"""

import argparse
import io
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.load import percentile

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "volunteer_center.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")


def _setup():
    import django
    from django.conf import settings

    django.setup()
    settings.DEBUG = False


def _prepare(args) -> dict:
    from django.core.management import call_command
    from django.db import connection

    from registry.models import Volunteer

    call_command("migrate", verbosity=0)
    if Volunteer.objects.exists():
        return {"demo_data": "skipped: the register is not empty"}
    out = io.StringIO()
    started = time.perf_counter()
    call_command(
        "demo_data",
        seed=args.seed,
        volunteers=args.volunteers,
        requests=args.requests,
        beneficiaries=args.beneficiaries or max(80, args.requests // 4),
        institutions=args.institutions,
        stdout=out,
    )
    seconds = time.perf_counter() - started
    print(out.getvalue().rstrip())
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return {
        "demo_data_seconds": round(seconds, 1),
        "vacuum_analyze_seconds": round(time.perf_counter() - started, 1),
    }


def _backend_cpu() -> float | None:
    """CPU seconds the database server process of this connection has used,
    when it runs on this machine (wall-clock times suffer when the machine is
    shared; CPU times much less)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _suggestions(args) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from matching import selectors
    from matching.batch import open_requests
    from matching.models import HelpRequest

    ids = list(open_requests().order_by("pk").values_list("pk", flat=True))
    step = max(1, len(ids) // args.sample)
    sample = ids[::step][: args.sample]
    requests = HelpRequest.objects.in_bulk(sample)
    for pk in sample[:5]:  # warm-up: caches, prepared plans
        selectors.suggestions(requests[pk])
    times, queries, empty = [], [], 0
    cpu_before = (time.process_time(), _backend_cpu())
    for pk in sample:
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            found = selectors.suggestions(requests[pk])
            times.append((time.perf_counter() - started) * 1000)
        queries.append(len(captured))
        empty += not found
    client_cpu = time.process_time() - cpu_before[0]
    server_cpu = _backend_cpu()
    if server_cpu is not None and cpu_before[1] is not None:
        server_cpu -= cpu_before[1]
    return {
        "cpu_ms_per_call": {
            "python": round(client_cpu * 1000 / len(sample), 1),
            "postgresql": (
                round(server_cpu * 1000 / len(sample), 1)
                if server_cpu is not None
                else None
            ),
        },
        "requests": len(sample),
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "max_ms": round(max(times), 1),
        "queries_per_call": max(queries),
        "without_suggestions": empty,
    }


def _batch(args) -> dict:
    # After django.setup(): the batch imports models.
    from matching.batch import batch_plan
    from matching.optimizer import checks

    started = time.perf_counter()
    result = batch_plan(time_limit=args.time_limit)
    seconds = time.perf_counter() - started
    opt, greedy = result.optimised, result.greedy
    return {
        "seconds": round(seconds, 1),
        "timings": result.timings,
        "requests": len(result.requests),
        "places": sum(r.needed for r in result.requests),
        "volunteers_with_edges": len(result.volunteers),
        "edges": len(result.edges),
        "optimised": {
            "filled": opt.filled,
            "total_score": opt.total_score,
            "optimal": opt.optimal,
            "problems": len(checks.validate(opt, result.requests, result.volunteers)),
        },
        "greedy": {
            "filled": greedy.filled,
            "total_score": greedy.total_score,
            "problems": len(
                checks.validate(greedy, result.requests, result.volunteers)
            ),
        },
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--volunteers", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--beneficiaries", type=int, default=0)
    parser.add_argument("--institutions", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--sample", type=int, default=250)
    parser.add_argument("--time-limit", type=float, default=30.0)
    parser.add_argument("--skip-suggestions", action="store_true")
    parser.add_argument("--skip-batch", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    _setup()
    figures = {"setup": _prepare(args)}
    print(json.dumps(figures["setup"]))
    if not args.skip_suggestions:
        figures["suggestions"] = _suggestions(args)
        print(json.dumps(figures["suggestions"]))
    if not args.skip_batch:
        figures["batch"] = _batch(args)
        print(json.dumps(figures["batch"], indent=2))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
