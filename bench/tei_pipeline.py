"""The whole pipeline on a FRUS TEI volume against spaCy alone on the same text.

For each volume (or its first --limit documents; by default the shared FRUS volumes, else the
examples' excerpt): the wall time of
  (a) legation: reading the TEI and extracting every report with both layers (apparatus and
      actors: people, dates, quotes, events), without a store;
  (b) legation + store: the same, each report written to a fresh SQLite store;
  (c) spaCy alone: ``nlp.pipe`` (en_core_web_sm, every component on) over the same reports'
      texts, which is what a user would run instead of legation.
Target of issue 5: (a) <= 1.5x (c). Models are loaded before timing (a one-off per process).

    .venv/bin/python bench/tei_pipeline.py [VOLUME.xml ...] [--limit N]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from itertools import islice
from pathlib import Path

from legation import nlp
from legation.ingest.units import Unit, read_units
from legation.pipeline import extract_unit
from legation.store.sqlite import Store

from _inputs import frus_volumes
from _targets import report


def units_of(path: Path, limit: int | None) -> list[Unit]:
    return [u for u in islice(read_units(path), limit) if isinstance(u, Unit)]


def timed(function) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def legation_alone(units: list[Unit]) -> None:
    for unit in units:
        extract_unit(unit)


def legation_with_store(units: list[Unit]) -> None:
    with tempfile.TemporaryDirectory() as directory, Store(Path(directory) / "bench.db") as store:
        for unit in units:
            store.add_document(extract_unit(unit))


def spacy_alone(units: list[Unit]) -> None:
    for _ in nlp.english().pipe(unit.text for unit in units):
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("volumes", nargs="*", type=Path)
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents of each volume")
    args = parser.parse_args()
    volumes = args.volumes or frus_volumes()
    nlp.english(), nlp.russian()
    ratios = {}  # volume: legation's time / spaCy's
    print(f"{'volume':<22} {'docs':>5} {'MB text':>8} {'legation s':>11} {'+store s':>9} {'spaCy s':>8} "
          f"{'legation/spaCy':>15} {'docs/s':>7}")
    for path in volumes:
        reading = time.perf_counter()
        units = units_of(path, args.limit)
        reading = time.perf_counter() - reading
        megabytes = sum(len(u.text.encode()) for u in units) / 1e6
        spacy_s = timed(lambda: spacy_alone(units))
        legation_s = timed(lambda: legation_alone(units)) + reading
        store_s = timed(lambda: legation_with_store(units)) + reading
        ratios[path] = legation_s / spacy_s
        print(f"{path.stem:<22} {len(units):>5} {megabytes:>8.2f} {legation_s:>11.1f} {store_s:>9.1f} "
              f"{spacy_s:>8.1f} {ratios[path]:>15.2f} {len(units) / legation_s:>7.1f}")
    for path, ratio in ratios.items():
        report(f"{path.stem}: legation time / spaCy alone", f"{ratio:.2f}", "≤ 1.5", ratio <= 1.5)


if __name__ == "__main__":
    main()
