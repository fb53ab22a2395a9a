"""Latency of the web app's pages and of full-text search, on the seeds and both FRUS volumes.

The store is built once with the command line (`legation ingest SEEDS FRUS --layers
apparatus,actors`, about three minutes) and kept at --db (default /tmp/legation_web_bench.db).
The app runs in a real uvicorn server on a free local port; each page is fetched over HTTP with
httpx, twice to warm up and then --requests times; median and 90th percentile are printed. Full-
text search is timed on its own too (legation.store.search.search on the store's connection).
Targets (issue 6): every page < 200 ms median, search < 50 ms.

    python bench/web.py [--db /tmp/legation_web_bench.db] [--requests 20]
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx
import uvicorn

from legation.store import search as fts
from legation.store.sqlite import Store
from legation.web.app import create_app
from legation.web.queries import file_key

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
INPUTS = [SHARED / "seeds" / "000_bbb7d053b0870eff.txt", SHARED / "seeds" / "001_f3ae314bfad271f2.txt",
          SHARED / "data" / "frus" / "frus1949v07p2.xml", SHARED / "data" / "frus" / "frus1952-54v14p2.xml"]
SEARCHES = ("Smetanin", "Soviet Union", "Tokyo", "Acheson", "military base", "Khalkhin Gol")


def build_store(db: Path) -> None:
    building = db.with_suffix(".building.db")
    building.unlink(missing_ok=True)
    subprocess.run([sys.executable, "-m", "legation.cli", "ingest", *map(str, INPUTS), "--layers",
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
    parser.add_argument("--db", type=Path, default=Path("/tmp/legation_web_bench.db"))
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    if not args.db.exists():
        build_store(args.db)
    store = Store(args.db)
    print(f"store: {args.db} {store.counts()}")
    started = time.perf_counter()
    app = create_app(args.db)  # builds the full-text index when the store changed
    print(f"app start (index check/build): {(time.perf_counter() - started) * 1000:.0f} ms")
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    slow = []
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
        print(f"{'page':70} {'median ms':>9} {'p90 ms':>7} {'first ms':>8}  status")
        for url in pages(store):
            first = timed(lambda: client.get(url), 1)[0]
            timed(lambda: client.get(url), 1)
            status = client.get(url).status_code
            times = timed(lambda: client.get(url), args.requests)
            median = statistics.median(times)
            slow += [url] if median >= 200 else []
            print(f"{url[:70]:70} {median:9.1f} {p90(times):7.1f} {first:8.1f}  {status}")
    server.should_exit = True
    thread.join()
    fts.ensure_index(store.db)
    print(f"\n{'full-text search (legation.store.search.search)':50} {'median ms':>9} {'p90 ms':>7} hits")
    for query in SEARCHES:
        hits = len(fts.search(store.db, query))
        times = timed(lambda: fts.search(store.db, query), args.requests)
        print(f"{query:50} {statistics.median(times):9.2f} {p90(times):7.2f} {hits}")
    print("\npages at or over 200 ms median: " + (", ".join(slow) or "none"))


if __name__ == "__main__":
    main()
