"""Staff pages, exports and seeding at 100,000 volunteers / 20,000 requests.

Usage (the project's virtualenv; root or the postgres user)::

    python -m benchmarks.bench_pages [--seconds 6] [--json PATH] [--plans DIR]

1. Starts the persistent PostgreSQL of ``benchmarks/cluster.py`` (created on
   first use under /work/pgbench). When the project's migrations differ from
   those it was seeded with (or with ``--reseed``), it makes a fresh database
   with ``demo_data --volunteers 100000 --requests 20000``, timed, and loads
   the same rows with a raw COPY into an empty copy of the schema, timed.
2. Starts the production WSGI application under gunicorn with 2 sync
   workers (``benchmarks.settings``: production settings plus two bare views)
   and logs in as the demo coordinator through the login form.
3. For each entry of ``PAGES`` and the two bare views (measured before and
   after the pages; their mean is the reference): requests/s, p50 and p95 with
   1 and 16 concurrent clients, and throughput as a share of bare ``base.html``.
4. The CSV and XLSX exports of the whole volunteer register: first byte,
   total, peak resident memory of the workers, access-log rows written.

``--plans DIR`` also writes, per page, the EXPLAIN ANALYZE of its slowest
queries (``benchmarks/plans.py``). The figures go into benchmarks/RESULTS.md.
"""

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import time
from typing import NamedTuple

from benchmarks import cluster, load

VOLUNTEERS, REQUESTS = 100_000, 20_000
COORDINATOR = "koordynator"
PASSWORD = "benchmark-password-1"
CLIENTS = (1, 16)


class Page(NamedTuple):
    name: str
    # ``{name}`` parts come from ``samples()``; a page with a list there is
    # measured over the list in turn, so no single row stays hot.
    path: str


BARE = [Page("bare: ok", "/bench/ok/"), Page("bare: base.html", "/bench/base/")]
PAGES = [
    Page("volunteer list", "/wolontariusze/"),
    Page("volunteer list, page 500", "/wolontariusze/?page=500"),
    Page("volunteer list, search 'wójc'", "/wolontariusze/?q=w%C3%B3jc"),
    Page(
        "volunteer list, active in a district",
        "/wolontariusze/?status=active&district={district}",
    ),
    Page("volunteer detail", "/wolontariusze/{volunteer}/"),
    Page("request list", "/zgloszenia/"),
    Page("request detail with suggestions", "/zgloszenia/{open_request}/"),
    Page("dashboard", "/panel/"),
    Page(
        "report, current year", "/sprawozdanie/?date_from={year_start}&date_to={today}"
    ),
    Page("beneficiary list", "/podopieczni/"),
    Page("institution list", "/instytucje/"),
]
# The volunteer area, signed in as the volunteer with the most assignments
# (volunteer_center/volunteer_area).
AREA_PAGES = [
    Page("area: my assignments", "/strefa-wolontariusza/"),
    Page("area: an assignment", "/strefa-wolontariusza/skierowania/{area_assignment}/"),
    Page("area: availability", "/strefa-wolontariusza/dostepnosc/"),
    Page("area: hours", "/strefa-wolontariusza/godziny/"),
    Page("area: documents", "/strefa-wolontariusza/dokumenty/"),
    Page("area: my data", "/strefa-wolontariusza/moje-dane/"),
]
EXPORTS = [
    ("CSV, all volunteers", "/wolontariusze/?export=csv"),
    ("XLSX, all volunteers", "/wolontariusze/?export=xlsx"),
]


