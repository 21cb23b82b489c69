"""The HTTP side of the page benchmark: gunicorn with the production WSGI
application, the coordinator's login through the real form, closed-loop
clients measuring requests/s and latency percentiles, and a download timed to
its first byte with the serving worker's memory sampled meanwhile."""

import contextlib
import http.client
import itertools
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlencode

HOST = "127.0.0.1"
TIMEOUT = 120


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn with ``workers`` sync workers (its default 30 s timeout, as in
    production) on a free port of 127.0.0.1, and the task queue's worker
    beside it, as in production."""

    def __init__(self, *, root: Path, env: dict, workers: int = 2):
        self.port = free_port()
        self.tasks = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.2"],
            cwd=root,
            env=env,
        )
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--workers",
                str(workers),
                "--bind",
                f"{HOST}:{self.port}",
                "--chdir",
                str(root),
                "volunteer_center.wsgi:application",
            ],
            env=env,
        )
        self._wait_until_up()

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("gunicorn exited while starting")
            with contextlib.suppress(OSError):
                if fetch(self.port, "/bench/ok/")[0] == 200:
                    return
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer within 60 s")

    def worker_pids(self) -> list[int]:
        """The gunicorn workers and the task worker."""
        return [self.tasks.pid, *children(self.process.pid)]

    def stop(self) -> None:
        for process in (self.process, self.tasks):
            process.terminate()
        for process in (self.process, self.tasks):
            process.wait(timeout=30)


def fetch(port, path, *, cookie="", method="GET", body=None, headers=None):
    """(status, headers, body) of one request on a new connection (gunicorn's
    sync workers close every connection after the response)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=TIMEOUT)
    try:
        conn.request(
            method,
            path,
            body=body,
            headers={"Cookie": cookie, "Accept-Language": "pl", **(headers or {})},
        )
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


def _cookies(headers) -> dict[str, str]:
    found = {}
    for value in headers.get_all("Set-Cookie") or []:
        name, _, rest = value.partition("=")
        found[name.strip()] = rest.split(";", 1)[0]
    return found


def post_form(port, path: str, form: dict) -> str:
    """The session cookie after posting ``form`` (with the page's CSRF
    token) to a form that signs in and redirects."""
    status, headers, body = fetch(port, path)
    jar = _cookies(headers)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)[1]
    status, headers, _ = fetch(
        port,
        path,
        method="POST",
        body=urlencode({**form, "csrfmiddlewaretoken": token.decode()}),
        cookie="; ".join(f"{k}={v}" for k, v in jar.items()),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    jar.update(_cookies(headers))
    if status != 302 or "sessionid" not in jar:
        raise RuntimeError(f"signing in at {path} failed: HTTP {status}")
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def login(port, username: str, password: str) -> str:
    """The session cookie of a login through the staff login form."""
    return post_form(
        port, "/konto/logowanie/", {"username": username, "password": password}
    )


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def cpu_seconds(pids: Iterable[int]) -> float:
    """User and system CPU the processes have used so far."""
    ticks = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def children(parent: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == parent:
                found.append(int(stat.parent.name))
    return found


def measure(
    port,
    paths: list[str],
    *,
    cookie: str,
    clients: int,
    seconds: float,
    server_cpu=float,
) -> dict:
    """``clients`` closed-loop clients for ``seconds``, each sending the next
    of ``paths`` as soon as its previous answer is read. ``cpu_ms`` is the CPU
    the server side (``server_cpu()``: the web workers and the database's
    processes) spent per request: unlike the wall-clock figures, it does not
    depend on what else the machine runs."""
    latencies, failures = [], []
    cpu_before = server_cpu()
    order = itertools.count()
    deadline = time.perf_counter() + seconds

    def client():
        while time.perf_counter() < deadline:
            path = paths[next(order) % len(paths)]
            started = time.perf_counter()
            try:
                status = fetch(port, path, cookie=cookie)[0]
            except OSError as error:
                status = type(error).__name__
            (latencies if status == 200 else failures).append(
                (time.perf_counter() - started, status)
            )

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    cpu = server_cpu() - cpu_before
    times = [t for t, _ in latencies] or [float("nan")]
    done = len(latencies) + len(failures)
    return {
        "requests": len(latencies),
        "failures": sorted({str(status) for _, status in failures}),
        "rps": round(len(latencies) / elapsed, 2),
        "cpu_ms": round(1000 * cpu / done, 2) if done else None,
        "p50_ms": round(percentile(times, 0.5) * 1000, 1),
        "p95_ms": round(percentile(times, 0.95) * 1000, 1),
    }


def _rss_kb(pid: int, field: str = "VmRSS") -> int:
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def _wait_for_job(server: Server, page: str, cookie: str) -> str:
    """Polls a background export's progress, as its page does, until it is
    built; the address of its file."""
    progress = page.rstrip("/") + "/postep/"
    while True:
        data = json.loads(fetch(server.port, progress, cookie=cookie)[2])
        if data["status"] in ("done", "failed"):
            return data["download_url"]
        time.sleep(0.2)


def download(server: Server, path: str, *, cookie: str) -> dict:
    """One download: seconds to the first body byte and to the last, bytes,
    and the highest resident memory of any worker meanwhile (sampled every
    20 ms). A redirect to a background export's page is followed: the
    figures then include building the file, and ``redirect_s`` is the time
    the list took to answer."""
    pids = server.worker_pids()
    before = max(_rss_kb(pid) for pid in pids)
    peak, done = [before], threading.Event()

    def sample():
        while not done.wait(0.02):
            peak[0] = max(peak[0], *(_rss_kb(pid) for pid in pids))

    sampler = threading.Thread(target=sample)
    sampler.start()
    figures = {}
    started = time.perf_counter()
    conn = http.client.HTTPConnection(HOST, server.port, timeout=TIMEOUT)
    try:
        conn.request("GET", path, headers={"Cookie": cookie})
        response = conn.getresponse()
        figures["status"] = response.status
        if response.status == 302:
            figures["redirect_s"] = round(time.perf_counter() - started, 2)
            response.read()
            conn.close()
            page = response.headers["Location"]
            conn = http.client.HTTPConnection(HOST, server.port, timeout=TIMEOUT)
            conn.request(
                "GET", _wait_for_job(server, page, cookie), headers={"Cookie": cookie}
            )
            response = conn.getresponse()
            figures["status"] = f"302, then {response.status}"
        size = len(response.read(1))
        figures["first_byte_s"] = round(time.perf_counter() - started, 2)
        while chunk := response.read(65536):
            size += len(chunk)
        figures["bytes"] = size
    except (OSError, http.client.HTTPException) as error:
        figures["error"] = f"{type(error).__name__}: {error}"
    finally:
        conn.close()
        figures["total_s"] = round(time.perf_counter() - started, 2)
        done.set()
        sampler.join()
    figures["rss_before_mb"] = round(before / 1024)
    figures["rss_peak_mb"] = round(peak[0] / 1024)
    return figures
