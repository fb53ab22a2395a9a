"""Throughput of the whole extraction (apparatus and actors layers) against spaCy alone.

The corpus is the full-text seed repeated 50 times (as 50 documents). Sentences are counted
with legation's sentence splitter on each document's body; both runs see the same bodies.
Prints sentences/second for legation's full extraction, for its actors layer broken down by
stage (entities includes the one spaCy parse that the entities and events stages share), and
for spaCy's ``nlp.pipe`` (en_core_web_sm, every component on) on the bodies alone, fed as
whole bodies and, as legation feeds it, paragraph by paragraph. Target: the whole extraction no
slower than spaCy alone fed paragraph by paragraph (the fair baseline): time ratio ≤ 1.0.

    python bench/actors.py [--copies 50]
"""

from __future__ import annotations

import argparse
import time

from legation import nlp
from legation.extract import dates, entities, events, quotes
from legation.extract.context import sentence_spans
from legation.ingest.source import read_source
from legation.pipeline import extract_text

from _inputs import SEED
from _targets import report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=50)
    copies = parser.parse_args().copies
    source, text = read_source(SEED)
    nlp.english(), nlp.russian()  # model loading is a one-off per process, not throughput
    sentences = len(sentence_spans(extract_text(source, text, ("apparatus",)).body)) * copies

    started = time.perf_counter()
    stage_time = {stage.__name__.rsplit(".", 1)[1]: 0.0 for stage in (entities, dates, quotes, events)}
    bodies = []
    for _ in range(copies):
        doc = extract_text(source, text, ("apparatus",))
        # each copy is a document of its own, with its own views: parsed again, as distinct documents are
        for stage in (entities, dates, quotes, events):
            t = time.perf_counter()
            stage.annotate(doc)
            stage_time[stage.__name__.rsplit(".", 1)[1]] += time.perf_counter() - t
        bodies.append(doc.body)
    legation_s = time.perf_counter() - started

    started = time.perf_counter()
    for _ in nlp.english().pipe(bodies):
        pass
    spacy_s = time.perf_counter() - started
    # the same pipeline fed paragraph by paragraph, as legation feeds it: the fairer baseline
    paragraphs = [p for body in bodies for p in body.split("\n") if p.strip()]
    started = time.perf_counter()
    for _ in nlp.english().pipe(paragraphs, batch_size=64):
        pass
    spacy_paragraphs_s = time.perf_counter() - started

    print(f"corpus: seed x{copies}, {sentences} sentences")
    print(f"legation, all layers: {sentences / legation_s:8.1f} sentences/s ({legation_s:.1f} s)")
    for name, seconds in stage_time.items():
        print(f"  {name:<9} {seconds / copies * 1000:7.1f} ms per document")
    print(f"spaCy nlp.pipe alone, one document per body: {sentences / spacy_s:8.1f} sentences/s ({spacy_s:.1f} s)")
    print(f"spaCy nlp.pipe alone, per paragraph:         {sentences / spacy_paragraphs_s:8.1f} sentences/s "
          f"({spacy_paragraphs_s:.1f} s)")
    ratio = legation_s / spacy_paragraphs_s
    report("whole extraction time / spaCy alone per paragraph", f"{ratio:.2f}", "≤ 1.0", ratio <= 1.0)


if __name__ == "__main__":
    main()
