"""Score the plain-text report reader against the FRUS editors' TEI metadata.

    .venv/bin/python eval/reports_text.py [--verbose] [--no-numbers] [VOLUME.xml[.gz] ...]
    .venv/bin/python eval/reports_text.py --sample 20 [--seed 18]     # FRUS-series, every decade

For each shared FRUS volume: the TEI reader (``legation.ingest.tei.iter_reports``) gives every
document's rendered text and its gold Report (date from ``date/@when``, place from
``placeName``, sender and recipient from the ``@type="from"|"to"`` markup). The rendered texts
are joined with ``REPORT_SEPARATOR`` — the file ``scripts/tei_to_text.py`` writes — and that text
goes through ``legation.ingest.reports.split_reports``, which never sees the XML.

The TEI reader reads a heading without from/to marks with this module's ``parse_heading``: such
a sender or recipient is not gold, so sender and recipient are scored only where the heading
carries the mark (a ``from`` mark for the sender, a ``to`` mark for the recipient), read from the
XML here on its own.

The text reader names several recipients of one heading joined by "; "; the TEI reader names a
side by its first marked person, so the first of them is compared.

The rows "sender≈" and "recipient≈" (informative) compare the same sides however the editors'
mark spans them: with or without the article ("the Embassy in Nigeria") and the office words
before a name ("President Nixon", "Secretary of State Rusk"); the volumes mark the same side both
ways.

Splits: a gold report is found when a text report starts inside its header block (its first
lines, up to the first blank line); text reports that start anywhere else are spurious.
Fields: over the found reports whose gold field is present, the share where the text reader's
value equals the gold's, compared case- and whitespace-insensitively (times by hour and minute).

``--sample N`` scores N volumes of the FRUS series (``shared/data/frus-series/*.xml.gz``, read
compressed, decompressed as the reader streams them), drawn with a fixed seed round-robin across the decades of their years
(1940s, 1950s, 1960s, 1970s), so every decade is in the sample.

``--no-numbers`` drops each report's edition number line ("No. 467") first: a transcription
without the edition's numbers, where an enclosure's heading looks like a report's own.
"""

from __future__ import annotations

import argparse
import bisect
import random
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # eval/: the shared scoring

from legation.devdata import shared_path  # noqa: E402
from legation.ingest.reports import split_reports  # noqa: E402
from legation.model import Report  # noqa: E402
from scoring import Tally, add_fields, print_field_misses, print_fields  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
FRUS = shared_path("data", "frus")
SERIES = shared_path("data", "frus-series")
SCORED = ("date", "place", "sender", "recipient")
MARK_OF = {"sender": "from", "recipient": "to"}  # fields whose gold is the heading's markup
INFORMATIVE = ("type", "classification", "time", "number", "source_note", "sender≈", "recipient≈")
# "sender≈"/"recipient≈": the same side however the editors' mark spans it — with or without its
# article ("the Embassy in Nigeria") or the office before a name ("President Nixon" / "Nixon")
ANY_FORM = {"sender≈": "sender", "recipient≈": "recipient"}
TITLE_WORDS = re.compile(r"^(?:the\s+)?(?:(?:[\w.’'-]+\s+){0,6}?(?:president|secretary|minister|chancellor|marshal|"
                         r"general|colonel|major|senator|ambassador|chairman|chairmen|premier|king|shah|pope|"
                         r"mr\.?|mrs\.?|dr\.?|of state|of defense|of the treasury)\s+)?")
TARGETS = {"date": 0.99, "place": 0.97, "sender": 0.95, "recipient": 0.95}


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
        field_name = ANY_FORM.get(name, name)
        gold = normalise(field_name, getattr(truth, field_name))
        if gold is None or (marked is not None and field_name in MARK_OF and MARK_OF[field_name] not in marked):
            continue
        tally.total += 1
        mine = normalise(field_name, first_party(field_name, getattr(found, field_name)))
        if name in ANY_FORM:
            gold, mine = any_form(gold), any_form(mine)
        if mine == gold:
            tally.right += 1
        else:
            tally.misses.append(f"{truth.id}: gold {gold!r} ≠ text {mine!r}   [{truth.heading or ''}]"[:220])


def any_form(value: str | None) -> str | None:
    """A side's name without its article and the office words before a name."""
    return TITLE_WORDS.sub("", value) if value else value


def first_party(name: str, value: object) -> object:
    """The text reader names several recipients joined by "; " ("Humphrey; Hoover; Dillon"); the
    TEI reader names a side by its first marked person: the first is compared."""
    if name in MARK_OF and isinstance(value, str):
        return value.split("; ")[0]
    return value


