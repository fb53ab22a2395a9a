"""Latency of the web app's pages and of full-text search, on the seeds and both FRUS volumes
(without the shared corpora: on the examples corpus, the seeds and a FRUS excerpt).

The store is built once with the command line (`python -m legation ingest SEEDS FRUS --layers
apparatus,actors`, about three minutes; seconds for the examples) and kept at --db (default
/tmp/legation_web_bench.db, or /tmp/legation_web_bench_examples.db for the examples).
The app runs in a real uvicorn server on a free local port; each page is fetched over HTTP with
httpx, twice to warm up and then --requests times; median and 90th percentile are printed. Full-
text search is timed on its own too (legation.store.search.search on the store's connection).
Targets (issue 6): every page < 200 ms median (and answering 200), search < 50 ms.

    python bench/web.py [--db STORE.db] [--requests 20]
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx
import uvicorn

from legation import devdata
from legation.store import search as fts
from legation.store.sqlite import Store
from legation.web.app import create_app
from legation.web.queries import file_key

from _inputs import SEED_ARTICLES, frus_volumes
from _targets import report

SEARCHES = ("Smetanin", "Soviet Union", "Tokyo", "Acheson", "military base", "Khalkhin Gol")


def build_store(db: Path, inputs: list[Path]) -> None:
    building = db.with_suffix(".building.db")  # renamed only once whole: an interrupted build is not kept
    building.unlink(missing_ok=True)
    print(f"building the store {db} (kept for later runs)", flush=True)  # before the ingest's own output
    subprocess.run([sys.executable, "-m", "legation", "ingest", *map(str, inputs), "--layers",
                    "apparatus,actors", "--db", str(building)], check=True)
    building.rename(db)


def pages(store: Store) -> list[str]:
    """One URL of every kind of page, with ids taken from the store (the busiest ones)."""
    db = store.db
    seed = db.execute("SELECT id FROM sources WHERE path LIKE '%001_f3ae314bfad271f2.txt'").fetchone()[0]
    report = db.execute("SELECT s.id FROM sources s JOIN reports r ON r.source_id = s.id "
                        "ORDER BY length(s.body) DESC LIMIT 1").fetchone()[0]
    frus_work = db.execute("SELECT work_id FROM sources s JOIN reports r ON r.source_id = s.id "
                           "GROUP BY work_id ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    busiest = store.people()[0]["id"]
    top_file = file_key(store.citation_index()[0])
    link = db.execute("SELECT source, target FROM events WHERE source IN (SELECT id FROM persons) AND target IN "
                      "(SELECT id FROM persons) AND source != target LIMIT 1").fetchone()
    return ["/", f"/works/{frus_work}", f"/sources/{seed}", f"/sources/{report}", "/citations",
            "/citations/file?" + urlencode({"key": top_file}), "/people", f"/people/{busiest}", "/people/smetanin",
            "/quotes", "/quotes?speaker=smetanin", "/quotes?side=USA&from=1949", "/search?q=Smetanin",
            "/search?q=Soviet+Union", "/relations", "/api/relations?a=USA&b=JPN&from=1949-01&to=1954-12",
            "/relations/events?period=1939-08", "/network", "/api/network",
            "/network/link?" + urlencode({"a": link[0], "b": link[1]})]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def timed(call, n: int) -> list[float]:
    times = []
    for _ in range(n):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return times


def p90(times: list[float]) -> float:
    return statistics.quantiles(times, n=10)[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="the store to measure, built first if missing")
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    volumes = frus_volumes()
    # one kept store per input, so that a run without the shared corpora never measures a store built with them
    name = "legation_web_bench_examples.db" if volumes == [devdata.FRUS_EXCERPT] else "legation_web_bench.db"
    db = args.db or Path(tempfile.gettempdir()) / name
    if not db.exists():
        build_store(db, SEED_ARTICLES + volumes)
    store = Store(db)  # opened to write, so that a store kept from an older legation is upgraded
    print(f"store: {db} {store.counts()}")
    started = time.perf_counter()
    app = create_app(db)
    print(f"app start: {(time.perf_counter() - started) * 1000:.0f} ms")
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    slow = []  # pages at or over 200 ms median, or not answering 200
    slowest = 0.0
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
        print(f"{'page':70} {'median ms':>9} {'p90 ms':>7} {'first ms':>8}  status")
        for url in pages(store):
            first = timed(lambda: client.get(url), 1)[0]
            timed(lambda: client.get(url), 1)
            status = client.get(url).status_code
            times = timed(lambda: client.get(url), args.requests)
            median = statistics.median(times)
            slowest = max(slowest, median)
            slow += [url] if median >= 200 or status != 200 else []
            print(f"{url[:70]:70} {median:9.1f} {p90(times):7.1f} {first:8.1f}  {status}")
    server.should_exit = True
    thread.join()
    print(f"\n{'full-text search (legation.store.search.search)':50} {'median ms':>9} {'p90 ms':>7} hits")
    slowest_search = 0.0
    for query in SEARCHES:
        hits = len(fts.search(store.db, query))
        times = timed(lambda: fts.search(store.db, query), args.requests)
        slowest_search = max(slowest_search, statistics.median(times))
        print(f"{query:50} {statistics.median(times):9.2f} {p90(times):7.2f} {hits}")
    print("\npages at or over 200 ms median, or not answering 200: " + (", ".join(slow) or "none"))
    report("every page's median latency, the slowest", f"{slowest:.0f} ms", "< 200 ms, each answering 200", not slow)
    report("full-text search median, the slowest query", f"{slowest_search:.1f} ms", "< 50 ms", slowest_search < 50)


if __name__ == "__main__":
    main()