def samples() -> dict[str, list]:
    """Rows the pages are measured on: 50 volunteers spread over the register,
    50 requests a coordinator can still direct volunteers to."""
    from django.apps import apps
    from django.db.models import Count, F, Q

    volunteer = apps.get_model("registry", "Volunteer")
    request = apps.get_model("matching", "HelpRequest")
    assignment = apps.get_model("matching", "Assignment")
    pks = list(volunteer.objects.order_by("pk").values_list("pk", flat=True))
    holding = Q(assignments__status__in=assignment.HOLDING_PLACE)
    open_requests = list(
        request.objects.filter(status__in=request.DIRECTABLE)
        .annotate(taken=Count("assignments", filter=holding))
        .filter(taken__lt=F("needed"))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    today = dt.date.today()
    district = apps.get_model("registry", "District").objects.order_by("pk")
    busiest = (
        volunteer.objects.filter(anonymised_at__isnull=True)
        .annotate(n=Count("assignments"))
        .order_by("-n", "pk")
        .values_list("pk", flat=True)
        .first()
    )
    return {
        "area_volunteer": [busiest],
        "area_assignment": list(
            assignment.objects.filter(volunteer_id=busiest)
            .order_by("pk")
            .values_list("pk", flat=True)
        ),
        "volunteer": pks[:: max(1, len(pks) // 50)][:50],
        "open_request": open_requests[:: max(1, len(open_requests) // 50)][:50],
        "district": [district.values_list("pk", flat=True)[1]],
        "year_start": [f"{today:%Y}-01-01"],
        "today": [f"{today:%Y-%m-%d}"],
    }


def paths(page: Page, found: dict[str, list]) -> list[str]:
    used = {k: v for k, v in found.items() if "{" + k + "}" in page.path}
    count = max((len(v) for v in used.values()), default=1)
    return [
        page.path.format(**{k: v[i % len(v)] for k, v in used.items()})
        for i in range(count)
    ]


def prepare(args) -> dict:
    cluster.start()
    env = cluster.django_env()
    state = cluster.read_state()
    if args.reseed or state.get("migrations") != cluster.migrations_fingerprint():
        print("Seeding a fresh database (the migrations changed)…", flush=True)
        state = cluster.seed(env=env, volunteers=VOLUNTEERS, requests=REQUESTS)
    cluster.manage("compilemessages", "--ignore=.venv", "-v", "0", env=env)
    cluster.manage("collectstatic", "--no-input", "-v", "0", env=env)
    os.environ.update(env)
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username=COORDINATOR)
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    return state


def access_log_rows() -> int:
    from django.apps import apps

    # The project's log (django-axes has a model of the same name).
    labels = {config.label for config in apps.get_app_configs()}
    label = "core" if "core" in labels else "volunteer_center"
    return apps.get_model(label, "AccessLog").objects.count()


def volunteer_cookie(port, volunteer_id: int) -> str:
    """A volunteer's session through the area's sign-in link, made here as
    the e-mail would carry it."""
    import hashlib
    import secrets

    from django.apps import apps
    from django.utils import timezone

    token = secrets.token_urlsafe(32)
    apps.get_model("volunteer_area", "SignInLink").objects.create(
        volunteer_id=volunteer_id,
        token_hash=hashlib.sha256(token.encode()).hexdigest(),
        expires_at=timezone.now() + dt.timedelta(minutes=15),
    )
    return load.post_form(port, f"/strefa-wolontariusza/logowanie/{token}/", {})


def measure_pages(server, cookie, found, seconds, pages=None) -> dict:
    results = {}
    order = [*BARE, *PAGES, *BARE] if pages is None else pages

    def server_cpu():
        # The database's backends come and go: their CPU counts once reaped.
        return (
            load.cpu_seconds(load.children(server.process.pid)) + cluster.server_cpu()
        )

    for page in order:
        urls = paths(page, found)
        for url in urls[:4]:  # warm both workers' caches and connections
            load.fetch(server.port, url, cookie=cookie)
        for clients in CLIENTS:
            figures = load.measure(
                server.port,
                urls,
                cookie=cookie,
                clients=clients,
                seconds=seconds,
                server_cpu=server_cpu,
            )
            results.setdefault(page.name, {}).setdefault(clients, []).append(figures)
            print(
                f"{page.name:45} {clients:2} clients {json.dumps(figures)}", flush=True
            )
    return {
        name: {clients: _mean(runs) for clients, runs in by_clients.items()}
        for name, by_clients in results.items()
    }


def _mean(runs: list[dict]) -> dict:
    if len(runs) == 1:
        return runs[0]
    merged = {
        key: round(sum(r[key] for r in runs) / len(runs), 2)
        for key in ("requests", "rps", "p50_ms", "p95_ms", "cpu_ms")
    }
    merged["failures"] = sorted({f for r in runs for f in r["failures"]})
    merged["runs"] = runs
    return merged


def measure_exports(server, cookie) -> dict:
    results = {}
    for name, path in EXPORTS:
        before = access_log_rows()
        figures = load.download(server, path, cookie=cookie)
        figures["access_log_rows"] = access_log_rows() - before
        results[name] = figures
        print(f"{name:45} {json.dumps(figures)}", flush=True)
    return results


def table(pages: dict) -> str:
    """Throughput as a share of bare base.html's, measured (req/s) and from
    the server's CPU per request at 16 clients (what an idle 2-core machine
    would give; the shared machine's other load does not enter it)."""
    base = pages["bare: base.html"]
    lines = [
        "| page | req/s 1 | p95 ms 1 | % base 1 | req/s 16 | p50 ms 16 "
        "| p95 ms 16 | % base 16 | CPU ms/req | % base by CPU |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, by_clients in pages.items():
        one, many = by_clients[1], by_clients[16]
        share = [100 * f["rps"] / base[c]["rps"] for c, f in ((1, one), (16, many))]
        by_cpu = 100 * base[16]["cpu_ms"] / many["cpu_ms"]
        failed = " (failures: " + ", ".join(one["failures"] + many["failures"]) + ")"
        lines.append(
            f"| {name}{failed if one['failures'] or many['failures'] else ''} "
            f"| {one['rps']:.1f} | {one['p95_ms']:.0f} | {share[0]:.0f} % "
            f"| {many['rps']:.1f} | {many['p50_ms']:.0f} | {many['p95_ms']:.0f} "
            f"| {share[1]:.0f} % | {many['cpu_ms']:.1f} | {by_cpu:.0f} % |"
        )
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument("--skip-exports", action="store_true")
    parser.add_argument("--skip-pages", action="store_true")
    parser.add_argument("--plans", help="write the pages' query plans here")
    parser.add_argument("--json", help="write every figure here")
    parser.add_argument(
        "--keep-running",
        action="store_true",
        help="leave the PostgreSQL server running afterwards",
    )
    args = parser.parse_args(argv)
    state = prepare(args)
    found = samples()
    figures = {
        "seeding": state,
        "started": time.strftime("%Y-%m-%d %H:%M"),
        "commit": _commit(),
    }
    if args.plans:
        from benchmarks import plans

        plans.write(
            args.plans,
            [(p.name, paths(p, found)[0]) for p in PAGES],
            username=COORDINATOR,
        )
    server = load.Server(root=cluster.ROOT, env=cluster.django_env())
    try:
        cookie = load.login(server.port, COORDINATOR, PASSWORD)
        if not args.skip_pages:
            figures["pages"] = measure_pages(server, cookie, found, args.seconds)
            volunteer = volunteer_cookie(server.port, found["area_volunteer"][0])
            figures["pages"].update(
                measure_pages(server, volunteer, found, args.seconds, AREA_PAGES)
            )
        if not args.skip_exports:
            figures["exports"] = measure_exports(server, cookie)
    finally:
        server.stop()
        if not args.keep_running:
            cluster.stop()
    if "pages" in figures:
        print(table(figures["pages"]))
    print(
        json.dumps(
            {"seeding": state.get("seeding"), "exports": figures.get("exports")},
            indent=2,
        )
    )
    if args.json:
        with open(args.json, "w") as out:
            json.dump(figures, out, indent=2)
    return 0


def _commit() -> str:
    return subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=cluster.ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()


if __name__ == "__main__":
    sys.exit(main())
