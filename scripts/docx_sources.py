"""Markdown for pandoc to typeset as DOCX test fixtures (run by scripts/typeset_docx.sh).

    python scripts/docx_sources.py seed ARTICLE.txt OUT.md    # the seed article, notes at their anchors
    python scripts/docx_sources.py lesson LESSON.md OUT.md    # a Programming Historian lesson or a FRUS essay

``seed``: the text is read by legation's own text reader (``read_layout``) and pipeline, so the
notes, their numbers and the places of their markers are the ones legation reads in the text:
the body paragraphs are written with a ``[^n]`` footnote reference at each marker's body offset,
and each note as a ``[^n]: text`` definition, so that pandoc makes real Word footnotes standing at
their anchors. Four notes of the text lost their markers in its PDF conversion (1, 7, 15, 36);
they are anchored at the end of the sentence that LOST_ANCHORS names (the sentence the note's
archival file supports, before the next marker), so the DOCX has all 44 at anchors. The title and
author become the document's metadata (a Title and an Author paragraph, dc:title, dc:creator);
the journal and DOI lines, the "Abstract" heading, the abstract, the keywords, the headings, the
reference list and the author's note follow as in the text.

``lesson``: the Markdown as published, with Jekyll's ``{% … %}`` tags (table of contents,
figures) taken out and the front matter's ``authors`` list given to pandoc as ``author``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

from legation.ingest.source import read_source
from legation.ingest.text import read_layout
from legation.pipeline import extract_file

# Note -> the words its marker follows, for the seed's notes whose markers the text lost.
LOST_ANCHORS = {
    1: "spheres of influence in China.",
    7: "were necessary to counter Great Britain.",
    15: "throughout the entire journey to Tokyo.",
    36: "when a director of a theater personally invites an ambassador.\"",
}
ESCAPED = re.compile(r"([\\`*_{}\[\]<>#+|^~$@])")
# Openings pandoc would read as a list ("1939. ", "I. ", "a) ") or a block quote.
LIST_OPENING = re.compile(r"^((?:\d+|[A-Za-z]|[ivxlcdmIVXLCDM]+)[.)])(\s)")


def escape(text: str) -> str:
    """Text as pandoc's Markdown reads it back literally."""
    text = ESCAPED.sub(r"\\\1", text)
    return LIST_OPENING.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1] + m.group(2), text)


def seed(source: Path) -> str:
    text = read_source(source)[1]
    layout = read_layout(text)
    doc = extract_file(source, layers=("apparatus",))
    body = layout.body.text
    markers = {m.body_offset: [] for m in layout.markers}
    for marker in layout.markers:
        markers[marker.body_offset].append(marker.number)
    for number, words in LOST_ANCHORS.items():
        assert body.count(words) == 1, (number, words)
        markers.setdefault(body.index(words) + len(words), []).append(number)
    headings = {h.text: h.level for h in layout.headings}
    out = ["---", f"title: {yaml.safe_dump(doc.work.title, allow_unicode=True, width=1000).strip()}",
           f"author: {', '.join(doc.work.authors)}", "---", ""]
    title_lines = {doc.work.title, *doc.work.authors}
    out += [escape(line) + "\n" for line, _ in layout.front_lines if line not in title_lines]
    out += ["#### Abstract\n", *(escape(p) + "\n" for p in layout.abstract)]
    out.append(f"Keywords: {escape(', '.join(layout.keywords))}.\n")
    for block in layout.blocks:
        chunk = _with_markers(body, block.start, block.end, markers)
        if block.kind == "heading":
            plain = body[block.start:block.end]
            out.append("#" * headings.get(plain, 2) + " " + chunk + "\n")
        else:
            out.append(chunk + "\n")
    out.append("### References\n")
    for line, _ in layout.reference_lines:
        out.append(escape(re.sub(r"^[-*]\s+", "", line)) + "\n")
    out += [escape(line) + "\n" for line, _ in layout.back_lines]
    for footnote in doc.footnotes:
        out.append(f"[^{footnote.number}]: {escape(footnote.text)}\n")
    return "\n".join(out)


def _with_markers(body: str, start: int, end: int, markers: dict[int, list[int]]) -> str:
    """body[start:end] escaped, a [^n] reference wherever a marker stood (at the end too)."""
    cuts = sorted(at for at in markers if start <= at <= end)
    pieces, position = [], start
    for at in cuts:
        pieces.append(escape(body[position:at]))
        pieces.extend(f"[^{n}]" for n in markers[at])
        position = at
    pieces.append(escape(body[position:end]))
    return "".join(pieces)


FRONT_MATTER = re.compile(r"\A---\r?\n(.*?)\r?\n---\r?\n", re.S)
LIQUID = re.compile(r"^[ \t]*\{%.*?%\}[ \t]*\r?\n?", re.M | re.S)


def lesson(source: Path) -> str:
    """The lesson's Markdown without Jekyll's tags; its authors as pandoc's ``author``."""
    text = source.read_text("utf-8").replace("\r\n", "\n")
    found = FRONT_MATTER.match(text)
    if found:
        meta = yaml.safe_load(found.group(1)) or {}
        kept = {key: meta[key] for key in ("title", "abstract", "date") if meta.get(key)}
        if meta.get("authors"):
            kept["author"] = meta["authors"]
        if "date" in kept:
            kept["date"] = str(kept["date"])
        text = "---\n" + yaml.safe_dump(kept, allow_unicode=True, sort_keys=False) + "---\n" + text[found.end():]
    return LIQUID.sub("", text)


def main() -> None:
    what, source, target = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    markdown = {"seed": seed, "lesson": lesson}[what](source)
    target.write_text(markdown, encoding="utf-8")


if __name__ == "__main__":
    main()
