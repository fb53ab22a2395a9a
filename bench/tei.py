"""Throughput and memory of the FRUS TEI reader on the shared volumes (else on the examples' excerpt).

For each volume: documents/s and MB/s of (a) the lxml pull parse alone, with the reader's own
parser options, reading document divs and freeing them (the floor), and (b) ``iter_reports``
(reading + rendering + metadata). Then the peak RSS of ``iter_reports`` on one volume and on
the same volume's documents repeated 10x inside one TEI root (built in a temp dir), each in a
fresh interpreter, sampled after every report: streaming means the two stay close.
Targets: ``iter_reports`` within 5x of the lxml floor's time; the highest RSS on the 10x volume
at most 10% above that on the volume.

    .venv/bin/python bench/tei.py [VOLUME.xml ...] [--repeat N] [--runs R]

To add a measure (the whole pipeline, spaCy alone), append a ``(name, function)`` pair to
THROUGHPUT: the function takes a volume path and returns the number of documents it handled.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from legation.ingest import headers, tei
from legation.ingest.source import content_size, open_content
from legation.ingest.tei import CHUNK_SIZE, PARSER_OPTIONS, TEI_NS, iter_reports

from _inputs import frus_volumes
from _targets import FLAT, report


def lxml_floor(path: Path) -> int:
    """Pull-parse the volume, touching each document div once and freeing it."""
    parser = etree.XMLPullParser(events=("end",), tag=f"{{{TEI_NS}}}div", **PARSER_OPTIONS)
    documents = 0
    with open_content(path) as handle:  # a .xml.gz volume read compressed, as the reader does
        while chunk := handle.read(CHUNK_SIZE):
            parser.feed(chunk)
            for _event, div in parser.read_events():
                if div.get("type") == "document":
                    documents += 1
                    div.clear(keep_tail=True)
    parser.close()
    return documents


def tei_reader(path: Path) -> int:
    """Every report read and rendered."""
    return sum(1 for item in iter_reports(path) if item.report is not None)


THROUGHPUT: list[tuple[str, Callable[[Path], int]]] = [
    ("lxml pull parse (floor)", lxml_floor),
    ("iter_reports", tei_reader),
]


def forget_read_volumes() -> None:
    """Empty the reader's memos of what it read (headings already parsed, name patterns already
    compiled), so a run reads the volume as for the first time, not from what the run before it
    learnt; the word lists loaded once a process (memos of one entry) stay."""
    for module in (tei, headers):
        for value in vars(module).values():
            if callable(getattr(value, "cache_info", None)) and value.cache_info().maxsize != 1:
                value.cache_clear()


def best_time(function: Callable[[Path], int], path: Path, runs: int) -> tuple[int, float]:
    """(documents, best wall seconds of ``runs``)."""
    best, documents = float("inf"), 0
    for _ in range(runs):
        forget_read_volumes()
        started = time.perf_counter()
        documents = function(path)
        best = min(best, time.perf_counter() - started)
    return documents, best


def repeated_volume(path: Path, times: int, directory: Path) -> Path:
    """The volume with its <body> content repeated ``times`` inside one TEI root."""
    with open_content(path) as handle:
        data = handle.read()
    open_end = data.index(b">", data.index(b"<body")) + 1
    close_start = data.rindex(b"</body>")
    out = directory / f"{path.name.removesuffix('.gz').removesuffix('.xml')}.x{times}.xml"
    with out.open("wb") as handle:
        handle.write(data[:open_end])
        for _ in range(times):
            handle.write(data[open_end:close_start])
        handle.write(data[close_start:])
    return out


RSS_PROBE = """
import os, resource, sys
from legation.ingest.tei import iter_reports
page = os.sysconf("SC_PAGE_SIZE")
def rss():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * page / 1e6
before, top, documents = rss(), 0.0, 0
for item in iter_reports(sys.argv[1]):
    documents += 1
    top = max(top, rss())
print(documents, before, top, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def rss_while_reading(path: Path) -> tuple[int, float, float, float]:
    """In a fresh interpreter: (items, RSS MB before reading, highest RSS MB sampled after each
    report, peak RSS MB of the process)."""
    out = subprocess.run([sys.executable, "-c", RSS_PROBE, str(path)], check=True, capture_output=True, text=True)
    documents, before, top, peak = out.stdout.split()
    return int(documents), float(before), float(top), float(peak)


def main() -> None:
    parser = argparse.ArgumentParser(description="FRUS TEI reader throughput and memory")
    parser.add_argument("volumes", nargs="*", type=Path, help="default: the shared FRUS volumes, else the examples' excerpt")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    volumes = args.volumes or frus_volumes()
    seconds = {}  # (volume, measure's function): best wall seconds
    print(f"{'volume':<22} {'measure':<26} {'docs':>6} {'s':>7} {'docs/s':>8} {'MB/s':>7}")
    for path in volumes:
        mb = content_size(path) / 1e6  # the TEI, not its compressed file
        for name, function in THROUGHPUT:
            documents, seconds[path, function] = best_time(function, path, args.runs)
            print(f"{path.stem:<22} {name:<26} {documents:>6} {seconds[path, function]:>7.3f} "
                  f"{documents / seconds[path, function]:>8.0f} {mb / seconds[path, function]:>7.1f}")
    print("\nRSS of iter_reports, a fresh interpreter each: before reading -> highest while reading (process peak)")
    highest = {}  # (volume, times repeated): highest RSS MB while reading
    with tempfile.TemporaryDirectory() as directory:
        for path in volumes:
            for times, file in ((1, path), (args.repeat, repeated_volume(path, args.repeat, Path(directory)))):
                documents, before, highest[path, times], peak = rss_while_reading(file)
                print(f"{file.stem:<26} {content_size(file) / 1e6:6.1f} MB file {documents:>5} docs: "
                      f"{before:6.1f} -> {highest[path, times]:6.1f} MB ({peak:.1f} MB)")
    for path in volumes:
        ratio = seconds[path, tei_reader] / seconds[path, lxml_floor]
        report(f"{path.stem}: iter_reports time / lxml floor", f"{ratio:.1f}x", "≤ 5x", ratio <= 5)
        growth = highest[path, args.repeat] / highest[path, 1]
        report(f"{path.stem}: highest RSS while reading, {args.repeat}x volume / volume", f"{growth:.2f}",
               f"≤ {FLAT:.2f}", growth <= FLAT)


if __name__ == "__main__":
    main()
