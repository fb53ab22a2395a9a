"""Time each stage on one overlong paragraph: the seed's body joined into one line and repeated.

A runaway conversion (a whole book without a line break) must neither crash nor stall: the
actors layer reads paragraphs over ``nlp.MAX_PARAGRAPH`` characters by rules only and says so in
diagnostics. Prints seconds and the diagnostics of each stage.

    python bench/bad_input.py [SIZE]      # characters, default 1,000,000
"""

from __future__ import annotations

import sys
import time

from legation import nlp
from legation.extract import dates, entities, events, quotes
from legation.ingest.source import read_source
from legation.pipeline import extract_text

from _inputs import SEED
from _targets import none_stated


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    source, text = read_source(SEED)
    line = " ".join(extract_text(source, text, ("apparatus",)).body.split("\n"))
    paragraph = ((line + " ") * (size // (len(line) + 1) + 1))[:size]
    nlp.english(), nlp.russian()  # model loading is not what this measures
    started = time.perf_counter()
    doc = extract_text(source, paragraph, ("apparatus",))
    print(f"apparatus  {time.perf_counter() - started:8.2f} s  body {len(doc.body):,} characters")
    for stage in (entities, dates, quotes, events):
        started = time.perf_counter()
        codes = sorted({d.code for d in stage.annotate(doc)})
        print(f"{stage.__name__.rsplit('.', 1)[1]:<10} {time.perf_counter() - started:8.2f} s  diagnostics {codes}")
    print(f"{len(doc.mentions)} mentions, {len(doc.dates)} dates, {len(doc.quotes)} quotes, {len(doc.events)} events")
    none_stated("this run ending is the check (no crash, no stall); the seconds above are for reading")


if __name__ == "__main__":
    main()
