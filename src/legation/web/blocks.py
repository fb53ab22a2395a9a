"""A document's body as the blocks its reader found: headings, paragraphs, quotations, list items.

The store keeps the body's text, not its blocks, so they are read again from what the store keeps,
and only where that reading is the ingest's own:

- a text, Markdown or TEI article is laid out from its stored text by the reader that laid it out at
  ingest (``ingest.units.lay_out``, whose readers are deterministic); the reading is used only if it
  gives back the stored body character for character, so every stored offset still points where it
  did. Its headings keep the levels the reader gave them ("#", "###", a TEI div's depth).
- otherwise (a TEI volume's report, a DOCX or PDF, read from their files) the body's paragraphs,
  where the reader left a blank line between blocks; and for a report of a collection its header,
  the block that opens it with the heading the store keeps.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from legation.ingest.tei_article import TEI_ARTICLE
from legation.ingest.units import lay_out
from legation.model import Layout

LAID_OUT_FROM_TEXT = ("text", "markdown", TEI_ARTICLE)  # formats the ingest lays out from their stored text
HEADER_BLOCKS = 3  # a report's heading is looked for in its first blocks only: its header opens it
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True, slots=True)
class Block:
    kind: str  # model.BLOCK_KINDS: "paragraph", "heading", "quotation", "list-item", "table"
    start: int  # [start, end) in the body
    end: int
    level: int | None = None  # a heading's level as its reader gave it (1 the highest); None when it gave none


def body_blocks(source: dict[str, Any], text: str, report: dict[str, Any] | None) -> list[Block]:
    """The blocks of a stored document's body (``source`` its row with the body, ``text`` its
    stored text, ``report`` its report row or None), covering every character that is not space."""
    body = source["body"]
    blocks = _read_again(source["format"], text, body) if source["format"] in LAID_OUT_FROM_TEXT else None
    if blocks is None:
        blocks = paragraphs(body)
    if report is not None and report.get("heading") and not any(b.kind == "heading" for b in blocks):
        blocks = _with_header(blocks, body, report["heading"])
    return blocks


def paragraphs(body: str) -> list[Block]:
    """The body's paragraphs: the runs of text between blank lines."""
    blocks, start = [], 0
    for gap in [*PARAGRAPH_BREAK.finditer(body), None]:
        end = gap.start() if gap else len(body)
        if body[start:end].strip():
            blocks.append(Block("paragraph", start, end))
        start = gap.end() if gap else end
    return blocks


def _read_again(fmt: str, text: str, body: str) -> list[Block] | None:
    """The reader's blocks of the stored text, with its headings' levels; None unless the reading
    gives back the stored body exactly and its blocks hold every character of it but spaces."""
    layout = lay_out(fmt, text)
    if layout.body.text != body or not layout.blocks:
        return None
    blocks = [Block(b.kind, b.start, b.end, _level(layout, b.start, b.end) if b.kind == "heading" else None)
              for b in sorted(layout.blocks, key=lambda b: b.start) if b.end > b.start]
    return blocks if _covers(blocks, body) else None


def _level(layout: Layout, start: int, end: int) -> int | None:
    """The level of the reader's heading that a heading block of the body prints: the last heading
    whose place in the text is at or before the block's end there."""
    headings = sorted(layout.headings, key=lambda h: h.source_start)
    source_end = layout.body.span_to_source(start, end)[1]
    at = bisect_right([h.source_start for h in headings], source_end - 1) - 1
    return headings[at].level if at >= 0 else None


def _covers(blocks: list[Block], body: str) -> bool:
    """Whether the blocks follow one another and leave out only spaces between them."""
    position = 0
    for block in blocks:
        if block.start < position or body[position:block.start].strip():
            return False
        position = block.end
    return not body[position:].strip()


def _with_header(blocks: list[Block], body: str, heading: str) -> list[Block]:
    """The blocks with a report's header a heading: the first of its opening blocks that holds the
    heading the store keeps for it (spaces and case aside)."""
    wanted = _folded(heading)
    for i, block in enumerate(blocks[:HEADER_BLOCKS]):
        if wanted in _folded(body[block.start:block.end]):
            return [*blocks[:i], Block("heading", block.start, block.end, 1), *blocks[i + 1:]]
    return blocks


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def heading_ranks(blocks: list[Block], top: int = 2) -> dict[int, int]:
    """Block index -> the HTML heading rank of each heading block (h2 under the page's h1, …):
    the reader's levels in their order, never deeper than one below the heading before, so no
    rank is skipped; a heading without a level stands at the top rank."""
    levels = sorted({b.level for b in blocks if b.kind == "heading" and b.level is not None})
    ranks: dict[int, int] = {}
    previous = top - 1
    for i, block in enumerate(blocks):
        if block.kind != "heading":
            continue
        wanted = top + levels.index(block.level) if block.level is not None else top
        ranks[i] = previous = min(wanted, previous + 1, 6)
    return ranks
