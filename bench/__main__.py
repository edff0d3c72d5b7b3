"""make bench: build a database of a given size, serve it with gunicorn and
load each URL with concurrent clients; print p50 / p95 server time and
requests per second per URL, on SQLite and on PostgreSQL.

    python -m bench [--services 10000] [--events 5000] [--requests 200]
                    [--concurrency 4] [--databases sqlite,postgres]

Databases are kept under var/bench/ (SQLite) and as
kentro_bench_<services>_<events> (PostgreSQL), so a second run skips the
slow build. Everything runs on this
machine: the server listens on 127.0.0.1 only.
"""

import argparse
import http.client
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SETTLE_SECONDS = 150
# Words people type, as they type them: accented or not, inflected, in
# Greeklish, with slips. Pairs of them make a thousand distinct queries, so
# the "varied" rows measure searches no cache has seen before.
VOCABULARY = [
    "επίδομα",
    "επιδόματα",
    "στεγαση",
    "θέρμανσης",
    "σιτιση",
    "απασχόληση",
    "ψυχοκοινωνικη",
    "νομική βοήθεια",
    "σχολικη",
    "υγεία",
    "ενταξη",
    "φροντίδα",
    "οικογένειες",
    "ηλικιωμενους",
    "ανέργους",
    "αναπηρία",
    "παιδια",
    "νέους",
    "epidoma",
    "stegasi",
    "8ermansi",
    "koinoniko eisodima",
    "ΚΕΑ",
    "πρόγραμμα",
    "υπηρεσια",
    "συμβουλευτικη",
    "κέντρο",
    "επιδωμα",
    "θερμασνης",
    "παντοπωλειο",
    "οικιακό τιμολόγιο",
    "ασυλο",
]


def varied(prefix, start=0):
    """Distinct queries from position start on, so that rows which use
    different starts share no query (and no cached result)."""
    pairs = [f"{a} {b}" for a in VOCABULARY for b in VOCABULARY if a != b]
    random.Random(5).shuffle(pairs)  # noqa: S311 - an order, not a secret
    return [prefix + quote(text) for text in pairs[start:] + pairs[:start]]


