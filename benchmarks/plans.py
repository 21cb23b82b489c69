"""The query plans behind each benchmarked page: the page is drawn once in
this process by Django's test client as the coordinator, its queries are
captured, and the slowest SELECTs are run again under EXPLAIN ANALYZE. One
text file per page; benchmarks/RESULTS.md quotes the telling lines."""

import re
from pathlib import Path

SLOWEST = 3


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _explain(sql: str) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def page_plans(client, path: str) -> str:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # warm: the plans below are of a warm cache, as served
    with CaptureQueriesContext(connection) as captured:
        status = client.get(path).status_code
    queries = [
        q
        for q in captured.captured_queries
        if q["sql"].lstrip().upper().startswith(("SELECT", "WITH"))
    ]
    slowest = sorted(queries, key=lambda q: float(q["time"]), reverse=True)
    lines = [f"GET {path} -> {status}; {len(captured)} queries"]
    for query in slowest[:SLOWEST]:
        lines += [
            "",
            f"-- {float(query['time']) * 1000:.1f} ms",
            query["sql"],
            _explain(query["sql"]),
        ]
    return "\n".join(lines) + "\n"


def write(folder: str, pages: list[tuple[str, str]], *, username: str) -> None:
    from django.contrib.auth import get_user_model
    from django.test import Client

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    for name, path in pages:
        (out / f"{_slug(name)}.txt").write_text(page_plans(client, path))
        print(f"plans: {name}", flush=True)
