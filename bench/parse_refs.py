"""Throughput of the ``legation parse-refs`` path: references per second over AnyStyle's gold.xml lines.

    .venv/bin/python bench/parse_refs.py [--repeat N]

One process, one thread; the models are loaded (and the rule tables compiled) before timing.
Without the shared corpora it times the seed article's footnotes and reference list instead.
"""

from __future__ import annotations

import argparse
import time

from legation import devdata
from legation.extract.crf import label_reference
from legation.extract.labelled import read_anystyle
from legation.extract.parse_line import parse_line
from legation.ingest.source import read_source
from legation.pipeline import extract_text

from _inputs import SEED, say_fallback
from _targets import none_stated

GOLD = devdata.shared_path("data", "apparatus", "anystyle", "gold.xml")


def reference_lines() -> tuple[str, list[str]]:
    """(what they are, the lines): gold.xml's references, else the seed's notes and reference list."""
    if GOLD.exists():
        return "gold.xml references", [ref.text for ref in read_anystyle(GOLD)]
    say_fallback("the seed's footnotes and reference list, not gold.xml", GOLD)
    doc = extract_text(*read_source(SEED), ("apparatus",))
    return "seed notes and references", [note.text for note in doc.footnotes] + [ref.text for ref in doc.references]


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
    what, lines = reference_lines()
    parse_line(lines[0])  # load models and compile patterns outside the timing
    print(f"{len(lines)} {what} x {args.repeat}")
    print(f"parse_line (rules + CRF + typing): {rate(parse_line, lines, args.repeat):,.0f} references/s")
    print(f"CRF labeller alone:                {rate(label_reference, lines, args.repeat):,.0f} references/s")
    none_stated("references/s above are for reading")


if __name__ == "__main__":
    main()
