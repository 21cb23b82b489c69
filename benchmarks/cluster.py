"""The page benchmark's own PostgreSQL: a persistent cluster under
``BENCH_PG_HOME`` (default /work/pgbench), seeded once with the 100k demo data
and reused between runs until the project's migrations change.

Not the throwaway server of scripts/test: seeding 100,000 volunteers takes a
minute or more, the measurements take seconds. The server runs as the postgres
user when this runs as root (PostgreSQL refuses root), like scripts/test.
"""

import hashlib
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.load import children, cpu_seconds

ROOT = Path(__file__).resolve().parent.parent
HOME = Path(os.environ.get("BENCH_PG_HOME", "/work/pgbench"))
PORT = int(os.environ.get("BENCH_PG_PORT", "55432"))
DATABASE = "cw"
STATE = HOME / "state.json"
# Like bench_matching's runs (benchmarks/RESULTS.md): durability off so that the
# shared machine's disk does not distort the figures; otherwise defaults, so a
# sort that does not fit in work_mem spills as it would in production.
SERVER_OPTIONS = (
    "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
    "-c shared_buffers=512MB -c maintenance_work_mem=256MB -c max_connections=100"
)


def database_url(name: str = DATABASE) -> str:
    return f"postgres://postgres@127.0.0.1:{PORT}/{name}"


def django_env() -> dict:
    """Production settings from the environment, as gunicorn gets them: DEBUG
    off (no query log), plain HTTP on 127.0.0.1, the bare views' URLconf."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "DATABASE_URL": database_url(),
        "DJANGO_DEBUG": "0",
        "DJANGO_HTTPS": "0",
        "DJANGO_SECRET_KEY": "benchmark-only-key-" + "x" * 40,
        "DJANGO_STATIC_ROOT": str(HOME / "static"),
        "DJANGO_LOG_LEVEL": "WARNING",
    }


def _bin(name: str) -> str:
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name)
    )
    return str(versions[-1] / name)


def _as_postgres(
    command: list[str], check: bool = True, **kwargs
) -> subprocess.CompletedProcess:
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    return subprocess.run(command, check=check, **kwargs)


def psql(sql: str, database: str = "postgres") -> str:
    result = subprocess.run(
        [
            _bin("psql"),
            "-X",
            "-q",
            "-At",
            "-v",
            "ON_ERROR_STOP=1",
            "-c",
            sql,
            database_url(database),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip()


def start() -> None:
    """Creates the cluster on first use and starts it unless it runs."""
    data = HOME / "data"
    if not (data / "PG_VERSION").exists():
        HOME.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            subprocess.run(["chown", "postgres", str(HOME)], check=True)
        _as_postgres(
            [
                _bin("initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
            stdout=subprocess.DEVNULL,
        )
    status = _as_postgres(
        [_bin("pg_ctl"), "-D", str(data), "status"], check=False, capture_output=True
    )
    if status.returncode == 0:
        return
    _as_postgres(
        [
            _bin("pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(HOME / "server.log"),
            "-w",
            "start",
            "-o",
            f"-h 127.0.0.1 -p {PORT} -k {HOME} {SERVER_OPTIONS}",
        ],
        stdout=subprocess.DEVNULL,
    )


def server_pids() -> list[int]:
    """The postmaster and its processes (the backends serving the pages)."""
    pid = int((HOME / "data" / "postmaster.pid").read_text().split()[0])
    return [pid, *children(pid)]


def server_cpu() -> float:
    """CPU the database server has used so far: its running processes and the
    backends that have already exited (reaped by the postmaster)."""
    pid = server_pids()[0]
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    reaped = (int(fields[13]) + int(fields[14])) / os.sysconf("SC_CLK_TCK")
    return cpu_seconds(server_pids()) + reaped


def _client_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def stop() -> None:
    _as_postgres(
        [_bin("pg_ctl"), "-D", str(HOME / "data"), "-m", "fast", "stop"],
        stdout=subprocess.DEVNULL,
    )


def migrations_fingerprint() -> str:
    """Changes whenever a migration file is added, removed or edited."""
    digest = hashlib.sha256()
    files = sorted(
        p for p in ROOT.glob("**/migrations/[0-9]*.py") if ".venv" not in p.parts
    )
    for path in files:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def read_state() -> dict:
    return json.loads(STATE.read_text()) if STATE.exists() else {}


def manage(*args: str, env: dict) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)
    return time.perf_counter() - started


def seed(*, env: dict, volunteers: int, requests: int) -> dict:
    """A fresh database with the demo data, timed, then the same rows loaded
    by a raw COPY into an empty copy of the schema, timed too."""
    psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    psql(f"CREATE DATABASE {DATABASE}")
    manage("migrate", "-v", "0", env=env)
    manage("createcachetable", env=env)
    client, server = _client_cpu(), server_cpu()
    seconds = manage(
        "demo_data",
        "--volunteers",
        str(volunteers),
        "--requests",
        str(requests),
        env=env,
    )
    client, server = _client_cpu() - client, server_cpu() - server
    started = time.perf_counter()
    psql("VACUUM ANALYZE", DATABASE)
    figures = {
        "volunteers": volunteers,
        "requests": requests,
        "demo_data_seconds": round(seconds, 1),
        # CPU, unlike the wall clock, does not grow with the machine's other load.
        "demo_data_cpu_seconds": {
            "demo_data": round(client, 1),
            "postgresql": round(server, 1),
        },
        "vacuum_analyze_seconds": round(time.perf_counter() - started, 1),
        **raw_copy(),
    }
    figures["demo_data_to_copy"] = round(
        figures["demo_data_seconds"] / figures["copy_seconds"], 1
    )
    state = {
        "migrations": migrations_fingerprint(),
        "seeded_at": time.strftime("%Y-%m-%d %H:%M"),
        "commit": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip(),
        "seeding": figures,
    }
    STATE.write_text(json.dumps(state, indent=2) + "\n")
    return state


def raw_copy() -> dict:
    """Seconds to load every row demo_data wrote with COPY, in one transaction,
    into an empty database with the same schema (indexes, constraints and
    deferred foreign keys included): the floor demo_data is compared with."""
    target = f"{DATABASE}_copy"
    psql(f"DROP DATABASE IF EXISTS {target} WITH (FORCE)")
    psql(f"CREATE DATABASE {target}")
    schema = subprocess.run(
        [_bin("pg_dump"), "--schema-only", database_url()],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    subprocess.run(
        [_bin("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", database_url(target)],
        input=schema,
        check=True,
        capture_output=True,
        text=True,
    )
    tables = psql(
        "SELECT relname FROM pg_stat_user_tables WHERE n_live_tup > 0 ORDER BY relname",
        DATABASE,
    ).split()
    folder = HOME / "copy"
    folder.mkdir(exist_ok=True)
    if os.geteuid() == 0:
        subprocess.run(["chown", "postgres", str(folder)], check=True)
    for table in tables:
        psql(f"COPY \"{table}\" TO '{folder}/{table}'", DATABASE)
    load = "".join(f"COPY \"{t}\" FROM '{folder}/{t}';" for t in tables)
    started = time.perf_counter()
    psql(f"BEGIN; {load} COMMIT;", target)
    seconds = time.perf_counter() - started
    rows = int(psql("SELECT sum(n_live_tup) FROM pg_stat_user_tables", DATABASE) or 0)
    psql(f"DROP DATABASE {target}")
    for table in tables:
        (folder / table).unlink()
    return {"copy_seconds": round(seconds, 1), "copy_tables": len(tables), "rows": rows}
