"""Reader for a journal article encoded in TEI (DHQ, jTEI, the Office of the Historian's essays).

The markup says what the text reader has to guess: ``<note>`` is a footnote standing where its
marker stands, ``<head>`` a heading, ``<listBibl>/<bibl>`` the reference list, ``<ptr
target="#id">`` a citation of one of its entries, the header's ``<title>`` and ``<author>`` the
work. The file is walked once, tag by tag, with the character offsets of the file itself, so
every character of the body, a note or an entry maps back to the XML it came from. The file has
already been parsed by lxml with entity expansion, DTD loading and network access off (the TEI
reader refuses a DOCTYPE that declares entities), so the walk meets well-formed markup only.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from legation.model import BodyBlock, Heading, Layout, Marker, NoteBlock, Work
from legation.textmap import TextMap

TEI_ARTICLE = "tei-article"  # the Source format of a TEI file read as one article

MARKUP = re.compile(
    r"<!--.*?-->|<\?.*?\?>|<!\[CDATA\[(?P<cdata>.*?)\]\]>|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>"
    r"|</(?P<end>[\w:.-]+)\s*>"
    r"|<(?P<start>[\w:.-]+)(?P<attributes>(?:\s+[\w:.-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*(?P<empty>/?)>",
    re.S,
)
ATTRIBUTE = re.compile(r"([\w:.-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
SPACE = re.compile(r"\s+")

# Where text goes, by the element it stands in (local names).
BLOCKS = {"p", "head", "item", "l", "lg", "row", "label", "byline", "dateline", "salute", "signed", "closer",
          "opener", "epigraph", "argument", "trailer", "castItem", "sp", "speaker", "ab"}
SKIPPED = {"figure", "figDesc", "graphic", "formula", "code", "eg", "teaser", "fw", "byline", "docAuthor"}
DIVISIONS = {"div", "div1", "div2", "div3", "div4", "div5", "body", "back", "front"}
ABSTRACTS = {"abstract"}  # dhq:abstract; a div type="abstract" is one too
# The kind of body block an element opens, where it is not a paragraph.
BLOCK_KINDS = {"head": "heading", "item": "list-item", "label": "list-item", "quote": "quotation",
               "epigraph": "quotation", "row": "table", "l": "quotation", "lg": "quotation"}


@dataclass
class _Sink:
    """A TextMap being written, and whether the next text opens a new block."""

    map: TextMap = field(default_factory=TextMap)
    fresh: bool = True  # at the start of a block: leading spaces dropped, "\n\n" before text
    blocks: list[BodyBlock] | None = None  # the body's blocks, recorded as they open (the body sink only)
    kind: str = "paragraph"  # the kind of the block the next text opens

    def text(self, raw: str, start: int, end: int) -> None:
        """Copy raw[start:end], entities decoded and white space collapsed, keeping the offsets."""
        position = start
        pieces = [*ENTITY.finditer(raw, start, end), None]
        for entity in pieces:
            stop = entity.start() if entity else end
            for run in re.finditer(r"\S+|\s+", raw[position:stop]):
                at = position + run.start()
                if run.group()[0].isspace():
                    if not self.fresh and self.map.last_char() not in (" ", "\n", ""):
                        self.map.emit(" ", at, at + len(run.group()))
                else:
                    self._open(at)
                    self.map.copy(raw, at, at + len(run.group()))
            if entity:
                self._open(entity.start())
                self.map.emit(html.unescape(entity.group()), entity.start(), entity.end())
                position = entity.end()

    def emit(self, text: str, start: int, end: int) -> None:
        self._open(start)
        self.map.emit(text, start, end)

    def block(self, kind: str = "paragraph") -> None:
        self.fresh = True
        self.kind = kind

    def close(self) -> None:
        """The last block ends where the text does."""
        self.map.rstrip_spaces()
        if self.blocks:
            self.blocks[-1].end = len(self.map)

    def _open(self, at: int) -> None:
        if self.fresh:
            self.close()
            if len(self.map):
                self.map.emit("\n\n", at, at)
            if self.blocks is not None:
                self.blocks.append(BodyBlock(self.kind, len(self.map), len(self.map)))
            self.fresh = False


@dataclass
class _Walk:
    """The state of one walk through the file."""

    raw: str
    labels: dict[str, str]  # bibl xml:id -> the label an in-text citation of it shows
    layout: Layout
    body: _Sink
    stack: list[str] = field(default_factory=list)
    note: tuple[_Sink, int, int | None, int] | None = None  # its text, where it opened, its number, depth
    notes_seen: int = 0
    bibl: tuple[_Sink, int, int] | None = None  # its text, where it opened, depth
    header: dict[str, list[str]] = field(default_factory=dict)
    abstract: tuple[_Sink, int] | None = None  # its text, depth
    heading_from: int | None = None  # where the open heading's text begins in the body
    quoted: list[int] = field(default_factory=list)  # depths of open elements printed in quotation marks
    skipping: int = 0  # depth inside an element whose text is not read


def read_tei_layout(raw: str) -> Layout:
    """Lay out a TEI article: body, notes and their markers, headings, reference list, work."""
    layout = Layout(text=raw, body=TextMap())
    walk = _Walk(raw, _bibl_labels(raw), layout, _Sink(layout.body, blocks=layout.blocks))
    position = 0
    for tag in MARKUP.finditer(raw):
        if tag.start() > position:
            _text(walk, position, tag.start())
        if tag.group("start"):
            _open(walk, tag)
        elif tag.group("end"):
            _close(walk, tag)
        elif tag.group("cdata") is not None:
            _text(walk, tag.start("cdata"), tag.end("cdata"))
        position = tag.end()
    walk.body.close()
    layout.work = _work(walk)
    return layout


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1]


def _attributes(tag: re.Match[str]) -> dict[str, str]:
    return {_local(m.group(1)) if m.group(1).startswith("xml:") else m.group(1): html.unescape(m.group(2) or m.group(3) or "")
            for m in ATTRIBUTE.finditer(tag.group("attributes") or "")}


def _bibl_labels(raw: str) -> dict[str, str]:
    """Each entry's xml:id and the label a citation of it shows ("Crane 2006")."""
    labels = {}
    for tag in MARKUP.finditer(raw):
        if tag.group("start") and _local(tag.group("start")) in ("bibl", "biblStruct"):
            attributes = _attributes(tag)
            if "id" in attributes and attributes.get("label"):
                labels[attributes["id"]] = attributes["label"]
    return labels


