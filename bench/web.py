"""Latency of the web app's pages and API answers and of full-text search, on the seeds and both
FRUS volumes (without the shared corpora: on the examples corpus, the seeds and a FRUS excerpt),
or on any store named with --db (the whole series, once ingested).

The store is built once with the command line (the `legation` entry point beside this Python,
else `python -m legation`: `legation ingest SEEDS FRUS --layers apparatus,actors`, about three
minutes; seconds for the examples), checked to hold documents, and kept at --db (default
/tmp/legation_web_bench.db, or /tmp/legation_web_bench_examples.db for the examples). With
--copies N the store measured is N copies of it (new ids and paths, dates moved by a few years a
copy, full-text index rebuilt): a stand-in of the size of a series (40 copies of the seeds and both
volumes: about 31,000 documents, 250,000 events) where the series itself is not ingested.

The app runs in a real uvicorn server on a free local port; each page is fetched over HTTP with
httpx once (its first answer, which fills the app's caches, is printed apart), once more to warm
up, then --requests times; median and 95th percentile are printed. Full-text search is timed as a
page (/search) and as the store's function (legation.store.search.search_page).

Targets (issue 19): every page and API answer median < 200 ms and p95 < 1 s, each answering 200;
search < 500 ms (median, page and function).

    python bench/web.py [--db STORE.db] [--copies N] [--requests 20]
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import socket
import sqlite3
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
from legation.store import queries
from legation.store import search as fts
from legation.store.sqlite import Store
from legation.web.app import create_app

from _inputs import SEED_ARTICLES, frus_volumes
from _targets import report

SEARCHES = ("Smetanin", "Soviet Union", "Tokyo", "Acheson", "military base", "Khalkhin Gol")
MEDIAN_MS, P95_MS, SEARCH_MS = 200, 1000, 500


def legation_command() -> list[str]:
    """The command line of this installation: its entry point beside this Python, else the module."""
    entry = Path(sys.executable).with_name("legation")
    return [str(entry)] if entry.exists() else [sys.executable, "-m", "legation"]


def build_store(db: Path, inputs: list[Path]) -> None:
    building = db.with_suffix(".building.db")  # renamed only once whole: an interrupted build is not kept
    for leftover in (building, building.with_name(building.name + "-wal"), building.with_name(building.name + "-shm")):
        leftover.unlink(missing_ok=True)
    print(f"building the store {db} (kept for later runs)", flush=True)  # before the ingest's own output
    finished = subprocess.run([*legation_command(), "ingest", *map(str, inputs), "--layers", "apparatus,actors",
                               "--db", str(building)])
    if not building.exists():
        sys.exit(f"the ingest ({' '.join(legation_command())}) stored nothing (exit status {finished.returncode})")
    with Store(building) as store:  # (a writer's close leaves no -wal or -shm file beside it to rename)
        documents = store.counts()["sources"]
    if not documents:
        sys.exit(f"the ingest stored no document in {building} (exit status {finished.returncode})")
    if finished.returncode:  # a bad file among the inputs: the others are stored, and measured
        print(f"note: the ingest ended with status {finished.returncode}; {documents} documents stored")
    building.rename(db)


def upgraded(db: Path) -> dict[str, int]:
    """A kept store opened to write once, so that one an older legation made is upgraded before
    it is read: its counts."""
    with Store(db) as store:
        return store.counts()


def copied_store(db: Path, copies: int) -> Path:
    """``copies`` copies of the store at ``db`` in one store beside it (built once, then kept)."""
    target = db.with_name(f"{db.stem}_x{copies}.db")
    if target.exists():
        return target
    building = target.with_suffix(".building.db")
    building.unlink(missing_ok=True)
    print(f"building {copies} copies of {db} in {target} (kept for later runs)", flush=True)
    with Store(db) as store:  # upgraded first, if an older legation made it
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(db, building)
    connection = sqlite3.connect(building, isolation_level=None)
    connection.create_function("sha", 1, lambda text: hashlib.sha256(text.encode()).hexdigest())
    tables = {name: [row[1] for row in connection.execute(f"PRAGMA table_info({name})")]
              for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE "
                                                "'%source_id TEXT%' AND name NOT LIKE 'search%'")}
    dated = {"events": ("date", "date_end"), "quotes": ("date",), "dates": ("iso", "iso_end"), "reports": ("date",)}
    originals = connection.execute("SELECT count(*) FROM sources").fetchone()[0]
    connection.execute("BEGIN")
    for copy in range(1, copies):
        shift = (copy * 3) % 33 - 4  # years: the copies of 1939-1954 cover 1935-1982
        connection.execute("CREATE TEMP TABLE IF NOT EXISTS ids (old TEXT PRIMARY KEY, new TEXT)")
        connection.execute("DELETE FROM ids")
        connection.execute("INSERT INTO ids SELECT id, substr(sha(id || ?), 1, 16) FROM sources ORDER BY rowid "
                           "LIMIT ?", (str(copy), originals))
        connection.execute("CREATE TEMP TABLE IF NOT EXISTS works_copied (old INTEGER PRIMARY KEY, new INTEGER)")
        connection.execute("DELETE FROM works_copied")
        for (work,) in connection.execute("SELECT DISTINCT work_id FROM sources WHERE id IN (SELECT old FROM ids) "
                                          "AND work_id IS NOT NULL").fetchall():
            made = connection.execute(
                "INSERT INTO works (key, doi, title, authors, journal, year, volume, issue, pages) "
                "SELECT key || ':copy' || ?1, doi, title || ' (copy ' || ?1 || ')', authors, journal, year + ?2, "
                "volume, issue, pages FROM works WHERE id = ?3", (copy, shift, work))
            connection.execute("INSERT INTO works_copied VALUES (?, ?)", (work, made.lastrowid))
        connection.execute(
            "INSERT INTO sources (id, sha256, path, format, size, work_id, work_json, text, body, ingested_at, layers) "
            "SELECT ids.new, sha(s.sha256 || ?1), CASE WHEN instr(s.path, '#') THEN substr(s.path, 1, "
            "instr(s.path, '#') - 1) || '.copy' || ?1 || substr(s.path, instr(s.path, '#')) "
            "ELSE s.path || '.copy' || ?1 END, s.format, s.size, (SELECT new FROM works_copied WHERE old = s.work_id), "
            "s.work_json, s.text, s.body, s.ingested_at, s.layers FROM sources s JOIN ids ON ids.old = s.id",
            (str(copy),))
        for table, columns in tables.items():
            if table == "sources":
                continue
            values = []
            for column in columns:
                if column == "source_id":
                    values.append("ids.new")
                elif table == "reports" and column == "file":
                    values.append(f"t.file || '.copy{copy}'")
                elif column in dated.get(table, ()):
                    values.append(f"CASE WHEN t.{column} GLOB '[0-9][0-9][0-9][0-9]*' THEN "
                                  f"printf('%04d', substr(t.{column}, 1, 4) + {shift}) || substr(t.{column}, 5) "
                                  f"ELSE t.{column} END")
                else:
                    values.append(f't."{column}"')
            connection.execute(f"INSERT INTO {table} SELECT {', '.join(values)} FROM {table} t "
                               "JOIN ids ON ids.old = t.source_id")
    for index in ("search_quotes", "search_bodies"):
        connection.execute(f"INSERT INTO {index}({index}) VALUES ('rebuild')")
    connection.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'changes'")
    connection.execute("COMMIT")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    building.rename(target)
    return target


def pages(store: Store) -> list[str]:
    """One URL of every kind of page and API answer, with ids taken from the store (the busiest
    ones), and later pages of the long lists."""
    db = store.db
    seed = db.execute("SELECT id FROM sources WHERE path LIKE '%001_f3ae314bfad271f2.txt'").fetchone()
    longest = db.execute("SELECT source_id FROM reports ORDER BY \"end\" - start DESC LIMIT 1").fetchone()
    busiest_work = db.execute("SELECT work_id FROM sources WHERE work_id IS NOT NULL GROUP BY work_id "
                              "ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    person = queries.people(store, limit=1, roles=0)[1][0]["id"]
    _, files = queries.citation_index(store, limit=1, cited_in=False)
    pair = db.execute("SELECT source_side, target_side FROM events WHERE source_side IS NOT NULL AND target_side "
                      "IS NOT NULL AND source_side != target_side GROUP BY 1, 2 ORDER BY count(*) DESC "
                      "LIMIT 1").fetchone()
    per_year = db.execute("SELECT substr(date, 1, 4), count(*) FROM events WHERE date IS NOT NULL AND "
                          "((source_side = ?1 AND target_side = ?2) OR (source_side = ?2 AND target_side = ?1)) "
                          "GROUP BY 1 ORDER BY 1", tuple(pair)).fetchall()
    years = _years_holding(per_year, 0.98)
    link = db.execute("SELECT source, target FROM events WHERE source IN (SELECT id FROM persons) AND target IN "
                      "(SELECT id FROM persons) AND source != target LIMIT 1").fetchone()
    sides = {"a": pair[0], "b": pair[1], "from": years[0], "to": years[1]}
    urls = ["/", "/?page=2&size=5", f"/works/{busiest_work}", f"/works/{busiest_work}?page=3",
            *(f"/sources/{row[0]}" for row in (seed, longest) if row),
            "/citations", "/people", "/people?page=5", f"/people/{person}",
            "/quotes", "/quotes?page=20", "/quotes?speaker=smetanin", "/quotes?speaker=Acheson",
            "/quotes?side=USA&from=1949", "/search?q=Smetanin", "/search?q=Soviet+Union",
            "/search?q=Soviet+Union&page=10", "/relations", "/relations?" + urlencode({**sides, "by": "quarter"}),
            "/api/relations?" + urlencode({**sides, "by": "quarter"}),
            "/api/relations?" + urlencode({**sides, "by": "year"}),
            "/api/relations?a=USA&b=JPN&from=1949-01&to=1954-12", "/relations/events?period=1939-08",
            "/network", "/network?from=1950&to=1951", "/api/network", "/api/network?from=1950&to=1951"]
    if files:
        urls.insert(6, "/citations/file?" + urlencode({"key": queries.file_key(files[0])}))
    if db.execute("SELECT 1 FROM persons WHERE id = 'smetanin' LIMIT 1").fetchone():  # the seed's, where it is stored
        urls.insert(urls.index(f"/people/{person}") + 1, "/people/smetanin")
    if link:
        urls.append("/network/link?" + urlencode({"a": link[0], "b": link[1]}))
    return urls


def _years_holding(per_year: list[tuple[str, int]], share: float) -> tuple[str, str]:
    """The first and last year of the span holding ``share`` of the events (a stray date such as
    "0996", an extraction's slip, does not stretch a chart over a thousand years)."""
    total = sum(n for _, n in per_year)
    cut = total * (1 - share) / 2
    seen, first, last = 0, per_year[0][0], per_year[-1][0]
    for year, n in per_year:
        if seen + n > cut:
            first = year
            break
        seen += n
    seen = 0
    for year, n in reversed(per_year):
        if seen + n > cut:
            last = year
            break
        seen += n
    return first, last


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


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20, method="inclusive")[-1] if len(times) > 1 else times[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="the store to measure, built first if missing")
    parser.add_argument("--copies", type=int, default=1, help="measure N copies of the store in one (a stand-in "
                                                              "for a series), built once beside it")
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    db = args.db
    if db is None or not db.exists():
        volumes = frus_volumes()
        # one kept store per input, so that a run without the shared corpora never measures a store built with them
        name = "legation_web_bench_examples.db" if volumes == [devdata.FRUS_EXCERPT] else "legation_web_bench.db"
        db = db or Path(tempfile.gettempdir()) / name
        if not db.exists():
            build_store(db, SEED_ARTICLES + volumes)
    if args.copies > 1:
        db = copied_store(db, args.copies)
    counts = upgraded(db)
    print(f"store: {db} ({db.stat().st_size / 1e6:.0f} MB) {counts}")
    store = Store(db, readonly=True)
    started = time.perf_counter()
    app = create_app(db)
    print(f"app start: {(time.perf_counter() - started) * 1000:.0f} ms")
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    slow, slow_tail = [], []  # pages at or over the median target (or not answering 200), over the p95 target
    medians, tails, search_pages = [], [], []
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
        print(f"{'page or API answer':72} {'median ms':>9} {'p95 ms':>7} {'first ms':>8}  status")
        for url in pages(store):
            first = timed(lambda: client.get(url), 1)[0]
            timed(lambda: client.get(url), 1)
            status = client.get(url).status_code
            times = timed(lambda: client.get(url), args.requests)
            median, tail = statistics.median(times), p95(times)
            medians.append(median)
            tails.append(tail)
            if url.startswith("/search"):
                search_pages.append(median)
            slow += [url] if median >= MEDIAN_MS or status != 200 else []
            slow_tail += [url] if tail >= P95_MS else []
            print(f"{url[:72]:72} {median:9.1f} {tail:7.1f} {first:8.1f}  {status}", flush=True)
    server.should_exit = True
    thread.join()
    print(f"\n{'full-text search (legation.store.search.search_page)':52} {'median ms':>9} {'p95 ms':>7} "
          f"{'quotes':>7} {'documents':>9}")
    searches = []
    for query in SEARCHES:
        found = fts.search_page(store, query)
        times = timed(lambda: fts.search_page(store, query), args.requests)
        searches.append(statistics.median(times))
        print(f"{query:52} {statistics.median(times):9.2f} {p95(times):7.2f} {found.quotes:7} {found.documents:9}")
    store.close()
    print(f"\npages at or over {MEDIAN_MS} ms median, or not answering 200: " + (", ".join(slow) or "none"))
    print(f"pages at or over {P95_MS} ms at the 95th percentile: " + (", ".join(slow_tail) or "none"))
    report("every page's and API answer's median latency, the slowest", f"{max(medians):.0f} ms",
           f"< {MEDIAN_MS} ms, each answering 200", not slow)
    report("every page's and API answer's p95 latency, the slowest", f"{max(tails):.0f} ms", f"< {P95_MS} ms",
           not slow_tail)
    slowest_search = max(searches + search_pages)
    report("search median (pages and the function), the slowest", f"{slowest_search:.1f} ms", f"< {SEARCH_MS} ms",
           slowest_search < SEARCH_MS)


if __name__ == "__main__":
    main()
