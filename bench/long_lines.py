"""Time to read a file of one line, 1, 2, 4 and 8 MB long, both layers: it must grow linearly.

    .venv/bin/python bench/long_lines.py [--sizes 1 2 4 8]

Prints seconds and seconds per MB for each size; the target is that the time per MB at the
largest size stays within 1.5x of that at the smallest (a reading that rescans its sentence for
every name grows quadratically: 1 MB took 16 s and 2 MB 42 s before that was bounded).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "reliability"))

from _targets import report  # noqa: E402  (bench/ is on sys.path when run as a script)
from test_long_lines import one_line  # noqa: E402

from legation.pipeline import extract_file  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 2, 4, 8])
    args = parser.parse_args()
    per_mb = []
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            path = Path(folder) / f"line{size}.txt"
            path.write_text(one_line(size), encoding="utf-8")
            started = time.perf_counter()
            extract_file(path)
            seconds = time.perf_counter() - started
            per_mb.append(seconds / size)
            print(f"{size:5.1f} MB on one line: {seconds:7.1f} s, {seconds / size:5.2f} s per MB")
    growth = per_mb[-1] / per_mb[0]
    report(f"time per MB at {args.sizes[-1]:g} MB over that at {args.sizes[0]:g} MB", f"{growth:.2f}x", "<= 1.5x",
           growth <= 1.5)


if __name__ == "__main__":
    main()
