"""A load on the web app: 2,000 requests at concurrency 8 over a mix of pages, cold and warm.

The store is the demo's (the examples: the seed article, its abstract page, 32 FRUS documents),
built here with `python -m legation ingest`. The app runs in a real uvicorn server on a free
loopback port; "cold" is a server just started (its first requests open their read-only
connections and fill its caches), "warm" the same server after that run. Every request is counted:
errors (any status but 200, or a failed connection) and latency percentiles.

    .venv/bin/python bench/load.py [--requests 2000] [--concurrency 8] [--db /tmp/legation_load.db]

Targets (issue "Reads never write"): 0 errors, p95 < 200 ms, cold and warm; the seed's document
page well under 200 ms (median). Printed, not asserted.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import socket
import statistics
import threading
import time
from pathlib import Path

import httpx
import uvicorn

from _targets import report
from web import build_store, upgraded  # the same store building as bench/web.py
from legation import devdata
from legation.store.sqlite import Store
from legation.web.app import create_app


def page_mix(db: Path) -> list[str]:
    """One URL of each kind a historian opens, with ids from the store."""
    with Store(db, readonly=True) as store:
        seed = store.db.execute("SELECT id FROM sources WHERE path LIKE '%001_f3ae314bfad271f2.txt'").fetchone()[0]
        report_id = store.db.execute("SELECT source_id FROM reports LIMIT 1").fetchone()[0]
        person = store.people()[0]["id"]
    return ["/", f"/sources/{seed}", f"/sources/{report_id}", "/citations", "/people", f"/people/{person}",
            "/quotes", "/search?q=Smetanin", "/relations", "/network", "/api/relations?a=USSR&b=JPN"]


def serve(db: Path) -> tuple[uvicorn.Server, threading.Thread, str]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(db), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    return server, thread, f"http://127.0.0.1:{sock.getsockname()[1]}"


def load(base: str, urls: list[str], requests: int, concurrency: int) -> tuple[list[float], int]:
    """Latencies in ms of every request, and how many failed."""
    def one(i: int) -> tuple[float, bool]:
        started = time.perf_counter()
        try:
            ok = client.get(base + urls[i % len(urls)]).status_code == 200
        except httpx.HTTPError:
            ok = False
        return (time.perf_counter() - started) * 1000, ok

    limits = httpx.Limits(max_connections=concurrency)
    with httpx.Client(timeout=60, limits=limits) as client, \
            concurrent.futures.ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(one, range(requests)))
    return [ms for ms, _ in results], sum(not ok for _, ok in results)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--db", type=Path, default=Path("/tmp/legation_load.db"))
    args = parser.parse_args()
    if not args.db.is_file():
        build_store(args.db, [devdata.EXAMPLES])
    upgraded(args.db)  # a store kept from an older legation (schema 4 at /tmp) is upgraded, not refused
    urls = page_mix(args.db)
    server, thread, base = serve(args.db)
    try:
        for run in ("cold", "warm"):
            times, errors = load(base, urls, args.requests, args.concurrency)
            p50, p95 = statistics.median(times), percentile(times, 0.95)
            print(f"{run}: {len(times)} requests at concurrency {args.concurrency}: {errors} errors, "
                  f"p50 {p50:.0f} ms, p95 {p95:.0f} ms, max {max(times):.0f} ms")
            report(f"{run} errors", str(errors), "0", errors == 0)
            report(f"{run} p95", f"{p95:.0f} ms", "< 200 ms", p95 < 200)
        with httpx.Client(timeout=60) as client:
            document = []
            for _ in range(20):
                started = time.perf_counter()
                client.get(base + urls[1])
                document.append((time.perf_counter() - started) * 1000)
        median = statistics.median(document)
        print(f"the seed's document page alone: median {median:.0f} ms")
        report("document page median", f"{median:.0f} ms", "< 200 ms", median < 200)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


if __name__ == "__main__":
    main()
