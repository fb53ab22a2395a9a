"""Throughput of the DOCX reader on the fixtures of tests/fixtures/docx (real articles typeset by
pandoc and by LibreOffice; scripts/typeset_docx.sh).

Per fixture and over all of them: documents/s of (a) the floor, just opening the zip and parsing
``word/document.xml`` and ``word/footnotes.xml`` with lxml and the reader's own parser options,
(b) ``read_docx`` (the layout: body, notes and markers, headings, sections, work), and, for
scale, (c) the apparatus extraction of the laid-out document (notes, citations, references), which
is the same work a text file costs. Each is the best of ``--runs`` passes over the fixture set read
``--repeat`` times.
Target: ``read_docx`` within 5x of the floor's time over all fixtures.

    .venv/bin/python bench/docx.py [FILE.docx ...] [--repeat N] [--runs R]
"""

from __future__ import annotations

import argparse
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from legation.devdata import REPO
from legation.ingest.docx import PARSER_OPTIONS, read_docx
from legation.model import Source
from legation.pipeline import extract_layout

from _targets import report

FIXTURES = REPO / "tests" / "fixtures" / "docx"
SOURCE = Source(id="bench", path="bench.docx", format="docx", sha256="0" * 64, size=0)


def floor(path: Path) -> int:
    """Unzip and parse the body and the footnotes: what any DOCX reader must do."""
    with zipfile.ZipFile(path) as package:
        for name in ("word/document.xml", "word/footnotes.xml"):
            if name in package.namelist():
                etree.fromstring(package.read(name), etree.XMLParser(**PARSER_OPTIONS))
    return 1


def reader(path: Path) -> int:
    read_docx(path)
    return 1


def apparatus(path: Path) -> int:
    extract_layout(SOURCE, read_docx(path), ("apparatus",))
    return 1


MEASURES: list[tuple[str, Callable[[Path], int]]] = [
    ("unzip + lxml (floor)", floor),
    ("read_docx", reader),
    ("read_docx + apparatus", apparatus),
]


def best_time(function: Callable[[Path], int], paths: list[Path], repeat: int, runs: int) -> tuple[int, float]:
    """(documents, best wall seconds of ``runs`` passes, each over ``paths`` ``repeat`` times)."""
    best, documents = float("inf"), 0
    for _ in range(runs):
        started = time.perf_counter()
        documents = sum(function(path) for _ in range(repeat) for path in paths)
        best = min(best, time.perf_counter() - started)
    return documents, best


def main() -> None:
    parser = argparse.ArgumentParser(description="DOCX reader throughput against unzip + lxml")
    parser.add_argument("files", nargs="*", type=Path, help="default: tests/fixtures/docx/*.docx")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    files = args.files or sorted(FIXTURES.glob("*.docx"))
    print(f"input: {len(files)} DOCX files ({sum(p.stat().st_size for p in files) / 1e3:.0f} KB) from "
          f"{files[0].parent if files else FIXTURES}, each read {args.repeat}x, best of {args.runs}")
    apparatus(files[0])  # import and warm what extraction loads once
    print(f"{'file':<42} {'measure':<24} {'docs':>6} {'s':>8} {'docs/s':>9}")
    seconds: dict[tuple[str, str], float] = {}
    for path in [*files, None]:
        paths = files if path is None else [path]
        name = "all" if path is None else path.stem
        for measure, function in MEASURES:
            documents, seconds[name, measure] = best_time(function, paths, args.repeat, args.runs)
            print(f"{name:<42} {measure:<24} {documents:>6} {seconds[name, measure]:>8.3f} "
                  f"{documents / seconds[name, measure]:>9.1f}")
    ratio = seconds["all", "read_docx"] / seconds["all", "unzip + lxml (floor)"]
    report("read_docx time / unzip + lxml floor, all fixtures", f"{ratio:.1f}x", "≤ 5x", ratio <= 5)


if __name__ == "__main__":
    main()
