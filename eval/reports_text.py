"""Score the plain-text report reader against the FRUS editors' TEI metadata.

    .venv/bin/python eval/reports_text.py [--verbose] [VOLUME.xml ...]

For each shared FRUS volume: the TEI reader (``legation.ingest.tei.iter_reports``) gives every
document's rendered text and its gold Report (date from ``date/@when``, place from
``placeName``, sender and recipient from the ``@type="from"|"to"`` markup). The rendered texts
are joined with ``REPORT_SEPARATOR`` — the file ``scripts/tei_to_text.py`` writes — and that text
goes through ``legation.ingest.reports.split_reports``, which never sees the XML.

The TEI reader reads a heading without from/to marks with this module's ``parse_heading``: such
a sender or recipient is not gold, so sender and recipient are scored only where the heading
carries the mark (a ``from`` mark for the sender, a ``to`` mark for the recipient), read from the
XML here on its own.

Splits: a gold report is found when a text report starts inside its header block (its first
lines, up to the first blank line); text reports that start anywhere else are spurious.
Fields: over the found reports whose gold field is present, the share where the text reader's
value equals the gold's, compared case- and whitespace-insensitively (times by hour and minute).

``--no-numbers`` drops each report's edition number line ("No. 467") first: a transcription
without the edition's numbers, where an enclosure's heading looks like a report's own.
"""

from __future__ import annotations

import argparse
import bisect
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

from legation.devdata import shared_path
from legation.ingest.reports import split_reports
from legation.model import Report

REPO = Path(__file__).resolve().parents[1]
FRUS = shared_path("data", "frus")
SCORED = ("date", "place", "sender", "recipient")
MARK_OF = {"sender": "from", "recipient": "to"}  # fields whose gold is the heading's markup
INFORMATIVE = ("type", "classification", "time", "number", "source_note")
TARGETS = {"date": 0.99, "place": 0.97, "sender": 0.95, "recipient": 0.95}


@dataclass
class Tally:
    right: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def share(self) -> float | None:
        return self.right / self.total if self.total else None


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    spurious: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    fields: dict[str, Tally] = field(default_factory=lambda: {f: Tally() for f in (*SCORED, *INFORMATIVE)})


def normalise(name: str, value: object) -> str | None:
    if value is None or value == "":
        return None
    text = " ".join(str(value).split()).casefold().strip(" ,.;:[]")
    if name == "time":
        return text[:5]  # "14:00:00+09:00" and "14:00" are the same minute
    return text


def header_end(text: str, start: int, end: int) -> int:
    """Where a report's header block ends: its first blank line."""
    blank = text.find("\n\n", start, end)
    return end if blank < 0 else blank


def heading_marks(path: Path) -> dict[str, set[str]]:
    """Document id → the @type values ("from", "to") of the marks in its heading."""
    from lxml import etree

    # one volume is a few MB: a whole parse is fine; duplicate xml:ids must not stop it
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, collect_ids=False)
    marks: dict[str, set[str]] = {}
    for div in etree.parse(str(path), parser).iter("{*}div"):
        if div.get("type") == "document":
            head = next((child for child in div if etree.QName(child).localname == "head"), None)
            found = head.iter() if head is not None else ()
            marks[div.get("{http://www.w3.org/XML/1998/namespace}id", "")] = {
                el.get("type") for el in found if el.get("type") in ("from", "to")}
    return marks


def score_volume(text: str, gold: list[Report], score: Score, marks: dict[str, set[str]] | None = None) -> None:
    """Align the text reader's reports with the gold ones and count what agrees. ``marks``: the
    heading marks of each document (sender and recipient are scored only where marked)."""
    predicted = split_reports(text)
    starts = [report.start for report, _ in predicted]
    score.gold += len(gold)
    matched: set[int] = set()
    for truth in gold:
        i = bisect.bisect_left(starts, truth.start)
        if i < len(starts) and starts[i] < header_end(text, truth.start, truth.end):
            matched.add(i)
            score.found += 1
            compare(truth, predicted[i][0], score, None if marks is None else marks.get(truth.id, set()))
        else:
            score.missed.append(f"{truth.id}: {first_line(text, truth.start)}")
    for i, (report, _) in enumerate(predicted):
        if i not in matched:
            score.spurious.append(f"{report.id} @{report.start}: {first_line(text, report.start)}")


