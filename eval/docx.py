"""DOCX against text: each fixture of tests/fixtures/docx/ read as a Word document, against the
article it was typeset from read as text (scripts/typeset_docx.sh made the one from the other).

    .venv/bin/python eval/docx.py [--show-errors] [--json]

Sources: ``seed-001.docx`` is the seed article (examples/corpus/001_f3ae314bfad271f2.txt); every
other fixture is the shared article of its name (``ph-….md``, ``frus-history-….md`` under
``legation.devdata.shared_path("data", "articles")``), and is skipped, saying so, where the shared
corpus is absent. Both go through ``read_units`` and ``extract_unit`` (the apparatus layer), as
``legation extract`` reads them.

Measures, per fixture (the text's reading is the reference):

- **notes P / R**: a DOCX note counts when the text has a note of its number whose text agrees
  (``difflib`` ratio >= 0.8 over the first 80 characters, Markdown link, code and emphasis marks
  taken out of the text's note and white space collapsed on both), one for one.
- **anchors**: of the matched notes whose marker the text has, those whose DOCX marker follows the
  same words: the last 40 characters of the body before each marker agree, normalised as above.
  Notes the text lost the marker of are counted apart (``at anchor``: DOCX notes with a marker).
- **kinds**: citations of matched notes whose kind is the text's, note by note and in order,
  over the larger of the two citation counts.
- **refs**: references of the DOCX and of the text with the same first author and year, one for one,
  over the text's count (R) and the DOCX's (P).
- **in-text**: the author–year citations found in each body.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from legation.devdata import FULL_TEXT, REPO, missing_reason, shared_path
from legation.ingest.units import read_units
from legation.model import Document
from legation.pipeline import extract_unit

FIXTURES = REPO / "tests" / "fixtures" / "docx"
ARTICLES = shared_path("data", "articles")
MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
MARKS = re.compile(r"[*_`]|<(?=https?:)|(?<=\S)>")


def source_of(fixture: Path) -> Path:
    """The text a fixture was typeset from."""
    return FULL_TEXT if fixture.stem == "seed-001" else ARTICLES / f"{fixture.stem}.md"


def normal(text: str) -> str:
    """As printed: Markdown links as their text, code and emphasis marks out, white space collapsed."""
    text = MARKS.sub("", MD_LINK.sub(r"\1", text))
    return " ".join(unicodedata.normalize("NFC", text).split())


def read(path: Path) -> Document:
    units = list(read_units(path, "article"))
    return extract_unit(units[0], layers=("apparatus",))


@dataclass
class Row:
    name: str
    figures: dict[str, tuple[int, int]] = field(default_factory=dict)  # measure -> (passed, out of)
    counts: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def compare(fixture: Path) -> Row:
    docx, text = read(fixture), read(source_of(fixture))
    row = Row(fixture.stem)
    by_number = {f.number: f for f in text.footnotes}
    matched = []
    for note in docx.footnotes:
        other = by_number.get(note.number)
        if other is not None and difflib.SequenceMatcher(
                None, normal(note.text)[:80], normal(other.text)[:80]).ratio() >= 0.8:
            matched.append((note, other))
        else:
            row.errors.append(f"note {note.number}: not in the text: {note.text[:80]!r}")
    row.figures["notes P"] = (len(matched), len(docx.footnotes))
    row.figures["notes R"] = (len(matched), len(text.footnotes))
    anchored = [(a, b) for a, b in matched if b.anchor is not None and a.anchor is not None]
    same = [(a, b) for a, b in anchored if _before(docx, a) == _before(text, b)]
    for a, b in anchored:
        if (a, b) not in same:
            row.errors.append(f"note {a.number}: anchor …{_before(docx, a)!r} in the DOCX, …{_before(text, b)!r} in the text")
    row.figures["anchors"] = (len(same), sum(1 for _, b in matched if b.anchor is not None))
    row.figures["at anchor"] = (sum(1 for f in docx.footnotes if f.anchor is not None), len(docx.footnotes))
    kinds_same = kinds_total = 0
    for a, b in matched:
        ours = [c.kind for c in docx.citations if c.footnote == a.number]
        theirs = [c.kind for c in text.citations if c.footnote == b.number]
        agree = sum(x == y for x, y in zip(ours, theirs))
        kinds_same += agree
        kinds_total += max(len(ours), len(theirs))
        if agree < max(len(ours), len(theirs)):
            row.errors.append(f"note {a.number}: kinds {ours} in the DOCX, {theirs} in the text")
    row.figures["kinds"] = (kinds_same, kinds_total)
    ours_refs = Counter(_ref_key(r) for r in docx.references)
    theirs_refs = Counter(_ref_key(r) for r in text.references)
    common = sum((ours_refs & theirs_refs).values())
    row.figures["refs P"] = (common, len(docx.references))
    row.figures["refs R"] = (common, len(text.references))
    for key in (theirs_refs - ours_refs):
        row.errors.append(f"reference {key} only in the text")
    for key in (ours_refs - theirs_refs):
        row.errors.append(f"reference {key} only in the DOCX")
    row.counts = {"in-text": f"{len(docx.intext_citations)}/{len(text.intext_citations)}",
                  "kinds (docx)": ", ".join(f"{k} {n}" for k, n in sorted(Counter(c.kind for c in docx.citations).items()))}
    return row


def _before(doc: Document, footnote) -> str:
    end = footnote.anchor.end
    return normal(doc.body[max(0, end - 400):end])[-40:]


def _ref_key(ref) -> tuple[str, int | None]:
    first = next(iter(ref.authors or ref.editors), {})
    name = first.get("family") or first.get("literal") or ref.label or ""
    return normal(name).casefold(), ref.year


def ratio(passed: int, total: int) -> str:
    return f"{passed / total:.2f} ({passed}/{total})" if total else "— (0/0)"


MEASURES = ("notes P", "notes R", "anchors", "at anchor", "kinds", "refs P", "refs R")


def print_table(rows: list[Row]) -> None:
    header = ["fixture", *MEASURES, "in-text docx/text"]
    lines = [[row.name, *(ratio(*row.figures[m]) for m in MEASURES), row.counts["in-text"]] for row in rows]
    totals = ["all", *(ratio(sum(r.figures[m][0] for r in rows), sum(r.figures[m][1] for r in rows)) for m in MEASURES),
              ""]
    widths = [max(len(str(line[i])) for line in [header, *lines, totals]) for i in range(len(header))]
    for k, line in enumerate([header, *lines, totals]):
        if k == 1 or k == len(lines) + 1:
            print("  ".join("-" * w for w in widths))
        print("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(line, widths))))
    for row in rows:
        print(f"{row.name}: citation kinds {row.counts['kinds (docx)']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show-errors", action="store_true", help="list every disagreement")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    fixtures = sorted(FIXTURES.glob("*.docx"))
    rows = []
    for fixture in fixtures:
        if not source_of(fixture).exists():
            print(f"skipped {fixture.name}: {missing_reason(source_of(fixture))}", file=sys.stderr)
            continue
        rows.append(compare(fixture))
    if args.json:
        print(json.dumps([{"fixture": r.name, **{m: list(r.figures[m]) for m in MEASURES}, **r.counts,
                           **({"errors": r.errors} if args.show_errors else {})} for r in rows],
                         ensure_ascii=False, indent=2))
        return 0
    print_table(rows)
    if args.show_errors:
        for row in rows:
            if row.errors:
                print(f"\n=== {row.name}")
                print("\n".join(row.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
