"""Archival citations in FRUS source notes: how many the note parser reads, by shape, and how
well against a hand-read sample.

    .venv/bin/python eval/frus_source_notes.py [--show-errors] [--shapes N] [--examples K]

The FRUS volumes of ``../shared/data/frus-series/`` (gzip) and ``../shared/data/frus/`` carry a
source note for each document (``<note type="source">``): "Source: Department of State, Central
Files, 611.94/2–1055. Secret.", "Source: Eisenhower Library, Whitman File, International
Series.", "Source: National Archives, RG 59, Central Files 1970–73, POL 27 VIET S." — thousands of
real American archival citations. Two measures:

- **coverage by shape**: every source note is parsed (``legation.extract.citations.parse_note``)
  and counted as read when one of its citations is ``archival`` with an archive and at least one
  level; notes are grouped by shape: the repository the note opens with (the words before its
  first comma, after "Source:") and the kind of its first level (a record group, a lot file, the
  Central Files, a box, a job or accession, papers, a decimal or subject file, a named series).
  The share read says how far each common shape parses; it cannot say the levels are right.
- **gold**: the 40 notes of ``tests/gold/frus_source_notes.yaml``, annotated by hand before the
  parser saw them. A gold archival citation passes as in ``eval/articles.py``: one output citation
  of the note is archival, has the gold archive (``null`` asks for none) and holds every gold level
  value in a field or path element of its own. A gold ``published`` note passes when no archival
  citation was read from it.

Without the shared corpora it prints why and exits 0.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "eval"))

from articles import archival_ok, describe, excerpt  # noqa: E402
from lxml import etree  # noqa: E402

from legation.devdata import missing_reason, shared_path  # noqa: E402
from legation.extract.citations import parse_note  # noqa: E402
from legation.model import Citation  # noqa: E402

SERIES = shared_path("data", "frus-series")
VOLUMES = shared_path("data", "frus")
GOLD = REPO / "tests" / "gold" / "frus_source_notes.yaml"
TEI = "{http://www.tei-c.org/ns/1.0}"
LEVELS = ("record_group", "collection", "series", "subseries", "entry", "lot", "accession", "file", "box",
          "container", "folder", "fond", "opis", "papka", "delo", "folios")

SOURCE_LEAD = re.compile(r"\[?\s*Source\s*[:;]?\s*")
# The kind of a note's first level, tried in this order on the text after the repository.
FIRST_LEVEL = (
    ("record group", re.compile(r"^\s*(?:RG|Record Group)\s+[0-9]")),
    ("central files", re.compile(r"^\s*Central (?:Files|Foreign Policy Files)")),
    ("lot file", re.compile(r"\b[Ll]ot(?: File)?\s+[0-9]{2}\s?[DF]\s?[0-9]")),
    ("job or accession", re.compile(r"\b(?:Job|FRC)\s+[0-9]")),
    ("box", re.compile(r"^[^.;]{0,80}?\bBox\s+[A-Z]{0,3}[ –-]?[0-9]")),
    ("papers", re.compile(r"^\s*(?:[A-Z][\w.’'-]*\s+){0,5}Papers\b|^\s*Papers of\b")),
    ("decimal file", re.compile(r"^\s*[0-9]{3}(?:\.[0-9A-Z]+)?[ /]")),
    ("named series", re.compile(r"^\s*[A-Z][^,.;]{0,80}?\b(?:Files?|Series|Records)\b")),
)


def source_notes() -> Iterator[tuple[str, str]]:
    """(volume, text) of every source note, volumes in file-name order (frus-series, then frus)."""
    paths = sorted(SERIES.glob("*.xml.gz")) + sorted(VOLUMES.glob("*.xml"))
    for path in paths:
        volume = path.name.split(".")[0]
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rb") as handle:
            for _, element in etree.iterparse(handle, tag=f"{TEI}note", recover=True, huge_tree=True):
                if element.get("type") == "source":
                    yield volume, " ".join("".join(element.itertext()).split())
                element.clear()


def shape(text: str) -> str:
    """"Department of State / central files": the repository the note opens with and its first level."""
    lead = SOURCE_LEAD.match(text)
    body = text[lead.end():] if lead and lead.group().strip() else text
    repository, _, rest = body.partition(",")
    repository = re.sub(r"[0-9]+", "9", repository.strip(" .:;"))[:40] or "(none)"
    first = next((name for name, pattern in FIRST_LEVEL if pattern.search(rest or body)), "other")
    if first == "decimal file" and not rest:
        repository = "(bare file number)"
    return f"{repository} / {first}" if lead and lead.group().strip() else f"(no Source:) {repository} / {first}"


def read(citations: list[Citation]) -> bool:
    """Whether an archival citation with an archive and a level was read."""
    return any(c.kind == "archival" and c.fields.get("archive") and any(c.fields.get(name) for name in LEVELS)
               for c in citations)


def coverage(notes: list[tuple[str, str]], top: int, examples: int) -> None:
    counts: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    missed: dict[str, list[str]] = defaultdict(list)
    for _, text in notes:
        key = shape(text)
        counts[key] += 1
        if read(parse_note(text)):
            hits[key] += 1
        elif len(missed[key]) < examples:
            missed[key].append(text)
    total, found = sum(counts.values()), sum(hits.values())
    print(f"FRUS source notes: {total} in all; an archival citation with archive and levels read in "
          f"{found} ({found / total:.1%})\n")
    if top <= 0:
        return
    width = max(len(key) for key, _ in counts.most_common(top))
    print(f"{'shape'.ljust(width)}  {'notes':>6}  {'read':>6}  share")
    shown = 0
    for key, count in counts.most_common(top):
        print(f"{key.ljust(width)}  {count:6d}  {hits[key]:6d}  {hits[key] / count:.1%}")
        shown += count
    rest = total - shown
    rest_hits = found - sum(hits[key] for key, _ in counts.most_common(top))
    if rest:
        print(f"{'(other shapes)'.ljust(width)}  {rest:6d}  {rest_hits:6d}  {rest_hits / rest:.1%}")
    if examples:
        print("\nnot read, by shape:")
        for key, _ in counts.most_common(top):
            for text in missed[key]:
                print(f"  [{key}] {excerpt(text, 160)}")


def gold(notes: list[tuple[str, str]], show_errors: bool) -> None:
    data = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    passed = total = 0
    failures: list[str] = []
    for entry in data["notes"]:
        volume, text = notes[entry["index"]]
        wanted = entry.get("text") or entry.get("text_starts")
        if volume != entry["volume"] or not text.startswith(wanted):
            failures.append(f"note {entry['index']}: the corpus holds another note there ({volume}: {excerpt(text, 60)})")
            total += len(entry["citations"])
            continue
        output = parse_note(text)
        archival = [c for c in output if c.kind in ("archival", "ibid")]
        for citation in entry["citations"]:
            total += 1
            if citation["kind"] == "archival":
                ok = any(archival_ok(citation, c) for c in archival)
            else:  # a publication: nothing archival may be read from the note
                ok = not [c for c in output if c.kind == "archival"]
            passed += ok
            if not ok:
                got = "; ".join(describe(c) for c in output) or "no citation"
                failures.append(f"note {entry['index']} ({entry['volume']}): gold {citation.get('kind')} "
                                f"archive={citation.get('archive')!r} levels={citation.get('levels')}\n"
                                f"      «{excerpt(text, 110)}»\n      -> {got}")
    print(f"\ngold sample ({GOLD.relative_to(REPO)}): {passed}/{total} citations right ({passed / total:.1%})")
    if show_errors:
        for line in failures:
            print("  " + line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show-errors", action="store_true", help="list the gold citations not read right")
    parser.add_argument("--shapes", type=int, default=25, help="how many shapes to list (default 25)")
    parser.add_argument("--examples", type=int, default=0, help="notes not read to show per shape")
    args = parser.parse_args(argv)
    if not SERIES.is_dir():
        print(missing_reason(SERIES))
        return 0
    notes = list(source_notes())
    coverage(notes, args.shapes, args.examples)
    gold(notes, args.show_errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
