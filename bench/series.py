"""A documentary series through legation: the FRUS volumes of ``shared/data/frus-series`` (96
gzip-compressed TEI volumes, read compressed) ingested with both layers by the command line, as a
user runs it (``legation ingest FILES --engine …``), into fresh SQLite stores.

Steps, each printed as it ends:

1. **subset**: the same ``--subset`` volumes (evenly spaced through the series, so every decade is
   in it; with ``--max-mb``, among the volumes of at most that size) with the local engine, then
   Dask with 1 worker, then Dask with 2 workers. Per run:
   volumes, documents, MB (uncompressed TEI), wall time, documents/s, peak RSS of the writer (the
   ``legation`` process: reading, the collection's first pass, storing) and of each worker process,
   store size. Target: Dask 2 workers over 1 worker, ≥ 1.8×.
2. **kill and resume** (``--kill-resume``): Dask with 2 workers on the subset's first
   ``--resume-volumes`` volumes, killed (SIGKILL to the whole process group: writer, scheduler,
   workers) at a random point, then the same command again: it must finish and the store must
   equal a clean run's, table by table (the ingestion time aside).
3. **whole series** (``--whole``): every volume (or the first ``--first``) on Dask with
   ``--workers`` workers, the peak RSS read again when about 10, 30 and 96 volumes are stored
   (by the documents the manifest gives each volume), to show whether memory grows with the
   corpus. The store is kept at ``--keep`` for bench/web.py and the relations comparison
   (eval/disputes.py).

Each run's wall time includes starting the engine and loading the models (seconds, against
minutes of work). The machine may be shared: "other load" is the share of CPU time the run's own
processes did not account for while it ran; above ~0.1 the figures understate the engine.

    .venv/bin/python bench/series.py [--subset 10] [--kill-resume] [--whole [--first N]] [--keep STORE.db]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from legation import devdata
from legation.store.contents import store_contents

from _targets import FLAT, report

SERIES = ("data", "frus-series")
MB = 1e6


@dataclass
class Volume:
    path: Path
    documents: int
    size: int  # uncompressed bytes


def series_volumes() -> list[Volume]:
    folder = devdata.require_shared(*SERIES)
    with (folder / "MANIFEST.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [Volume(folder / row["file"], int(row["documents"]), int(row["bytes_uncompressed"]))
            for row in sorted(rows, key=lambda r: r["file"])]  # the order `legation ingest FOLDER` takes


def evenly_spaced(volumes: list[Volume], count: int) -> list[Volume]:
    count = min(count, len(volumes))
    step = len(volumes) / count if count else 1
    return [volumes[int(k * step)] for k in range(count)]


def command() -> list[str]:
    beside = Path(sys.executable).with_name("legation")
    return [str(beside)] if beside.exists() else [sys.executable, "-m", "legation"]


def stored_documents(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as connection:
            return connection.execute("SELECT COUNT(*) FROM sources").fetchone()[0]
    except sqlite3.Error:  # not created yet, or busy
        return 0


@dataclass
class Run:
    name: str
    volumes: list[Volume]
    wall: float = 0.0
    exit_code: int | None = None
    documents: int = 0
    store_mb: float = 0.0
    writer_peak: float = 0.0  # MB
    worker_peaks: list[float] = field(default_factory=list)
    cpu_seconds: float = 0.0
    writer_cpu: float = 0.0  # of which the writer's: with every core a worker, the writer's time is taken from them
    other_load: float = 0.0
    milestones: dict[int, tuple[float, list[float]]] = field(default_factory=dict)  # volumes -> peaks so far
    killed: bool = False

    @property
    def mb(self) -> float:
        return sum(v.size for v in self.volumes) / MB

    def line(self) -> str:
        rate = self.documents / self.wall if self.wall else 0
        workers = ", ".join(f"{p:.0f}" for p in self.worker_peaks) or "none"
        return (f"{self.name:<22} volumes {len(self.volumes):>3}  documents {self.documents:>6}  "
                f"{self.mb:7.1f} MB  wall {self.wall:8.1f} s  {rate:6.2f} docs/s  "
                f"peak RSS writer {self.writer_peak:.0f} MB, workers [{workers}] MB  "
                f"store {self.store_mb:.0f} MB  CPU {self.cpu_seconds:.0f} s (writer {self.writer_cpu:.0f} s)  "
                f"other load {self.other_load:.2f}")


class Watcher(threading.Thread):
    """Samples the RSS of a process and its descendants twice a second, keeping each one's peak,
    and the stored documents every few seconds, noting the peaks at each milestone."""

    def __init__(self, pid: int, db: Path, milestones: dict[int, int]):
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.db = db
        self.milestones = dict(milestones)  # documents stored -> volumes
        self.peaks: dict[int, float] = {}
        self.cpu: dict[int, float] = {}
        self.reached: dict[int, tuple[float, list[float]]] = {}
        self.stop = threading.Event()

    def run(self) -> None:
        last_count = 0.0
        while not self.stop.is_set():
            self.sample()
            if self.milestones and time.monotonic() - last_count > 5:
                last_count = time.monotonic()
                stored = stored_documents(self.db)
                for documents, volumes in sorted(self.milestones.items()):
                    if stored >= documents and volumes not in self.reached:
                        self.reached[volumes] = (self.writer_peak(), self.worker_peaks())
            self.stop.wait(0.5)

    def sample(self) -> None:
        try:
            processes = [self.root, *self.root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return
        for process in processes:
            try:
                with process.oneshot():
                    rss = process.memory_info().rss / MB
                    times = process.cpu_times()
            except psutil.Error:
                continue
            self.peaks[process.pid] = max(self.peaks.get(process.pid, 0), rss)
            # a process's own time only: a worker is sampled on its own, and once it ends and is
            # reaped its time would be counted again in its parent's children_* times
            self.cpu[process.pid] = times.user + times.system

    def writer_peak(self) -> float:
        return self.peaks.get(self.root.pid, 0.0)

    def worker_peaks(self) -> list[float]:
        """The descendants that hold a model (a Dask worker loads spaCy: hundreds of MB); the
        small helpers (multiprocessing's resource tracker) are left out."""
        return sorted((p for pid, p in self.peaks.items() if pid != self.root.pid and p > 150), reverse=True)


def ingest(name: str, volumes: list[Volume], db: Path, engine: list[str], kill_after: float | None = None,
           milestones: dict[int, int] | None = None) -> Run:
    """One run of the command line; killed (the whole process group) after ``kill_after`` seconds."""
    run = Run(name, volumes)
    before = stored_documents(db) if db.exists() else 0  # a resumed run: count what this one stores
    idle_before = psutil.cpu_times()
    started = time.monotonic()
    process = subprocess.Popen([*command(), "ingest", *(str(v.path) for v in volumes), "--db", str(db), *engine],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    watcher = Watcher(process.pid, db, milestones or {})
    watcher.start()
    try:
        process.wait(timeout=kill_after)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        run.killed = True
    run.wall = time.monotonic() - started
    watcher.stop.set()
    watcher.join()
    stderr = process.stderr.read() if process.stderr else ""
    run.exit_code = process.returncode
    if not run.killed and process.returncode != 0:
        print(f"  {name}: exit {process.returncode}; last lines of stderr:\n    "
              + "\n    ".join(stderr.strip().splitlines()[-5:]))
    run.documents = stored_documents(db) - before
    run.store_mb = sum(f.stat().st_size for f in db.parent.glob(db.name + "*")) / MB
    run.writer_peak, run.worker_peaks = watcher.writer_peak(), watcher.worker_peaks()
    run.cpu_seconds = sum(watcher.cpu.values())
    run.writer_cpu = watcher.cpu.get(process.pid, 0.0)
    run.milestones = watcher.reached
    busy = _busy_seconds(idle_before, psutil.cpu_times())
    run.other_load = max(0.0, busy - run.cpu_seconds) / (run.wall * (os.cpu_count() or 1))
    return run


def _busy_seconds(before: psutil._common.scputimes, after: psutil._common.scputimes) -> float:
    spent = sum(after) - sum(before)
    idle = (after.idle + getattr(after, "iowait", 0)) - (before.idle + getattr(before, "iowait", 0))
    return spent - idle


def _stored_files(db: Path) -> set[str]:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
            return {row[0] for row in connection.execute("SELECT DISTINCT file FROM reports")}
    except sqlite3.Error:
        return set()


def dask(workers: int) -> list[str]:
    return ["--engine", "dask", "--workers", str(workers)]


def subset_runs(volumes: list[Volume], folder: Path) -> None:
    print(f"subset: {len(volumes)} volumes, {sum(v.documents for v in volumes)} documents by the manifest, "
          f"{sum(v.size for v in volumes) / MB:.1f} MB: {', '.join(v.path.name for v in volumes)}")
    runs = {}
    for name, engine in (("local", []), ("dask, 1 worker", dask(1)), ("dask, 2 workers", dask(2))):
        runs[name] = ingest(name, volumes, folder / f"{name.replace(', ', '-').replace(' ', '')}.db", engine)
        print(runs[name].line(), flush=True)
    one, two = runs["dask, 1 worker"], runs["dask, 2 workers"]
    if one.wall and two.wall:
        speedup = one.wall / two.wall
        report("Dask 2 workers over 1 on the same volumes", f"{speedup:.2f}x", ">= 1.8x", speedup >= 1.8)
    same = store_contents(folder / "local.db") == store_contents(folder / "dask-2workers.db")
    report("local and Dask stores equal", "equal" if same else "DIFFERENT", "equal", same)


def kill_and_resume(volumes: list[Volume], folder: Path, seed: int = 19) -> None:
    clean_db = folder / "resume-clean.db"
    clean = ingest("clean (dask, 2)", volumes, clean_db, dask(2))
    print(clean.line(), flush=True)
    kill_after = random.Random(seed).uniform(0.3, 0.8) * clean.wall
    db = folder / "resume-killed.db"
    killed = ingest("killed (dask, 2)", volumes, db, dask(2), kill_after=kill_after)
    print(f"  killed after {killed.wall:.1f} s with {killed.documents} of {clean.documents} documents stored")
    resumed = ingest("resumed (dask, 2)", volumes, db, dask(2))
    print(resumed.line(), flush=True)
    same = resumed.exit_code == 0 and store_contents(db) == store_contents(clean_db)
    report("killed at a random point, resumed: store equals a clean run's",
           f"{'equal' if same else 'DIFFERENT'} (killed at {killed.documents}/{clean.documents} documents, "
           f"resume took {resumed.wall:.0f} s of the clean run's {clean.wall:.0f} s)", "equal", same)


def whole_series(volumes: list[Volume], db: Path, workers: int) -> None:
    earlier = _stored_files(db) if db.exists() else set()
    already = len(earlier)
    milestones: dict[int, int] = {}
    total = 0
    for k, volume in enumerate(volumes, 1):
        total += volume.documents
        if (k in (10, 30) and k > already) or k == len(volumes):
            milestones[int(total * 0.98)] = k  # the manifest counts a few documents the reader joins
    if already:
        print(f"  resumed: {already} volumes were stored by an earlier run; wall time and documents/s are "
              f"those of the rest, peak RSS is read only where this run passes a mark", flush=True)
    run = ingest(f"whole series (dask, {workers})", volumes, db, dask(workers), milestones=milestones)
    stored = _stored_files(db)
    run.volumes = [v for v in volumes if str(v.path) in stored - earlier]  # what this run stored
    if len(stored) < len(volumes):  # stopped before the end: say what was stored, not what was asked
        print(f"  stopped after {len(stored)} of {len(volumes)} volumes (exit {run.exit_code}); "
              f"the figures are those of the volumes stored")
    print(run.line(), flush=True)
    for count, (writer, workers_rss) in sorted(run.milestones.items()):
        print(f"  at about {count} volumes stored: peak RSS writer {writer:.0f} MB, "
              f"workers [{', '.join(f'{p:.0f}' for p in workers_rss)}] MB")
    reached = sorted(run.milestones.items())
    if len(reached) >= 2:
        (_, (w_small, k_small)), (_, (w_large, k_large)) = reached[0], reached[-1]
        flat = w_large <= w_small * FLAT + 50 and max(k_large, default=0) <= max(k_small, default=0) * FLAT + 50
        report(f"peak RSS flat from {reached[0][0]} to {reached[-1][0]} volumes",
               f"writer {w_small:.0f} -> {w_large:.0f} MB, largest worker "
               f"{max(k_small, default=0):.0f} -> {max(k_large, default=0):.0f} MB", f"<= x{FLAT} + 50 MB", flat)
    project(run)


def project(run: Run, gb: float = 2.4) -> None:
    """The time for ~740 volumes (~2.4 GB) on more workers, from this run's CPU: each worker at the
    documents per CPU second the workers gave, the one writer at the documents per CPU second it
    gave; whichever is slower sets the pace (past some number of workers, the writer)."""
    worker_cpu = run.cpu_seconds - run.writer_cpu
    if not (run.documents and run.mb and worker_cpu > 0 and run.writer_cpu > 0):
        return
    documents = run.documents * gb * 1e3 / run.mb
    per_worker, writer = run.documents / worker_cpu, run.documents / run.writer_cpu
    print(f"projection for ~740 volumes (~{gb} GB, ~{documents:,.0f} documents): a worker does {per_worker:.2f} "
          f"documents per CPU second, the one writer {writer:.1f}, so past {writer / per_worker:.0f} workers "
          f"the writer sets the pace:")
    for n in (8, 16, 64):
        pace = min(per_worker * n, writer)
        print(f"  {n:>2} workers: {documents / pace / 3600:.1f} h{'  (writer-bound)' if pace == writer else ''}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subset", type=int, default=10, help="volumes compared on the three engines (0: none)")
    parser.add_argument("--max-mb", type=float, default=None,
                        help="draw the subset from the volumes of at most this many MB (a shorter comparison)")
    parser.add_argument("--kill-resume", action="store_true")
    parser.add_argument("--resume-volumes", type=int, default=3)
    parser.add_argument("--whole", action="store_true", help="then every volume on Dask")
    parser.add_argument("--resume", action="store_true",
                        help="with --whole: go on from the store at --keep (a run stopped earlier) instead of a fresh one")
    parser.add_argument("--first", type=int, default=None,
                        help="with --whole: only the series' first N volumes (the memory marks need 30)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", type=Path, default=Path(tempfile.gettempdir()) / "legation_series.db",
                        help="where the whole series' store is kept")
    args = parser.parse_args()
    try:
        volumes = series_volumes()
    except devdata.MissingData as missing:
        print(f"skipped: {missing}")
        return 0
    print(f"series: {len(volumes)} volumes, {sum(v.documents for v in volumes)} documents by the manifest, "
          f"{sum(v.size for v in volumes) / MB:.0f} MB of TEI; {os.cpu_count()} cores")
    folder = Path(tempfile.mkdtemp(prefix="legation-series-"))
    try:
        pool = [v for v in volumes if args.max_mb is None or v.size <= args.max_mb * MB]
        subset = evenly_spaced(pool, args.subset) if args.subset else []
        if subset:
            subset_runs(subset, folder)
        if args.kill_resume:
            kill_and_resume(subset[:args.resume_volumes] or volumes[:args.resume_volumes], folder)
        if args.whole:
            for old in args.keep.parent.glob(args.keep.name + "*") if not args.resume else ():
                old.unlink()
            whole_series(volumes[:args.first], args.keep, args.workers)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
