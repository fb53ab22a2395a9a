"""Wall time of ingesting one corpus with the local engine and with Dask on 1 and 2 workers.

The corpus: the seed articles and the first N reports of a FRUS volume (the first shared
volume, else the examples' 32-document excerpt; read by ``legation.ingest.units.read_units``,
so each report is its own unit, as ``legation ingest`` sends them). Every run ingests it whole, all layers, into a fresh SQLite store through
``engine.ingest_with``: extraction on the engine, storing in this process.

Two figures per engine: "cold" counts everything from engine start (cluster start-up and each
worker loading spaCy and Natasha), "warm" only the ingest, after every process has extracted
one report (what a long corpus sees). The target is the 2-worker speed-up over 1 worker, warm:
at least 1.8x (the goal of the issue "A whole documentary series").

    .venv/bin/python bench/dask_engine.py [--reports N] [--volume FRUS.xml] [--runs R]

The machine may be shared: the bench waits (up to --wait seconds) for idle cores, the engines
take turns for the warm runs, and "other load" is the cores other processes kept busy during
the warm run shown; a figure with other load above ~0.1 understates that engine's speed.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

import psutil

from legation import nlp
from legation.engine import DaskEngine, LocalEngine, ingest_with
from legation.ingest.units import Unit, read_units
from legation.pipeline import LAYERS, extract_unit
from legation.store.sqlite import Store

from _inputs import SEED_ARTICLES, frus_volumes
from _targets import report


def corpus(volume: Path, reports: int) -> tuple[list[Unit], list[Unit]]:
    """(the seed articles' units, the first ``reports`` reports of the volume)."""
    seeds = [u for path in SEED_ARTICLES for u in read_units(path)]
    units = (u for u in read_units(volume) if isinstance(u, Unit))
    return seeds, [u for _, u in zip(range(reports), units)]


def warm_process(unit: Unit) -> None:
    """Pay what the first documents of a process pay for: the spaCy and Natasha models, and the
    rule tables, authority files and CRF models each stage loads on first use."""
    nlp.russian()
    extract_unit(unit, LAYERS)


def ingest(engine: Any, units: list[Unit]) -> Run:
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "bench.db") as store:
        with Run() as run:
            summary = ingest_with(engine, store, units, functools.partial(extract_unit, layers=LAYERS))
    assert not summary.failed and summary.ingested == len(units), summary
    return run


class Run:
    """Wall seconds of a block, and how many cores other processes kept busy meanwhile (the
    machine may be shared: a 2-worker figure means little while someone else holds a core)."""

    def __enter__(self) -> "Run":
        self._busy, self._own, self._start = machine_busy_seconds(), own_cpu_seconds(), time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self._start
        others = (machine_busy_seconds() - self._busy) - (own_cpu_seconds() - self._own)
        self.others = max(others, 0.0) / self.seconds


def machine_busy_seconds() -> float:
    """CPU seconds all cores spent not idle since boot (/proc/stat counts in 1/100 s)."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(values[:8]) - values[3] - values[4]) / os.sysconf("SC_CLK_TCK")


def own_cpu_seconds() -> float:
    """CPU seconds of this process and its children (the Dask scheduler, nannies and workers)."""
    me = psutil.Process()
    total = 0.0
    for process in (me, *me.children(recursive=True)):
        with contextlib.suppress(psutil.NoSuchProcess):
            times = process.cpu_times()
            total += times.user + times.system
    return total


def cold_seconds(make_engine: Callable[[], Any], units: list[Unit]) -> float:
    """Engine start-up, every process's first documents, the ingest, and shutting down."""
    start = time.perf_counter()
    with make_engine() as engine:
        ingest(engine, units)
    return time.perf_counter() - start


def warm_runs(engines: dict[str, Any], units: list[Unit], runs: int) -> dict[str, Run]:
    """The fastest of ``runs`` warm runs per engine. The engines take turns, so a burst of
    someone else's work on a shared machine slows one run of each, not every run of one."""
    best: dict[str, Run] = {}
    for _ in range(runs):
        for name, engine in engines.items():
            run = ingest(engine, units)
            if name not in best or run.seconds < best[name].seconds:
                best[name] = run
    return best


def wait_until_quiet(limit: float) -> None:
    """Wait (up to ``limit`` seconds) until other processes leave the cores idle."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        with Run() as idle:
            time.sleep(2)
        if idle.others < 0.1:
            return


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=120, help="reports of the volume to add to the seeds")
    parser.add_argument("--volume", type=Path)
    parser.add_argument("--runs", type=int, default=3, help="warm runs per engine (the fastest counts)")
    parser.add_argument("--wait", type=float, default=120, help="seconds to wait for idle cores before measuring")
    args = parser.parse_args()
    volume = args.volume or frus_volumes(1)[0]
    seeds, reports = corpus(volume, args.reports)
    units = seeds + reports
    size = sum(len(u.text.encode()) for u in units)
    print(f"corpus: {len(units)} units ({len(seeds)} seed articles, {len(reports)} reports "
          f"of {volume.name}), {size / 1e6:.2f} MB of text; {os.cpu_count()} cores")
    # the local engine loads the models into this process, where they stay: it runs first, so
    # its cold run is the one that loads them
    warm_one = functools.partial(warm_process, units[-1])
    engines: dict[str, Callable[[], Any]] = {
        "local": LocalEngine,
        "dask, 1 worker": lambda: DaskEngine(workers=1),
        "dask, 2 workers": lambda: DaskEngine(workers=2),
    }
    wait_until_quiet(args.wait)
    cold = {name: cold_seconds(make_engine, units) for name, make_engine in engines.items()}
    with contextlib.ExitStack() as stack:
        running = {name: stack.enter_context(make_engine()) for name, make_engine in engines.items()}
        warm_one()
        for engine in running.values():
            if isinstance(engine, DaskEngine):
                engine.client.run(warm_one)
        wait_until_quiet(args.wait)
        warm = warm_runs(running, units, args.runs)
    print(f"{'engine':<18}{'cold s':>9}{'warm s':>9}{'units/s warm':>14}{'other load (cores)':>20}")
    for name in engines:
        print(f"{name:<18}{cold[name]:>9.1f}{warm[name].seconds:>9.1f}{len(units) / warm[name].seconds:>14.2f}"
              f"{warm[name].others:>20.2f}")
    one, two = warm["dask, 1 worker"].seconds, warm["dask, 2 workers"].seconds
    print(f"speed-up of 2 workers over the local engine (warm): {warm['local'].seconds / two:.2f}x")
    report("speed-up of 2 Dask workers over 1 (warm)", f"{one / two:.2f}x", "≥ 1.8x", one / two >= 1.8)


if __name__ == "__main__":
    main()