def compare(truth: Report, found: Report, score: Score, marked: set[str] | None) -> None:
    for name, tally in score.fields.items():
        gold = normalise(name, getattr(truth, name))
        if gold is None or (marked is not None and name in MARK_OF and MARK_OF[name] not in marked):
            continue
        tally.total += 1
        mine = normalise(name, getattr(found, name))
        if mine == gold:
            tally.right += 1
        else:
            tally.misses.append(f"{truth.id}: gold {gold!r} ≠ text {mine!r}   [{truth.heading or ''}]"[:220])


def first_line(text: str, start: int) -> str:
    return text[start:text.find("\n", start) if "\n" in text[start:] else len(text)][:100]


EDITION_LINE = re.compile(r"\ANo\. \w+\n")


def rendered_volume(path: Path, numbers: bool = True) -> tuple[str, list[Report]]:
    """The volume's text rendering and its gold reports, from the TEI reader; without the
    edition number lines when ``numbers`` is false (the gold offsets moved to match)."""
    from legation.ingest.tei import REPORT_SEPARATOR, iter_reports

    texts: list[str] = []
    gold: list[Report] = []
    for item in iter_reports(path):
        if item.report is not None:
            gold.append(item.report)
            texts.append(item.text)
    text = REPORT_SEPARATOR.join(texts)
    for report, own in zip(gold, texts):  # the reader's offsets must be those of the joined text
        if text[report.start:report.end] != own:
            raise SystemExit(f"{path.name} {report.id}: offsets do not match the rendered text")
    if numbers:
        return text, gold
    texts = [EDITION_LINE.sub("", own) for own in texts]
    starts = [0]
    for own in texts[:-1]:
        starts.append(starts[-1] + len(own) + len(REPORT_SEPARATOR))
    gold = [replace(report, start=start, end=start + len(own)) for report, start, own in zip(gold, starts, texts)]
    return REPORT_SEPARATOR.join(texts), gold


def print_table(score: Score) -> None:
    print(f"reports: gold {score.gold}, found {score.found}, missed {len(score.missed)}, "
          f"spurious {len(score.spurious)}")
    print(f"{'field':<16}{'right':>7}{'of':>7}{'share':>8}{'target':>8}")
    for name, tally in score.fields.items():
        share = f"{tally.share:.3f}" if tally.share is not None else "-"
        target = f"{TARGETS[name]:.2f}" if name in TARGETS else ""
        print(f"{name:<16}{tally.right:>7}{tally.total:>7}{share:>8}{target:>8}")


def print_misses(score: Score) -> None:
    for title, rows in (("missed splits", score.missed), ("spurious splits", score.spurious)):
        if rows:
            print(f"\n{title}:")
            print("\n".join(f"  {row}" for row in rows))
    for name, tally in score.fields.items():
        if tally.misses:
            print(f"\n{name} misses:")
            print("\n".join(f"  {row}" for row in tally.misses))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("volumes", nargs="*", type=Path, default=sorted(FRUS.glob("*.xml")))
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    parser.add_argument("--no-numbers", action="store_true", help="drop the edition number lines first")
    args = parser.parse_args(argv)
    total = Score()
    for path in args.volumes:
        text, gold = rendered_volume(path, numbers=not args.no_numbers)
        score = Score()
        score_volume(text, gold, score, heading_marks(path))
        print(f"\n== {path.name}")
        print_table(score)
        if args.verbose:
            print_misses(score)
        merge(total, score)
    if len(args.volumes) > 1:
        print("\n== all volumes")
        print_table(total)
    return 0


def merge(total: Score, score: Score) -> None:
    total.gold += score.gold
    total.found += score.found
    total.spurious += score.spurious
    total.missed += score.missed
    for name, tally in score.fields.items():
        into = total.fields[name]
        into.right += tally.right
        into.total += tally.total
        into.misses += tally.misses


if __name__ == "__main__":
    sys.exit(main())