def _where(walk: _Walk) -> str:
    """header, front, body or back: the part of the file the walk is in."""
    for part in ("teiHeader", "front", "back", "body"):
        if part in walk.stack:
            return part
    return "outside"


def _sink(walk: _Walk) -> _Sink | None:
    """Where text read now goes, if anywhere."""
    if walk.skipping:
        return None
    if walk.note is not None:
        return walk.note[0]
    if walk.bibl is not None:
        return walk.bibl[0]
    if walk.abstract is not None:
        return walk.abstract[0]
    return walk.body if _where(walk) == "body" else None


def _text(walk: _Walk, start: int, end: int) -> None:
    top = walk.stack[-1] if walk.stack else ""
    if _where(walk) == "teiHeader" and top in ("title", "author", "idno") and not walk.skipping:
        walk.header.setdefault(_header_key(walk), []).append(walk.raw[start:end])
        return
    sink = _sink(walk)
    if sink is not None and (walk.raw[start:end].strip() or not sink.fresh):
        sink.text(walk.raw, start, end)


def _header_key(walk: _Walk) -> str:
    """title (of the work, in titleStmt), author, or doi; other header text is ignored."""
    top = walk.stack[-1]
    if top == "idno":
        return "idno"
    return top if "titleStmt" in walk.stack else "other"