def prefixes(prefix):
    typed = sorted({word[:length] for word in VOCABULARY for length in range(2, 7)})
    return [prefix + quote(text) for text in typed]


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
    ("directory varied q", varied("/programmata-ypiresies/?q=")),
    (
        "dir varied q+facet",
        varied("/programmata-ypiresies/?municipality=kalamata&free=1&q=", 300),
    ),
    ("autocomplete", "/programmata-ypiresies/protaseis/?q=" + quote("επιδ")),
    ("autocomplete varied", prefixes("/programmata-ypiresies/protaseis/?q=")),
    ("site search", "/anazitisi/?q=" + quote("επίδομα στέγασης")),
    ("site search varied", varied("/anazitisi/?q=", 600)),
    ("service", None),  # the first demo service, found at run time
    ("campaigns", "/enimerosi/"),
    ("events", "/ekdiloseis/"),
    ("events page 20", "/ekdiloseis/?page=20"),
    (
        "events filtered",
        "/ekdiloseis/?when=month&municipality=dytiki-mani&attendance=in_person",
    ),
    ("events month", "/ekdiloseis/?view=month"),
    ("events next month", None),  # the month after this one, found at run time
    ("events feed", "/ekdiloseis/feed.ics"),
    ("mobile unit", "/kiniti-monada/"),
]
# The same page types again with the anonymous page cache on (core.pagecache):
# what a visitor gets when a campaign link is shared. The rows above are
# measured with it off, so that they show what drawing each page costs.
CACHED_URLS = [
    ("cached home", "/"),
    ("cached directory", "/programmata-ypiresies/"),
    ("cached dir facets", "/programmata-ypiresies/?audience=elderly&free=1"),
    ("cached site search", "/anazitisi/?q=" + quote("επίδομα στέγασης")),
    ("cached service", None),
    ("cached campaigns", "/enimerosi/"),
    ("cached events", "/ekdiloseis/"),
    ("cached mobile unit", "/kiniti-monada/"),
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
        # The server time of each response, which the figures are made of;
        # production leaves it off (portal/settings/base.py).
        "KENTRO_SERVER_TIMING": "1",
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


def vacuum_analyze(url):
    """Give the planner its statistics and the visibility map that
    index-only scans rely on, as autovacuum does within a minute of a bulk
    load in production; this machine's PostgreSQL runs with autovacuum off,
    and a freshly seeded database would otherwise be measured without
    either."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


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


def next_month_path():
    today = date.today()
    year, month = (
        (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
    )
    return f"/ekdiloseis/?view=month&month={year:04d}-{month:02d}"


RUN_TIME_PATHS = {
    "service": first_service_path,
    "cached service": first_service_path,
    "events next month": lambda _port: next_month_path(),
}


def measure(port, paths, requests, concurrency):
    """Request paths[i] in turn; one path means the same page again and
    again, many mean pages that caches have not seen."""
    for _ in range(5):
        get(port, paths[-1])  # warm connections (and caches, for one path)
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(
            pool.map(lambda i: get(port, paths[i % len(paths)]), range(requests))
        )
    wall = time.perf_counter() - started
    statuses = {status for status, _, _ in results}
    server = sorted(ms for _, ms, _ in results)
    return {
        "status": ",".join(str(s) for s in sorted(statuses)),
        "p50": statistics.median(server),
        "p95": server[max(0, int(len(server) * 0.95) - 1)],
        "rps": requests / wall,
    }


def run(database, services, events, requests, concurrency):
    var_dir = ROOT / "var" / "bench"
    var_dir.mkdir(parents=True, exist_ok=True)
    size = f"{services}_{events}"
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
    manage(env, "seed_demo", "--services", str(services), "--events", str(events))
    if database != "sqlite":
        vacuum_analyze(url)
    load = settle(os.cpu_count() or 1)
    rows = measure_all({**env, "KENTRO_PAGE_CACHE": "0"}, URLS, requests, concurrency)
    rows += measure_all(
        {**env, "KENTRO_PAGE_CACHE": "1"}, CACHED_URLS, requests, concurrency
    )
    return load, rows


def measure_all(env, urls, requests, concurrency):
    """Serve the site with gunicorn in ``env`` and measure each of ``urls``."""
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
        for label, path in urls:
            path = path or RUN_TIME_PATHS[label](port)
            paths = [path] if isinstance(path, str) else path
            rows.append((label, path, measure(port, paths, requests, concurrency)))
        return rows
    finally:
        server.terminate()
        server.wait(timeout=30)


def settle(cores, timeout=SETTLE_SECONDS):
    """Wait until the machine is quiet enough to measure; the 1-minute load
    average when measuring begins.

    The bench's own build (seed_demo) keeps the cores busy for minutes, and
    the load average takes about a minute to forget it, so waiting for it to
    fall tells that build apart from other work, which keeps it high.
    """
    deadline = time.monotonic() + timeout
    while os.getloadavg()[0] > cores / 2 and time.monotonic() < deadline:
        time.sleep(5)
    return os.getloadavg()[0]


def load_report(loads, cores):
    """One line on how busy the machine was when each database's measuring
    began (after its build, see settle).

    loads: [(database, 1-minute load average)]; cores: the machine's CPUs.
    Figures taken while other work shares the cores say nothing about the
    budgets in design.md section 6, so a load above half the cores is flagged.
    """
    busy = [database for database, load in loads if load > cores / 2]
    figures = ", ".join(f"{database} {load:.2f}" for database, load in loads)
    line = f"load average when measuring began ({cores} cores): {figures}"
    if busy:
        line += " -- NOT QUIET: other work shared the cores; do not quote these figures"
    return line


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=5_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--databases", default="sqlite,postgres")
    options = parser.parse_args()
    table = []
    loads = []
    for database in options.databases.split(","):
        try:
            load, rows = run(
                database,
                options.services,
                options.events,
                options.requests,
                options.concurrency,
            )
        except Exception as error:  # noqa: BLE001 - report and go on to the next
            print(f"{database}: skipped ({error})", file=sys.stderr)
            continue
        loads.append((database, load))
        table.extend((database, *row) for row in rows)
    print()
    print(
        f"{options.services} services, {options.events} events, "
        f"{options.requests} requests per URL, "
        f"{options.concurrency} concurrent clients, gunicorn with 2 workers"
    )
    print(load_report(loads, os.cpu_count() or 1))
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
