"""Score the plain-text report reader on Australian reports (DAFP), one report per file.

    .venv/bin/python eval/dfat.py [--verbose] [--as reports] [FOLDER]

FOLDER (default ``shared/data/reports/dfat-dev``) holds one report per ``.txt`` file and
``gold.json`` (see its README). Each file goes to legation as a user gives it: through
``legation.ingest.units.read_units`` (the file's own shape decides; ``--as reports`` forces the
report reading). A report is *found* when the file comes out as exactly ONE report (not split,
not read as an article).

Fields, over every file (a file not found counts wrong for each field):

- ``date``, ``place``: equal after case and spaces; a gold ``null`` (undated, no place) must come
  out as none, never guessed.
- ``sender``, ``recipient``: the gold is the heading's phrase ("Mr R. G. Casey, Minister to the
  United States", "Bruce"). The reader's party is right when its phrase (``sender_role``) is the
  gold phrase, or its name (``sender``) is the gold's person: the phrase before its first comma,
  forms of address left out ("R. G. Casey"). Several recipients (a gold list) are the reader's
  ``recipient`` split on "; ", each right in turn. A gold ``null`` must come out as none.
- ``type``: the gold kind as printed ("Cablegram", "Circular cablegram", "Dispatch") against
  the reader's type: right when equal, or equal to the kind's last word, after the spellings
  the reader writes ("dispatch" → "despatch", "aide-memoire" → "aide-mémoire").
- ``number``: the document's own number as printed ("59", "M304", "121[A]"); ``null`` for
  unnumbered must come out as none.

Targets (issue 18): found ≥ 0.99, date ≥ 0.99, place ≥ 0.97, sender and recipient ≥ 0.95.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # eval/: the shared scoring

from legation.devdata import shared_path
from legation.errors import InputError
from legation.ingest.units import read_units
from legation.model import Report
from scoring import Tally, add_fields, print_field_misses, print_fields  # noqa: E402

DFAT = shared_path("data", "reports", "dfat-dev")
FIELDS = ("date", "place", "sender", "recipient", "type", "number")
TARGETS = {"found": 0.99, "date": 0.99, "place": 0.97, "sender": 0.95, "recipient": 0.95}
# forms of address and ranks before a name in a DAFP heading
ADDRESS = re.compile(r"^(?:(?:Mr|Mrs|Miss|Ms|Dr|Sir|Lady|Lord|Rt Hon\.?|Hon\.?|Lt Col|Lt-Col|Colonel|Major|"
                     r"General|Lieutenant-General|Lt-Gen\.?|Admiral|Captain|Commander|Air Marshal|Professor|"
                     r"Senator|Brigadier|Count|Baron|Dame|Monsieur|M\.)\s+)+")
SPELLINGS = {"dispatch": "despatch", "aide-memoire": "aide-mémoire", "aide memoire": "aide-mémoire"}


@dataclass
class Score:
    files: int = 0
    found: int = 0
    misses: list[str] = field(default_factory=list)  # files not read as one report
    fields: dict[str, Tally] = field(default_factory=lambda: {name: Tally() for name in FIELDS})


def norm(value: object) -> str | None:
    if value is None or value == "":
        return None
    text = re.sub(r"\s*\[\d{1,2}\]", "", str(value))  # a note marker "[1]" is nobody's name
    return " ".join(text.split()).casefold().strip(" ,.;:[]") or None


def person(phrase: str) -> str | None:
    """The person (or office) a heading phrase names: before its first comma, no form of address."""
    return norm(ADDRESS.sub("", phrase.split(",")[0].strip()))


def party_right(name: str | None, role: str | None, gold: str | None) -> bool:
    if gold is None:
        return name is None
    if name is None:
        return False
    return norm(role) == norm(gold) or norm(name) == norm(gold) or person(name) == person(gold)


def recipients_right(report: Report, gold: str | list[str] | None) -> bool:
    if not isinstance(gold, list):
        return party_right(report.recipient, report.recipient_role, gold)
    names = [n for n in (report.recipient or "").split("; ") if n]
    return len(names) == len(gold) and all(party_right(n, None, g) for n, g in zip(names, gold))


def type_right(found: str | None, gold: str | None) -> bool:
    if gold is None:
        return found is None
    kind = norm(gold) or ""
    accepted = {kind, kind.split()[-1]}
    accepted |= {SPELLINGS.get(k, k) for k in accepted}
    return norm(found) in accepted


def check(report: Report, gold: dict, name: str) -> bool:
    if name == "date":
        return report.date == gold["date"]
    if name == "place":
        return norm(report.place) == norm(gold["place"])
    if name == "sender":
        return party_right(report.sender, report.sender_role, gold["sender"])
    if name == "recipient":
        return recipients_right(report, gold["recipient"])
    if name == "type":
        return type_right(report.type, gold["document_type"])
    return norm(report.number) == norm(gold["number"])


def shown(report: Report | None, name: str) -> object:
    if report is None:
        return None
    if name in ("sender", "recipient"):
        return (getattr(report, name), getattr(report, f"{name}_role"))
    return getattr(report, name)


def gold_of(gold: dict, name: str) -> object:
    return gold["document_type" if name == "type" else name]


def read_one(path: Path, read_as: str | None) -> tuple[list[Report], str]:
    """The reports legation reads from one file, and what it did with it."""
    try:
        units = [u for u in read_units(path, read_as) if not isinstance(u, InputError)]
    except InputError as err:
        return [], f"refused: {err}"
    reports = [u.report for u in units if u.report is not None]
    if not reports:
        return [], "read as an article"
    return reports, f"{len(reports)} reports" if len(reports) > 1 else "one report"


def score_file(path: Path, gold: dict, score: Score, read_as: str | None) -> None:
    reports, how = read_one(path, read_as)
    score.files += 1
    report = reports[0] if reports else None
    if len(reports) == 1:
        score.found += 1
    else:
        score.misses.append(f"{path.name}: {how}")
    for name, tally in score.fields.items():
        tally.total += 1
        if report is not None and check(report, gold, name):
            tally.right += 1
        else:
            tally.misses.append(f"{path.name[:60]}: gold {gold_of(gold, name)!r} ≠ {shown(report, name)!r}"[:260])


def merge(total: Score, score: Score) -> None:
    total.files += score.files
    total.found += score.found
    total.misses += score.misses
    add_fields(total.fields, score.fields)


def print_table(title: str, score: Score) -> None:
    found = score.found / score.files if score.files else 0.0
    print(f"\n== {title}")
    print(f"{'field':<12}{'right':>7}{'of':>7}{'share':>8}{'target':>8}")
    print(f"{'found':<12}{score.found:>7}{score.files:>7}{found:>8.3f}{TARGETS['found']:>8.2f}")
    print_fields(score.fields, TARGETS, 12)


def print_misses(score: Score) -> None:
    if score.misses:
        print("\nnot one report:")
        print("\n".join(f"  {row}" for row in score.misses))
    print_field_misses(score.fields)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DFAT)
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    parser.add_argument("--as", dest="read_as", choices=("reports",), help="force the report reading")
    args = parser.parse_args(argv)
    gold = json.loads((args.folder / "gold.json").read_text(encoding="utf-8"))
    volumes: dict[str, Score] = defaultdict(Score)
    for name in sorted(gold):
        record = gold[name]
        score_file(args.folder / name, record, volumes[record.get("volume") or name[:3]], args.read_as)
    total = Score()
    for volume, score in sorted(volumes.items()):
        print_table(volume, score)
        if args.verbose:
            print_misses(score)
        merge(total, score)
    print_table("all volumes", total)
    return 0


if __name__ == "__main__":
    sys.exit(main())