def _open(walk: _Walk, tag: re.Match[str]) -> None:
    name, attributes = _local(tag.group("start")), _attributes(tag)
    empty = bool(tag.group("empty"))
    where = _where(walk)
    if walk.skipping or name in SKIPPED or (name == "head" and attributes.get("type", "").startswith("shortened")):
        if not empty:
            walk.skipping += 1
            walk.stack.append(name)
        return
    depth = len(walk.stack)
    if name == "note" and where in ("body", "back") and walk.note is None and not empty:
        walk.notes_seen += 1
        number = attributes.get("n")
        walk.note = (_Sink(), tag.start(), int(number) if number and number.isdigit() else None, depth)
    elif name in ("bibl", "biblStruct") and "listBibl" in walk.stack and walk.bibl is None and not empty:
        walk.bibl = (_Sink(), tag.start(), depth)
    elif (name in ABSTRACTS or (name == "div" and attributes.get("type") == "abstract")) and not empty:
        walk.abstract = (_Sink(), depth)
    elif name in ("lb", "cb"):
        sink = _sink(walk)
        if sink is not None and not sink.fresh and sink.map.last_char() != " ":
            sink.map.emit(" ", tag.start(), tag.end())  # a line break between two words is a space
    elif name == "ptr" and where == "body" and walk.note is None:
        _citation(walk, attributes, tag)
    if name in BLOCKS | DIVISIONS or name == "list" or name == "quote" and walk.stack[-1:] in (["div"], ["body"]):
        sink = _sink(walk)
        if sink is not None:
            sink.block(BLOCK_KINDS.get(name, "paragraph"))
    if (name == "q" or "quotes" in attributes.get("rend", "")) and not empty and _sink(walk) is not None:
        _sink(walk).emit("“", tag.start(), tag.end())  # rend="quotes": the reader sees the marks
        walk.quoted.append(len(walk.stack))
    if name == "head" and where == "body" and walk.note is None and not empty:
        walk.layout.headings.append(Heading(walk.stack.count("div") + 1, "", tag.start(), "body"))
        walk.heading_from = len(walk.body.map)
    if not empty:
        walk.stack.append(name)


def _citation(walk: _Walk, attributes: dict[str, str], tag: re.Match[str]) -> None:
    """A pointer to an entry of the reference list, shown as the reader sees it: "(Crane 2006)"."""
    label = walk.labels.get(attributes.get("target", "").lstrip("#"))
    if label:
        shown = f"{label}, {attributes['loc']}" if attributes.get("loc") else label
        walk.body.emit(f" ({shown})" if walk.body.map.last_char() not in (" ", "") else f"({shown})",
                       tag.start(), tag.end())


def _close(walk: _Walk, tag: re.Match[str]) -> None:
    name = _local(tag.group("end"))
    if walk.stack and walk.stack[-1] == name:
        walk.stack.pop()
    if walk.skipping:
        walk.skipping -= 1
        return
    depth = len(walk.stack)  # the closed element's depth, as it was when it opened
    if walk.quoted and walk.quoted[-1] == depth:
        walk.quoted.pop()
        if _sink(walk) is not None:
            _sink(walk).map.rstrip_spaces()
            _sink(walk).map.emit("”", tag.start(), tag.end())
    if walk.note is not None and depth == walk.note[3]:
        _end_note(walk, tag.end())
    elif walk.bibl is not None and depth == walk.bibl[2]:
        sink, start, _ = walk.bibl
        walk.layout.reference_lines.append((SPACE.sub(" ", sink.map.text).strip(), start))
        walk.bibl = None
    elif walk.abstract is not None and depth == walk.abstract[1]:
        walk.layout.abstract.extend(p.strip() for p in walk.abstract[0].map.text.split("\n\n") if p.strip())
        walk.abstract = None
    elif name == "head" and walk.heading_from is not None:
        walk.layout.headings[-1].text = walk.body.map.text[walk.heading_from:].strip()
        walk.heading_from = None
    if name in BLOCKS:
        sink = _sink(walk)
        if sink is not None:
            sink.block(BLOCK_KINDS.get(name, "paragraph"))


def _end_note(walk: _Walk, end: int) -> None:
    sink, start, number, _ = walk.note
    walk.note = None
    number = number if number is not None else walk.notes_seen
    text = sink.map.text
    walk.layout.notes.append(NoteBlock(number=number, text=text.strip(), map=sink.map, source_start=start,
                                       source_end=end))
    if "body" in walk.stack:
        walk.body.map.rstrip_spaces()
        walk.layout.markers.append(Marker(number, len(walk.body.map), start, end, explicit=True))


def _work(walk: _Walk) -> Work:
    def joined(key: str) -> list[str]:
        return [SPACE.sub(" ", html.unescape(value)).strip() for value in walk.header.get(key, [])]

    titles = joined("title")
    doi = next((value for value in joined("idno") if value.startswith("10.")), None)
    return Work(title=titles[0] if titles else None, authors=[a for a in joined("author") if a],
                doi=doi, abstract="\n\n".join(walk.layout.abstract) or None)
