"""Throughput of the ``legation parse-refs`` path: references per second over AnyStyle's gold.xml lines.

    .venv/bin/python bench/parse_refs.py [--repeat N]

One process, one thread; the models are loaded (and the rule tables compiled) before timing.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from legation.extract.crf import label_reference
from legation.extract.labelled import read_anystyle
from legation.extract.parse_line import parse_line

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "apparatus" / "anystyle" / "gold.xml"


def rate(parse, lines: list[str], repeat: int) -> float:
    started = time.perf_counter()
    for _ in range(repeat):
        for line in lines:
            parse(line)
    return repeat * len(lines) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    lines = [ref.text for ref in read_anystyle(GOLD)]
    parse_line(lines[0])  # load models and compile patterns outside the timing
    print(f"{len(lines)} gold.xml references x {args.repeat}")
    print(f"parse_line (rules + CRF + typing): {rate(parse_line, lines, args.repeat):,.0f} references/s")
    print(f"CRF labeller alone:                {rate(label_reference, lines, args.repeat):,.0f} references/s")


if __name__ == "__main__":
    main()
