"""Throughput of the PDF reader against pdfplumber's own extraction of the same files.

For each PDF of ``tests/fixtures/pdf`` (or those named): pages/s of (a) the floor, pdfplumber
opening the file and taking ``page.chars`` of every page (what any reader built on it must
pay), and (b) ``read_pdf`` (characters to lines, columns, notes, markers, body, sections).
Then the whole corpus at once. Target: ``read_pdf`` within 2x of the floor's time overall.

    .venv/bin/python bench/pdf.py [PDF ...] [--runs R]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import pdfplumber

from legation.devdata import REPO
from legation.ingest.pdf import read_pdf

from _targets import report

FIXTURES = REPO / "tests" / "fixtures" / "pdf"
GOAL = 2.0


def floor(path: Path) -> int:
    """pdfplumber alone: every page's characters."""
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.chars  # noqa: B018 - the extraction is the point
            page.close()
        return len(pdf.pages)


def reader(path: Path) -> int:
    return len(read_pdf(path).pages)


MEASURES: list[tuple[str, Callable[[Path], int]]] = [("pdfplumber page.chars (floor)", floor), ("read_pdf", reader)]


def best_time(function: Callable[[Path], int], path: Path, runs: int) -> tuple[int, float]:
    best, pages = float("inf"), 0
    for _ in range(runs):
        started = time.perf_counter()
        pages = function(path)
        best = min(best, time.perf_counter() - started)
    return pages, best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    pdfs = args.pdfs or sorted(FIXTURES.glob("*.pdf"))
    print(f"input: {len(pdfs)} PDFs from {pdfs[0].parent if pdfs else '-'}")
    print(f"{'pdf':<50} {'measure':<30} {'pages':>5} {'s':>7} {'pages/s':>8}")
    totals = {name: [0, 0.0] for name, _ in MEASURES}
    for path in pdfs:
        for name, function in MEASURES:
            pages, seconds = best_time(function, path, args.runs)
            totals[name][0] += pages
            totals[name][1] += seconds
            print(f"{path.name:<50} {name:<30} {pages:>5} {seconds:>7.3f} {pages / seconds:>8.1f}")
    for name, (pages, seconds) in totals.items():
        print(f"{'all':<50} {name:<30} {pages:>5} {seconds:>7.3f} {pages / seconds:>8.1f}")
    ratio = totals["read_pdf"][1] / totals["pdfplumber page.chars (floor)"][1]
    report("read_pdf time / pdfplumber page.chars floor", f"{ratio:.2f}x", f"≤ {GOAL:.0f}x", ratio <= GOAL)


if __name__ == "__main__":
    main()
