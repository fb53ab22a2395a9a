"""Throughput of the extract stage (reader, footnotes, citations, references, author–year).

The corpus is the full-text seed repeated 1,000 times (as 1,000 documents). Prints MB/s for
one process and for a pool of worker processes (one per core by default). Target: ≥ 10 MB/s in
one process (issue 19); the pool's figure is printed for comparison.

    python bench/apparatus.py [--copies 1000] [--workers N]
"""

from __future__ import annotations

import argparse
import os
import time
from concurrent.futures import ProcessPoolExecutor

from legation.ingest.source import read_source
from legation.pipeline import extract_text

from _inputs import SEED
from _targets import report


def _extract_many(args: tuple[int, str]) -> int:
    copies, path = args
    source, text = read_source(path)
    for _ in range(copies):
        doc = extract_text(source, text, ("apparatus",))
    return len(doc.footnotes)


def measure(copies: int, workers: int) -> float:
    size_mb = SEED.stat().st_size * copies / 1e6
    share = [copies // workers + (1 if i < copies % workers else 0) for i in range(workers)]
    started = time.perf_counter()
    if workers == 1:
        _extract_many((copies, str(SEED)))
    else:
        with ProcessPoolExecutor(workers) as pool:
            list(pool.map(_extract_many, [(n, str(SEED)) for n in share]))
    elapsed = time.perf_counter() - started
    rate = size_mb / elapsed
    print(f"{workers} process(es): {copies} documents, {size_mb:.1f} MB in {elapsed:.2f} s = {rate:.1f} MB/s "
          f"({copies / elapsed:.0f} documents/s)")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    single = measure(args.copies, 1)
    if args.workers > 1:
        measure(args.copies, args.workers)  # for comparison: the goal is one process's
    report("extract stage throughput in one process", f"{single:.1f} MB/s", "≥ 10 MB/s", single >= 10)


if __name__ == "__main__":
    main()
