"""Peak memory of `legation ingest` on a FRUS volume and on the same volume ten times over.

Streaming means one report at a time from the XML to the store, so the peak RSS of the whole
command must not grow with the volume. Each run is a fresh `legation ingest` process into a
fresh store; the peak is the child's ru_maxrss. The repeated volume is the volume's documents
repeated N times inside one TEI root (bench/tei.py builds it). The volume is by default the first
shared FRUS volume, else the examples' excerpt. Target: the repeated volume's peak at most 10%
above the volume's.

    .venv/bin/python bench/ingest_memory.py [VOLUME.xml] [--repeat 10] [--layers apparatus]

With --layers apparatus,actors (spaCy and Natasha loaded, every report parsed) a 10x volume takes
about ten times a volume's ingest (~1 min per volume on this machine): use --repeat 3 for a
quicker check of the same property.
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _inputs import frus_volumes
from _targets import FLAT, report
from tei import repeated_volume

LEGATION = Path(sys.executable).parent / "legation"


# A wrapper process per run, so that its children's ru_maxrss is this run's alone.
WRAPPER = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, capture_output=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def peak_ingest(volume: Path, layers: str, directory: Path) -> tuple[float, float, int]:
    """(peak RSS MB, wall seconds, reports stored) of one `legation ingest` run."""
    store = directory / f"{volume.stem}.db"
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", WRAPPER, str(LEGATION), "ingest", str(volume), "--db", str(store),
                          "--layers", layers], check=True, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    with sqlite3.connect(store) as con:
        reports = con.execute("SELECT count(*) FROM reports").fetchone()[0]
    return int(out.stdout.split()[-1]) / 1024, seconds, reports


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("volume", nargs="?", type=Path)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--layers", default="apparatus")
    args = parser.parse_args()
    volume = args.volume or frus_volumes(1)[0]
    peaks = []
    with tempfile.TemporaryDirectory() as scratch:
        directory = Path(scratch)
        big = repeated_volume(volume, args.repeat, directory)
        print(f"legation ingest --layers {args.layers}, a fresh process and store each")
        for file in (volume, big):
            peak, seconds, reports = peak_ingest(file, args.layers, directory)
            peaks.append(peak)
            print(f"{file.name:<28} {file.stat().st_size / 1e6:6.1f} MB  {reports:>5} reports  "
                  f"{seconds:7.1f} s  peak RSS {peak:7.1f} MB")
    growth = peaks[1] / peaks[0]
    report(f"peak RSS of ingest, {args.repeat}x volume / volume", f"{growth:.2f}", f"≤ {FLAT:.2f}", growth <= FLAT)


if __name__ == "__main__":
    main()
