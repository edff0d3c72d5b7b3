"""make bench: build a database of a given size, serve it with gunicorn and
load each URL with concurrent clients; print p50 / p95 server time and
requests per second per URL, on SQLite and on PostgreSQL.

    python -m bench [--services 10000] [--requests 200] [--concurrency 4]
                    [--databases sqlite,postgres]

Databases are kept under var/bench/ (SQLite) and as kentro_bench_<size>
(PostgreSQL), so a second run skips the slow build. Everything runs on this
machine: the server listens on 127.0.0.1 only.
"""

import argparse
import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
URLS = [
    ("home", "/"),
    ("directory", "/programmata-ypiresies/"),
    ("directory ?q=", "/programmata-ypiresies/?q=" + quote("επίδομα στέγασης")),
    ("directory facets", "/programmata-ypiresies/?audience=elderly&free=1"),
    (
        "directory q+facets",
        "/programmata-ypiresies/?q="
        + quote("στήριξης")
        + "&municipality=kalamata&open_now=1",
    ),
    ("directory typo", "/programmata-ypiresies/?q=" + quote("επιδομα θερμασνης")),
    ("directory greeklish", "/programmata-ypiresies/?q=" + quote("koinoniko eisodima")),
    ("autocomplete", "/programmata-ypiresies/protaseis/?q=" + quote("επιδ")),
    ("site search", "/anazitisi/?q=" + quote("επίδομα στέγασης")),
    ("service", None),  # the first demo service, found at run time
    ("campaigns", "/enimerosi/"),
]
TIMING = re.compile(r"app;dur=([\d.]+)")


def environment(database_url, var_dir):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": database_url,
        "KENTRO_VAR_DIR": str(var_dir),
        "STATIC_ROOT": str(var_dir / "static"),
        "LOG_LEVEL": "ERROR",
    }


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603


def ensure_postgres_database(url):
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    started = time.perf_counter()
    connection.request("GET", path, headers={"Host": "127.0.0.1"})
    response = connection.getresponse()
    response.read()
    client_ms = (time.perf_counter() - started) * 1000
    match = TIMING.search(response.getheader("Server-Timing") or "")
    connection.close()
    return response.status, float(match.group(1)) if match else client_ms, client_ms


def first_service_path(port):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/programmata-ypiresies/", headers={"Host": "127.0.0.1"})
    html = connection.getresponse().read().decode()
    match = re.search(r'href="(/programmata-ypiresies/[a-z0-9-]+/)"', html)
    return match.group(1) if match else "/programmata-ypiresies/"


def measure(port, path, requests, concurrency):
    for _ in range(5):
        get(port, path)  # warm caches and connections
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(lambda _: get(port, path), range(requests)))
    wall = time.perf_counter() - started
    statuses = {status for status, _, _ in results}
    server = sorted(ms for _, ms, _ in results)
    return {
        "status": ",".join(str(s) for s in sorted(statuses)),
        "p50": statistics.median(server),
        "p95": server[max(0, int(len(server) * 0.95) - 1)],
        "rps": requests / wall,
    }


def run(database, size, requests, concurrency):
    var_dir = ROOT / "var" / "bench"
    var_dir.mkdir(parents=True, exist_ok=True)
    if database == "sqlite":
        url = f"sqlite:///{var_dir / f'kentro-{size}.sqlite3'}"
    else:
        url = os.environ.get(
            "BENCH_POSTGRES_URL",
            f"postgres://postgres@127.0.0.1:5432/kentro_bench_{size}",
        )
        ensure_postgres_database(url)
    env = environment(url, var_dir)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "compile_catalogues")
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "seed_demo", "--services", str(size))
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [
            PYTHON,
            "-m",
            "gunicorn",
            "portal.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                get(port, "/robots.txt")
                break
            except OSError:
                time.sleep(0.2)
        rows = []
        for label, path in URLS:
            path = path or first_service_path(port)
            rows.append((label, path, measure(port, path, requests, concurrency)))
        return rows
    finally:
        server.terminate()
        server.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--databases", default="sqlite,postgres")
    options = parser.parse_args()
    table = []
    for database in options.databases.split(","):
        try:
            rows = run(
                database, options.services, options.requests, options.concurrency
            )
        except Exception as error:  # noqa: BLE001 - report and go on to the next
            print(f"{database}: skipped ({error})", file=sys.stderr)
            continue
        table.extend((database, *row) for row in rows)
    print()
    print(
        f"{options.services} services, {options.requests} requests per URL, "
        f"{options.concurrency} concurrent clients, gunicorn with 2 workers"
    )
    header = f"{'db':<9}{'page':<20}{'status':<8}{'p50 ms':>8}{'p95 ms':>8}{'req/s':>8}"
    print(header)
    print("-" * len(header))
    for database, label, _path, result in table:
        print(
            f"{database:<9}{label:<20}{result['status']:<8}"
            f"{result['p50']:>8.1f}{result['p95']:>8.1f}{result['rps']:>8.1f}"
        )


if __name__ == "__main__":
    main()
