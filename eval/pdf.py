"""The PDF reader against the text each PDF was typeset from.

Every PDF of ``tests/fixtures/pdf/`` was typeset (scripts/typeset_pdf.sh) from a Markdown file
in ``tests/fixtures/pdf/src/`` (``seed-latex.pdf`` from ``src/seed.md``): that file is the
article's text rendering, and legation's reading of it is the reference. Both go through
``read_units`` and ``extract_unit`` (the apparatus layer), as ``legation extract`` does. Per PDF:

- **notes P / R**: a PDF footnote counts when a text footnote has its number and its text
  agrees (``difflib`` ratio >= 0.9 over the whole text, whitespace collapsed); P over the PDF's
  notes, R over the text's;
- **anchors**: text footnotes whose PDF footnote has an anchor spanning the same words (the
  body sentence the marker closes, whitespace collapsed), over the text's anchored notes;
- **kinds**: notes whose multiset of citation kinds is the text's for that note;
- **citations =**: text citations whose PDF twin (same note, same place in it) has the same
  kind, text and fields (offsets aside; a resolved Ibid compared by what it resolved to) —
  the measure with the target, >= 0.95 per PDF;
- **refs =**: reference-list entries with the same text (Markdown emphasis marks, which the
  text reader keeps in an entry, left out), over the text's;
- **pages/s**: the PDF's pages read per second (the reader alone, one run).

    .venv/bin/python eval/pdf.py [--show-errors] [PDF ...]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from legation.ingest.pdf import read_pdf  # noqa: E402
from legation.ingest.units import read_units  # noqa: E402
from legation.model import Citation, Document  # noqa: E402
from legation.pipeline import extract_unit  # noqa: E402

FIXTURES = REPO / "tests" / "fixtures" / "pdf"
LAYERS = ("apparatus",)
TARGET = 0.95
LAYOUTS = ("-latex", "-word", "-twocol")


def source_of(pdf: Path) -> Path:
    stem = pdf.stem
    for suffix in LAYOUTS:
        stem = stem.removesuffix(suffix)
    return pdf.parent / "src" / f"{stem}.md"


def read(path: Path) -> Document:
    units = list(read_units(path))
    if len(units) != 1 or not hasattr(units[0], "source"):
        raise RuntimeError(f"{path}: not read as one article ({units!r:.200})")
    return extract_unit(units[0], LAYERS)


def squeeze(text: str) -> str:
    return " ".join(text.split())


def unmarked(text: str) -> str:
    """A reference's text without Markdown emphasis, which the text reader keeps in entries
    and a PDF prints as italics."""
    return squeeze(re.sub(r"(?<![\w*_])[*_]{1,2}|[*_]{1,2}(?![\w*_])", "", text))


def comparable(value: Any) -> Any:
    """A citation's fields without the offsets that differ between two files by design."""
    if isinstance(value, Citation):
        return (value.kind, squeeze(value.text), comparable(value.fields), value.footnote)
    if isinstance(value, dict):
        return {k: comparable(v) for k, v in value.items() if k not in ("source_start", "source_end")}
    if isinstance(value, list):
        return [comparable(v) for v in value]
    if isinstance(value, str):
        return squeeze(value)
    return value


def anchor_text(doc: Document, number: int) -> str | None:
    note = next((f for f in doc.footnotes if f.number == number), None)
    if note is None or note.anchor is None:
        return None
    return squeeze(doc.body[note.anchor.start:note.anchor.end])


def score(pdf: Path) -> dict[str, Any]:
    text_doc = read(source_of(pdf))
    started = time.perf_counter()
    layout = read_pdf(pdf)
    seconds = time.perf_counter() - started
    pdf_doc = read(pdf)
    errors: list[str] = []
    by_number = {f.number: f for f in text_doc.footnotes}
    matched = 0
    for note in pdf_doc.footnotes:
        twin = by_number.get(note.number)
        if twin and SequenceMatcher(None, squeeze(note.text), squeeze(twin.text)).ratio() >= 0.9:
            matched += 1
        else:
            errors.append(f"note {note.number}: {squeeze(note.text)[:90]!r}")
    anchored = [f.number for f in text_doc.footnotes if f.anchor is not None]
    anchors = 0
    for number in anchored:
        if anchor_text(pdf_doc, number) == anchor_text(text_doc, number):
            anchors += 1
        else:
            errors.append(f"anchor {number}: pdf {anchor_text(pdf_doc, number)!r:.120} / text {anchor_text(text_doc, number)!r:.120}")
    kinds = lambda doc, n: Counter(c.kind for c in doc.citations if c.footnote == n)  # noqa: E731
    same_kinds = sum(kinds(pdf_doc, f.number) == kinds(text_doc, f.number) for f in text_doc.footnotes)
    equal = 0
    for citation in text_doc.citations:
        siblings = [c for c in text_doc.citations if c.footnote == citation.footnote]
        twins = [c for c in pdf_doc.citations if c.footnote == citation.footnote]
        index = siblings.index(citation)
        twin = twins[index] if index < len(twins) else None
        if twin is not None and comparable(twin) == comparable(citation):
            equal += 1
        else:
            errors.append(f"citation {citation.footnote}.{index}: text {citation.kind} {squeeze(citation.text)!r:.100}"
                          f" / pdf {twin and twin.kind} {twin and squeeze(twin.text)!r:.100}")
    text_refs = [unmarked(r.text) for r in text_doc.references]
    pdf_refs = Counter(unmarked(r.text) for r in pdf_doc.references)
    refs_equal = sum((Counter(text_refs) & pdf_refs).values())
    for ref in text_refs:
        if ref not in pdf_refs:
            errors.append(f"reference: {ref!r:.120}")
    return {
        "pdf": pdf.name, "pages": len(layout.pages),
        "notes": (matched, len(pdf_doc.footnotes), len(text_doc.footnotes)),
        "anchors": (anchors, len(anchored)),
        "kinds": (same_kinds, len(text_doc.footnotes)),
        "citations": (equal, len(text_doc.citations)),
        "refs": (refs_equal, len(text_refs), len(pdf_doc.references)),
        "pages_per_s": len(layout.pages) / seconds,
        "errors": errors,
    }


def share(a: int, b: int) -> float:
    return a / b if b else 1.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args(argv)
    pdfs = args.pdfs or sorted(FIXTURES.glob("*.pdf"))
    rows = [score(pdf) for pdf in pdfs]
    print(f"{'pdf':<50} {'pp':>3} {'notes P':>8} {'notes R':>8} {'anchors':>9} {'kinds':>7} "
          f"{'citations =':>12} {'refs =':>8} {'pages/s':>8}")
    for row in rows:
        m, got, want = row["notes"]
        print(f"{row['pdf']:<50} {row['pages']:>3} {share(m, got):>8.3f} {share(m, want):>8.3f} "
              f"{row['anchors'][0]:>4}/{row['anchors'][1]:<4} {share(*row['kinds']):>7.3f} "
              f"{row['citations'][0]:>4}/{row['citations'][1]:<4} {share(*row['citations']):>5.3f} "
              f"{row['refs'][0]:>3}/{row['refs'][1]:<3} {row['pages_per_s']:>8.1f}")
    if args.show_errors:
        for row in rows:
            for error in row["errors"]:
                print(f"{row['pdf']}: {error}")
    for row in rows:
        value = share(*row["citations"])
        print(f"target: {row['pdf']}: citations equal to the text rendering's {value:.3f} (goal ≥ {TARGET}) — "
              f"{'met' if value >= TARGET else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