def first_line(text: str, start: int) -> str:
    return text[start:text.find("\n", start) if "\n" in text[start:] else len(text)][:100]


EDITION_LINE = re.compile(r"\ANo\. \w+\n")


def decade(path: Path) -> str:
    """The decade of the middle of a volume's years: "frus1955-57v01.xml.gz" → "1950s",
    "frus1969-76v20.xml.gz" → "1970s", "frus1948v01p1.xml.gz" → "1940s"."""
    years = re.match(r"frus(\d{4})(?:-(\d{2}))?", path.name)
    if not years:
        return "?"
    first = int(years.group(1))
    last = int(years.group(1)[:2] + years.group(2)) if years.group(2) else first
    return f"{(first + last) // 2 // 10 * 10}s"


def sample(folder: Path, n: int, seed: int = 18) -> list[Path]:
    """N volumes of the series, round-robin across decades, each decade's order shuffled with a
    fixed seed (the same sample every run). A volume whose years start before 1940 ("1917–72,
    Public Diplomacy") is left out."""
    by_decade: dict[str, list[Path]] = {}
    for path in sorted(folder.glob("*.xml.gz")):
        if re.fullmatch(r"19[4-8]0s", decade(path)):
            by_decade.setdefault(decade(path), []).append(path)
    rng = random.Random(seed)
    for paths in by_decade.values():
        rng.shuffle(paths)
    chosen: list[Path] = []
    while len(chosen) < n and any(by_decade.values()):
        for key in sorted(by_decade):
            if by_decade[key] and len(chosen) < n:
                chosen.append(by_decade[key].pop(0))
    return sorted(chosen)


def rendered_volume(path: Path, numbers: bool = True) -> tuple[str, list[Report]]:
    """The volume's text rendering and its gold reports, from the TEI reader; without the
    edition number lines when ``numbers`` is false (the gold offsets moved to match)."""
    from legation.ingest.tei import REPORT_SEPARATOR, iter_reports

    texts: list[str] = []
    gold: list[Report] = []
    items = list(iter_reports(path))
    for item in items:
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
    found = f"{score.found / score.gold:.3f}" if score.gold else "-"
    print(f"reports: gold {score.gold}, found {score.found} ({found}, target 0.99), missed {len(score.missed)}, "
          f"spurious {len(score.spurious)}")
    print(f"{'field':<16}{'right':>7}{'of':>7}{'share':>8}{'target':>8}")
    print_fields(score.fields, TARGETS, 16)


def print_misses(score: Score) -> None:
    for title, rows in (("missed splits", score.missed), ("spurious splits", score.spurious)):
        if rows:
            print(f"\n{title}:")
            print("\n".join(f"  {row}" for row in rows))
    print_field_misses(score.fields)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("volumes", nargs="*", type=Path, help="TEI volumes (default: the two of shared/data/frus)")
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    parser.add_argument("--no-numbers", action="store_true", help="drop the edition number lines first")
    parser.add_argument("--sample", type=int, metavar="N",
                        help="score N FRUS-series volumes (.xml.gz) drawn across the decades")
    parser.add_argument("--seed", type=int, default=18, help="the sample's seed (default 18)")
    parser.add_argument("--summary", action="store_true", help="one line per volume, then the overall table")
    args = parser.parse_args(argv)
    if args.sample:
        args.volumes = [*args.volumes, *sample(SERIES, args.sample, args.seed)]
    elif not args.volumes:
        args.volumes = sorted(FRUS.glob("*.xml"))
    total = Score()
    for path in args.volumes:
        text, gold = rendered_volume(path, numbers=not args.no_numbers)
        score = Score()
        score_volume(text, gold, score, heading_marks(path))
        if args.summary:
            print_line(path.name, score)
        else:
            print(f"\n== {path.name}")
            print_table(score)
        if args.verbose:
            print_misses(score)
        merge(total, score)
    if len(args.volumes) > 1:
        print("\n== all volumes")
        print_table(total)
    return 0


def print_line(name: str, score: Score) -> None:
    """One volume in a line: found, then each scored field's share."""
    shares = " ".join(f"{f} {score.fields[f].share:.3f}" if score.fields[f].share is not None else f"{f} -"
                      for f in SCORED)
    found = score.found / score.gold if score.gold else 0.0
    print(f"{name:<28} {decade(Path(name)):<6} gold {score.gold:>4}  found {found:.3f}  "
          f"spurious {len(score.spurious):>3}  {shares}")


def merge(total: Score, score: Score) -> None:
    total.gold += score.gold
    total.found += score.found
    total.spurious += score.spurious
    total.missed += score.missed
    add_fields(total.fields, score.fields)


if __name__ == "__main__":
    sys.exit(main())
