"""Score the dates stage against gold read by hand and against FRUS editors' datelines.

    .venv/bin/python eval/dates.py [--show]

- seed: every date expression in the body of the full-text seed (tests/gold/seed_dates.yaml);
- frus-sample: 14 random FRUS 1949 paragraphs annotated before the stage saw them
  (tests/gold/frus_dates_sample.yaml), a held-out check;
- frus-datelines: every ``<date when=…>`` of the two FRUS volumes; the stage reads the element's
  words ("June 10, 1949.", "10 June 1949.") and must give the editors' ISO day.

Spans: a found date counts when its (start, end) equals a gold span exactly; precision, recall
and F1 over spans. Values: of the gold spans found, the share whose iso, iso_end, precision,
date_edtf and year_inferred all equal the gold's.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from legation.devdata import FULL_TEXT, shared_path
from legation.extract import dates
from legation.lexicon.dates import find_dates
from legation.extract.intext import find_intext_citations
from legation.ingest.source import read_source
from legation.ingest.text import read_layout
from legation.model import DateMention, Document

REPO = Path(__file__).resolve().parents[1]
SEED = FULL_TEXT
FRUS = shared_path("data", "frus")
GOLD = REPO / "tests" / "gold"
FIELDS = ("iso", "iso_end", "precision", "date_edtf", "year_inferred")
TEI = "{http://www.tei-c.org/ns/1.0}"


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    hits: int = 0
    right: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.hits / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.hits / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def value_accuracy(self) -> float:
        return self.right / self.hits if self.hits else 0.0

    def add(self, text: str, gold: list[dict], found: list[DateMention]) -> None:
        """Compare one text's dates with its gold, placed in order (each search starts where
        the previous gold text ended)."""
        placed: dict[tuple[int, int], dict] = {}
        at = 0
        for item in gold:
            start = text.index(item["text"], at)
            placed[(start, start + len(item["text"]))] = item
            at = start + len(item["text"])
        by_span = {(d.start, d.end): d for d in found}
        hits = placed.keys() & by_span.keys()
        self.gold, self.found, self.hits = self.gold + len(placed), self.found + len(by_span), self.hits + len(hits)
        for span in sorted(hits):
            d, g = by_span[span], placed[span]
            if all(getattr(d, f) == g[f] for f in FIELDS):
                self.right += 1
            else:
                self.notes.append(f"wrong  {d.text!r} {[getattr(d, f) for f in FIELDS]} gold {[g[f] for f in FIELDS]}")
        self.notes += [f"extra  {by_span[s].text!r}" for s in sorted(by_span.keys() - placed.keys())]
        self.notes += [f"missed {placed[s]['text']!r}" for s in sorted(placed.keys() - by_span.keys())]


def seed_document() -> Document:
    """The seed's body and author–year citations: all the dates stage reads."""
    source, text = read_source(SEED)
    body = read_layout(text).body.text
    return Document(source=source, text=text, body=body, intext_citations=find_intext_citations(body))


def score_seed() -> Score:
    doc = seed_document()
    dates.annotate(doc)
    score = Score()
    score.add(doc.body, yaml.safe_load((GOLD / "seed_dates.yaml").read_text("utf-8"))["dates"], doc.dates)
    return score


def _paragraphs(volume: Path) -> list[str]:
    root = ET.parse(volume).getroot()
    return [" ".join("".join(p.itertext()).split()) for p in root.iter(f"{TEI}p")]


def score_frus_sample() -> Score:
    gold = yaml.safe_load((GOLD / "frus_dates_sample.yaml").read_text("utf-8"))
    paragraphs = _paragraphs(FRUS / gold["volume"])
    score = Score()
    for item in gold["paragraphs"]:
        text = paragraphs[item["p"]]
        score.add(text, item["dates"], find_dates(text, gold["context_year"]))
    return score


def score_frus_datelines() -> Score:
    """Each dateline must give exactly one date, the editors' day (one hit, one right)."""
    score = Score()
    for volume in sorted(FRUS.glob("*.xml")):
        for element in ET.parse(volume).getroot().iter(f"{TEI}date"):
            when = element.get("when")
            if not when:
                continue
            words = " ".join("".join(element.itertext()).split())
            found = find_dates(words)
            score.gold += 1
            if len(found) == 1 and found[0].iso == when[:10]:
                score.right += 1
            else:
                score.notes.append(f"dateline {words!r} when={when} got {[d.iso for d in found]}")
    return score


def main(show: bool) -> None:
    for name, scorer in (("seed", score_seed), ("frus-sample", score_frus_sample)):
        s = scorer()
        print(f"{name:15} gold {s.gold:4} found {s.found:4}  span P {s.precision:.3f} R {s.recall:.3f} "
              f"F1 {s.f1:.3f}  value accuracy {s.value_accuracy:.3f} ({s.right}/{s.hits})")
        if show:
            print("".join(f"    {note}\n" for note in s.notes), end="")
    s = score_frus_datelines()
    print(f"{'frus-datelines':15} gold {s.gold:4}  exactly the editors' day {s.right / s.gold:.3f} ({s.right}/{s.gold})")
    if show:
        print("".join(f"    {note}\n" for note in s.notes), end="")


if __name__ == "__main__":
    main(show="--show" in sys.argv)
