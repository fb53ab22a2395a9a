"""Streaming reader for FRUS TEI volumes: one ``div[@type="document"]`` at a time, memory flat.

Each document becomes a :class:`Report` plus its *text rendering* (the layout of
docs/reports design: "No. n", the source note, the heading, the dateline, opener lines,
paragraphs, ``[^k]`` footnote markers and ``[^k]: text`` lines). The volume's rendering is the
reports' texts joined by REPORT_SEPARATOR; ``Report.start/end`` place each report in it.

Safety: entity expansion, DTD loading and network access are off, and a file whose DOCTYPE
declares entities (billion laughs, external entities) is refused before its body is parsed.
Problems never raise: they come back as items with diagnostics.

We feed an ``XMLPullParser`` (the incremental parser ``iterparse`` is built on) rather than
call ``iterparse`` itself because only the parser constructor takes ``collect_ids=False``:
libxml2 otherwise reports a repeated ``xml:id`` as an error at the end of the parse, and real
volumes repeat ids (frus1952-54v14p2's index has ``in22`` twice).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from lxml import etree

from legation.ingest import headers
from legation.ingest.source import open_content
from legation.model import BodyBlock, Diagnostic, Layout, Marker, NameMark, NoteBlock, Report
from legation.textmap import TextMap

REPORT_SEPARATOR = "\n\n\n"
TEI_NS = "http://www.tei-c.org/ns/1.0"
PARSER_OPTIONS: dict[str, Any] = dict(
    resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False, collect_ids=False
)
CHUNK_SIZE = 1 << 16
SNIFF_LIMIT = 1 << 20  # the root element must start within the first MiB
CHAPTER_TYPES = {"compilation", "chapter", "subchapter"}
# Elements that stand as blocks of their own (a paragraph, a list, a signature ...).
BLOCKS = {"p", "list", "table", "signed", "salute", "closer", "quote", "postscript", "attachment",
          "div", "dateline", "opener", "head", "ab", "lg", "l", "byline", "floatingText",
          "trailer", "item", "epigraph", "argument"}
WHITESPACE = re.compile(r"\s+")
WHEN = re.compile(r"^(?P<day>\d{4}-\d{2}-\d{2})(?:T(?P<hm>\d{2}:\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?"
                  r"(?P<tz>Z|[+-]\d{2}:?\d{2})?)?$")
RECEIVED = re.compile(r"\[Received\b[^\]]*\]")
OWN_NUMBER = re.compile(r"^No\.\s*(\S+?)[.,]?$")
BY = re.compile(r"\b(?:by|from)\s+", re.I)  # "Memorandum by …", "Telegram From …"
NO_SPACE_AFTER = ("", " ", "\n", "(", "[", "“", "‘")
NO_SPACE_BEFORE = (")", "]", ",", ".", ";", ":", "”", "’", " ")


@dataclass
class TeiItem:
    """One report, or one problem (report None, text '')."""

    report: Report | None
    text: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    layout: Layout | None = None  # the report's layout, read from its markup


# Codes of the problems that end a file's reading (an item with report None carries one).
FILE_PROBLEMS = frozenset({"tei-unreadable", "tei-malformed", "tei-entities", "tei-external-dtd", "tei-not-tei"})
# A DOCTYPE naming an external DTD ("SYSTEM 'file:…'", "PUBLIC '…' '…'"): refused before the
# parser sees it, so nothing outside the file is ever opened (a FIFO there would hang the reader).
EXTERNAL_DTD = re.compile(rb"<!DOCTYPE\s+[\w:.-]+\s+(?:SYSTEM|PUBLIC)\s*(?P<id>\"[^\"]*\"|'[^']*')")
MAX_DEPTH = 256  # libxml2's nesting limit without XML_PARSE_HUGE


class _RefuseExternal(etree.Resolver):
    """Defence in depth: were the parser ever to ask for an external DTD or entity, it gets nothing."""

    def resolve(self, url: str, public_id: str, context: Any) -> Any:
        return self.resolve_string("", context)


def _parser(**events: Any) -> etree.XMLPullParser:
    parser = etree.XMLPullParser(**events, **PARSER_OPTIONS)
    parser.resolvers.add(_RefuseExternal())
    return parser


class TeiProblem(Exception):
    """A file-level problem: the rest of the file cannot be read."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def _local(el: Any) -> str:
    """Local name of an element whatever its namespace; '' for comments and PIs."""
    tag = el.tag
    try:
        return _LOCAL_NAMES[tag]
    except KeyError:  # a volume has a few dozen kinds of element: each is split once
        name = _LOCAL_NAMES[tag] = tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
        return name


_LOCAL_NAMES: dict[Any, str] = {}


# --- parsing ------------------------------------------------------------------------------

def _read_chunks(path: Path) -> Iterator[bytes]:
    try:
        with open_content(path) as handle:
            while chunk := handle.read(CHUNK_SIZE):
                yield chunk
    except (OSError, EOFError) as err:  # EOFError: a gzip file cut short
        raise TeiProblem("tei-unreadable", f"cannot read: {getattr(err, 'strerror', None) or err}") from None


def _syntax_problem(err: etree.XMLSyntaxError) -> TeiProblem:
    line = err.lineno or (err.position[0] if err.position else None)
    where = f"line {line}" if line else "start of file"
    problem = re.sub(r"(?:, line \d+, column \d+)+$", "", str(err.msg or err))
    if "Excessive depth" in problem:  # libxml2's advice (XML_PARSE_HUGE) is not the user's to act on
        problem = f"elements nested more than {MAX_DEPTH} levels deep (no TEI text is)"
    return TeiProblem("tei-malformed", f"{where}: malformed XML: {problem}")


def _root(path: Path) -> etree._Element:
    """The root element, read from the head of the file; refuses entity declarations.

    The check comes before the body is parsed: a DOCTYPE that declares entities is refused
    whether libxml2 accepts the declarations (then ``docinfo`` lists them) or stops on them
    (its amplification guard trips on a billion laughs already in the DTD).
    """
    parser = _parser(events=("start",))
    head = b""
    try:
        for chunk in _read_chunks(path):
            head += chunk
            external = EXTERNAL_DTD.search(head)
            if external:
                raise TeiProblem("tei-external-dtd", f"refused: the DOCTYPE names an external DTD "
                                                     f"({external.group('id').decode(errors='replace')}), "
                                                     f"which legation never opens")
            error = None
            try:
                parser.feed(chunk)
            except etree.XMLSyntaxError as err:  # later in the chunk: the main pass reports it in place
                error = err
            root = next((el for _event, el in parser.read_events()), None)
            if error is not None and root is None:
                raise error
            if root is not None:
                dtd = root.getroottree().docinfo.internalDTD
                if dtd is not None and any(True for _ in dtd.entities()):
                    raise _entities_problem()
                return root
            if len(head) >= SNIFF_LIMIT:
                break
        parser.close()
    except etree.XMLSyntaxError as err:
        if b"<!ENTITY" in head:
            raise _entities_problem() from None
        raise _syntax_problem(err) from None
    raise TeiProblem("tei-malformed", f"no root element in the first {SNIFF_LIMIT} bytes")


def _entities_problem() -> TeiProblem:
    return TeiProblem("tei-entities", "refused: the DOCTYPE declares entities (entity expansion is never done)")


def _tei_namespace(path: Path) -> str:
    """'{ns}' of a TEI root (any namespace or none), or a TeiProblem saying what the root is."""
    root = _root(path)
    qname = etree.QName(root)
    if qname.localname != "TEI":
        raise TeiProblem("tei-not-tei", f"not a TEI file: root element is <{qname.localname}>")
    return f"{{{qname.namespace}}}" if qname.namespace else ""


def _events(path: Path, ns: str, tags: tuple[str, ...]) -> Iterator[tuple[str, etree._Element]]:
    """(event, element) for start and end of the given local names, streamed in chunks."""
    parser = _parser(events=("start", "end"), tag=[ns + tag for tag in tags])
    try:
        for chunk in _read_chunks(path):
            try:
                parser.feed(chunk)
            finally:  # what was read before an error still counts
                yield from parser.read_events()
        try:
            parser.close()
        finally:
            yield from parser.read_events()
    except etree.XMLSyntaxError as err:
        raise _syntax_problem(err) from None


def _release(el: etree._Element) -> None:
    """Free a processed element and everything before it in its parent."""
    el.clear(keep_tail=True)
    parent = el.getparent()
    if parent is not None:
        while el.getprevious() is not None:
            del parent[0]


def is_tei(path: str | Path) -> bool:
    """Does the file's root element say TEI? Reads only the head of the file. A TEI file that
    is refused (its DOCTYPE declares entities or names an external DTD) still says yes, so its
    reader reports why."""
    path = Path(path)
    try:
        return etree.QName(_root(path)).localname == "TEI"
    except TeiProblem as problem:
        if problem.code not in ("tei-entities", "tei-external-dtd"):
            return False
        with open_content(path) as handle:
            return re.search(rb"<(?:[\w.-]+:)?TEI[\s>]", handle.read(SNIFF_LIMIT)) is not None


# --- text ---------------------------------------------------------------------------------

class _Line:
    """Text with whitespace collapsed as it is added, so recorded offsets are final.

    Whitespace-only text nodes (the volume's indentation between elements) print as one space,
    except right inside brackets and before closing punctuation: ``(<persName> Sebald </persName>)``
    prints "(Sebald)", ``<placeName> Tokyo </placeName>,`` prints "Tokyo,".
    """

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.pending = False  # an indentation space not yet known to print

    @property
    def last(self) -> str:
        return self.parts[-1][-1] if self.parts else ""

    def add(self, text: str) -> None:
        if text.isspace():  # the indentation between elements, most of a volume's text nodes
            self.pending = self.pending or self.last not in NO_SPACE_AFTER
            return
        if not text.isprintable() or "  " in text:  # no other whitespace than single spaces: nothing to fold
            text = _folded(text)
        if self.pending and not text.startswith(NO_SPACE_BEFORE):
            text = " " + text.lstrip(" ")
        self.pending = False
        if text.startswith(" ") and self.last in ("", " ", "\n"):
            text = text[1:]
        if text:
            self.parts.append(text)
            self.length += len(text)

    def marker(self, text: str) -> None:
        self.pending = False
        self.add(text)

    def newline(self) -> None:
        self.pending = False
        if self.last == " ":
            self.parts[-1] = self.parts[-1][:-1]
            self.length -= 1
            if not self.parts[-1]:
                self.parts.pop()
        if self.last not in ("", "\n"):
            self.parts.append("\n")
            self.length += 1

    def text(self) -> str:
        return "".join(self.parts).rstrip()


def _folded(text: str) -> str:
    """Each run of whitespace as one space (split and join: four times a regex's speed on the
    volumes' indented paragraphs)."""
    core = " ".join(text.split())
    if not core:
        return " "
    return (" " if text[0].isspace() else "") + core + (" " if text[-1].isspace() else "")


Skip = Callable[[etree._Element], bool]


class _Renderer:
    """Renders one document (and its enclosures), numbering its footnotes in text order."""

    def __init__(self) -> None:
        self.footnotes: list[str] = []

    def inline(self, el: etree._Element, *, lb: str = "\n", notes: bool = True, skip: Skip | None = None,
               spans: list[tuple[etree._Element, int, int]] | None = None) -> str:
        out = _Line()
        self._inline_into(el, out, lb, notes, skip, spans)
        return out.text()

    def _inline_into(self, el: etree._Element, out: _Line, lb: str, notes: bool, skip: Skip | None,
                     spans: list | None) -> None:
        if el.text:
            out.add(el.text)
        for child in el:
            self._inline_child(child, out, lb, notes, skip, spans)
            if child.tail:
                out.add(child.tail)

    def _inline_child(self, child: etree._Element, out: _Line, lb: str, notes: bool, skip: Skip | None,
                      spans: list | None) -> None:
        name = _local(child)
        if not name or name == "pb" or (skip and skip(child)):
            return
        if name == "note":
            if notes:
                out.marker(self._marker(child))
        elif name == "lb":
            out.newline() if lb == "\n" else out.add(" ")
        else:
            block = name in BLOCKS or name in ("row", "cell")
            if block:
                out.add(" ")
            start = out.length
            if len(child):
                self._inline_into(child, out, lb, notes, skip, spans)
            elif child.text:  # a name, a date, a word in italics: most elements hold only their text
                out.add(child.text)
            if spans is not None and child.get("type") in ("from", "to"):
                spans.append((child, start, out.length))
            if block:
                out.add(" ")

    def _marker(self, note: etree._Element) -> str:
        self.footnotes.append(self.inline(note, lb=" ", notes=False))
        return f"[^{len(self.footnotes)}]"

    def blocks(self, el: etree._Element) -> list[_Block]:
        """The blocks (paragraphs, lists, ...) an element prints as, in order, with their kinds."""
        name = _local(el)
        if name == "list":
            return _nonempty([("list-item", "\n".join(self.list_lines(el)))])
        if name == "table":
            rows = ("\t".join(self.inline(cell, lb=" ") for cell in row if _local(cell) == "cell")
                    for row in el if _local(row) == "row")
            return _nonempty([("table", "\n".join(row for row in rows if row.strip()))])
        if name == "attachment":
            header, body = self.document_parts(el)
            return _nonempty([("heading", "\n".join(header))]) + body
        if not any(_local(child) in BLOCKS for child in el):
            return _nonempty([(BLOCK_KINDS.get(name, "paragraph"), self.inline(el))])
        return self._mixed_blocks(el)

    def _mixed_blocks(self, el: etree._Element) -> list[_Block]:
        """A container holding text runs and blocks ("Respectfully yours," then <signed>)."""
        out: list[_Block] = []
        run = _Line()
        if el.text:
            run.add(el.text)
        for child in el:
            if _local(child) in BLOCKS:
                out.extend(_nonempty([("paragraph", run.text())]))
                run = _Line()
                out.extend(self.blocks(child))
            else:
                self._inline_child(child, run, "\n", True, None, None)
            if child.tail:
                run.add(child.tail)
        return out + _nonempty([("paragraph", run.text())])

    def list_lines(self, el: etree._Element) -> list[str]:
        """A list's head, then its items one per line (nested lists follow their item)."""
        lines: list[str] = []
        for child in el:
            name = _local(child)
            if name in ("head", "item", "label"):
                line = self.inline(child, lb=" ", skip=lambda e: _local(e) == "list")
                lines.extend([line] if line.strip() else [])
                for nested in child.iter(el.tag):
                    if nested is not child and nested.getparent() is child:
                        lines.extend(self.list_lines(nested))
        return lines

    def document_parts(self, div: etree._Element, number: str | None = None) -> tuple[list[str], list[_Block]]:
        """(header lines, body blocks) of a document or an enclosure."""
        header = [f"No. {number}"] if number else []
        source = _source_note(div)
        if source is not None:
            header.extend(line for line in [self.inline(source, lb=" ", notes=False)] if line.strip())
        body: list[_Block] = []
        for child in div:
            name = _local(child)
            if not name or name == "pb" or child is source:
                continue
            if name == "head" and not body:
                header.extend(line for line in [_drop_number(self.inline(child, lb=" ", skip=_is_source), number)]
                              if line.strip())
            elif name == "dateline" and not body:
                header.extend(self.inline(child).split("\n"))
            elif name == "opener" and not body:
                for part in child:
                    if _local(part):
                        header.extend(line for line in self.inline(part).split("\n") if line)
            else:
                body.extend(self.blocks(child))
        return header, body

    def render(self, div: etree._Element, number: str | None) -> Layout:
        """The document's text, and its layout read from the markup: header and blocks are the
        body, each <note> a numbered note tied to the marker where it stood."""
        header, body = self.document_parts(div, number)
        return _report_layout(_nonempty([("heading", "\n".join(header))]) + body, self.footnotes)


_Block = tuple[str, str]  # (kind, text) of one block of a rendered document
# TEI elements that print as a block of a kind other than a paragraph
BLOCK_KINDS = {"head": "heading", "quote": "quotation", "list": "list-item", "table": "table"}
RENDERED_MARKER = re.compile(r"\[\^(\d+)\]")
_LINE_OR_MARKER = re.compile(r"\n|" + RENDERED_MARKER.pattern)


def _nonempty(blocks: list[_Block]) -> list[_Block]:
    return [block for block in blocks if block[1].strip()]


def _report_layout(blocks: list[_Block], footnotes: list[str]) -> Layout:
    """The rendering (blocks, then the notes as ``[^k]: text`` lines) and its layout: the body
    holds the blocks with lines joined by spaces and markers taken out, and each note is
    numbered as the renderer numbered it, so nothing here is guessed from the text."""
    note_lines = [f"[^{k}]: {text}" for k, text in enumerate(footnotes, 1)]
    text = "\n\n".join([block for _, block in blocks] + (["\n".join(note_lines)] if note_lines else []))
    layout = Layout(text=text, body=TextMap())
    body = layout.body
    position = 0
    for kind, block in blocks:
        if position:
            body.emit("\n\n", position - 2, position)
        opened = len(body)
        _copy_block(text, position, position + len(block), layout)
        layout.blocks.append(BodyBlock(kind, opened, len(body)))
        position += len(block) + 2
    for k, note in enumerate(note_lines, 1):
        note_map = TextMap()
        lead = len(f"[^{k}]: ")
        note_map.copy(text, position + lead, position + len(note))
        layout.notes.append(NoteBlock(k, note_map.text, note_map, position, position + len(note)))
        position += len(note) + 1
    return layout


def _copy_block(text: str, start: int, end: int, layout: Layout) -> None:
    """One block into the body: its line breaks as spaces, its note markers recorded."""
    body = layout.body
    if text.find("\n", start, end) < 0 and text.find("[^", start, end) < 0:  # most paragraphs: one run
        body.copy(text, start, end)
        return
    position = start
    for m in _LINE_OR_MARKER.finditer(text, start, end):
        at, to = m.start(), m.end()
        body.copy(text, position, at)
        if m.group() == "\n":
            body.emit(" ", at, to)
        else:
            body.rstrip_spaces()
            layout.markers.append(Marker(int(m.group(1)), len(body), at, to, explicit=True))
        position = to
    body.copy(text, position, end)


def _is_source(el: etree._Element) -> bool:
    return _local(el) == "note" and el.get("type") == "source"


def _source_note(div: etree._Element) -> etree._Element | None:
    """note[@type="source"]: before the head (1949) or inside it (1952-54)."""
    for child in div:
        if _is_source(child):
            return child
        if _local(child) == "head":
            return next((note for note in child if _is_source(note)), None)
    return None


def _drop_number(heading: str, number: str | None) -> str:
    """The heading without a leading "No. 467" (or the newer volumes' "467.") that the rendering
    already printed."""
    if number:
        bare = heading[_NUMBER_WORD.match(heading).end():]  # after "No." (a pattern per number would be compiled per document)
        if bare.startswith(number) and not _WORD_GOES_ON.match(bare, len(number)):
            heading = _AFTER_NUMBER.sub("", bare[len(number):], count=1)
    return heading


_NUMBER_WORD = re.compile(r"(?:No\.\s*)?")
_WORD_GOES_ON = re.compile(r"(?<=\w)\w")  # "46" is not the number of "467"
_AFTER_NUMBER = re.compile(r"^\.?\s*")


# --- report fields ------------------------------------------------------------------------

def _first(el: etree._Element, name: str) -> etree._Element | None:
    return next((e for e in el.iter() if _local(e) == name), None)


def _own_dateline(div: etree._Element) -> etree._Element | None:
    """The document's dateline: its own, or in an opener, or in a closer (notes are dated at
    their end); never an enclosure's."""
    for child in div:
        name = _local(child)
        if name == "dateline":
            return child
        if name in ("opener", "closer"):
            found = next((e for e in child if _local(e) == "dateline"), None)
            if found is not None:
                return found
    return None


def _when(div: etree._Element, dateline: etree._Element | None) -> tuple[str | None, str | None, str | None]:
    """(date, time, problem) from dateline/date/@when, else the div's frus:doc-dateTime-min/max
    when both fall on one day."""
    date = _first(dateline, "date") if dateline is not None else None
    if date is not None and date.get("when"):
        calendar = date.get("calendar", "gregorian").lower()
        if calendar != "gregorian":
            return None, None, f"date in the {calendar} calendar is not converted"
        return _parse_when(date.get("when", ""))
    bounds = {etree.QName(key).localname: value for key, value in div.attrib.items()}
    low, high = bounds.get("doc-dateTime-min"), bounds.get("doc-dateTime-max")
    if low and high and low[:10] == high[:10]:
        return _parse_when(low if low == high else low[:10])
    return None, None, None


def _parse_when(value: str) -> tuple[str | None, str | None, str | None]:
    match = WHEN.match(value.strip())
    if not match:
        return None, None, f"date @when {value!r} is not an ISO day"
    time = match["hm"]
    if time and match["s"] and match["s"] != "00":
        time += f":{match['s']}"
    if time and match["tz"]:
        time += match["tz"]
    return match["day"], time, None


def _place(dateline: etree._Element | None) -> tuple[str | None, bool]:
    """(place, supplied by the editor): "[Washington,]" -> ("Washington", True)."""
    name = _first(dateline, "placeName") if dateline is not None else None
    if name is None:
        return None, False
    text = WHITESPACE.sub(" ", "".join(name.itertext())).strip()
    before = name.getprevious().tail if name.getprevious() is not None else name.getparent().text
    supplied = "[" in text or (before or "").rstrip().endswith("[")
    place = text.strip("[] ,.;:")
    return place or None, supplied


def _classification(lines: list[str]) -> str | None:
    """The classification a line opens with (the header reader's words)."""
    return headers.classification(lines)


def _type(source_note: str | None, heading: str, own_number: str | None, first_paragraph: str) -> str | None:
    """The type the source note's suffix names ("…: Telegram"), else the heading's first words,
    else a despatch for a numbered communication, a letter for one opening "Dear …"."""
    kind = headers.source_type(source_note) or _heading_type(heading)[0]
    if kind:
        return kind
    if own_number:  # a numbered communication that is not a telegram: FRUS prints despatches so
        return "despatch"
    if re.match(r"(?:my )?dear\b", first_paragraph.lower()):
        return "letter"
    return None


def _heading_type(heading: str) -> tuple[str | None, int]:
    """(type, end of the type phrase) from a heading's first words, after any qualifier."""
    return headers.heading_type(heading)


def _split_point(heading: str, start: int, spans: list[tuple[etree._Element, int, int]]
                 ) -> tuple[int, int] | None:
    """Where the sender's phrase turns into the recipient's (the span of " to "), or None: the
    header reader's turn, told where the from marks end and the to marks start."""
    froms = [e for el, _s, e in spans if el.get("type") == "from"]
    tos = [s for el, s, _e in spans if el.get("type") == "to"]
    return headers.split_point(heading, start, froms, tos)


@dataclass
class _Side:
    role: str | None = None
    name: str | None = None
    person: str | None = None
    side: str | None = None  # a SIDES code


def _sides(heading: str, spans: list[tuple[etree._Element, int, int]], doc_id: str
           ) -> tuple[_Side, _Side, list[Diagnostic]]:
    """Sender and recipient: their phrases from the heading text, their names from the marks.
    A heading without from/to marks is read by the plain-text reports' ``parse_heading``."""
    parts = headers.parse_heading(heading)
    if not spans:
        return (_Side(parts.sender_role, parts.sender, None, parts.sender_side),
                _Side(parts.recipient_role, parts.recipient, None, parts.recipient_side), [])
    sender, recipient, diagnostics = _marked_sides(heading, spans, doc_id)
    # the side (USSR, JPN …) of a phrase read the same way by both
    if sender.role and _same_phrase(sender.role, parts.sender_role):
        sender.side = parts.sender_side
    if recipient.role and _same_phrase(recipient.role, parts.recipient_role):
        recipient.side = parts.recipient_side
    return sender, recipient, diagnostics


def _same_phrase(marked: str, read: str | None) -> bool:
    """The same side's phrase, whatever date and place the heading ends with."""
    return bool(read) and headers.strip_date(marked).strip(" ,.") == headers.strip_date(read or "").strip(" ,.")


def _marked_sides(heading: str, spans: list[tuple[etree._Element, int, int]], doc_id: str
                  ) -> tuple[_Side, _Side, list[Diagnostic]]:
    """Sides of a heading with from/to marks. When the heading turns from sender to recipient
    at a " to ", each mark belongs to the side whose phrase it stands in, and a mark whose @type
    says otherwise (an encoding slip) is reported. Without that turn the marks are taken at
    their word."""
    kind, type_end = _heading_type(heading)
    by = BY.search(heading, type_end) if kind else None
    start = by.end() if by else (None if kind else 0)
    split = _split_point(heading, start, spans) if start is not None else None
    sender, recipient = _Side(), _Side()
    if split is None:
        if by:
            sender.role = heading[start:].strip(" ,") or None
        _name_side(sender, [m for m in spans if m[0].get("type") == "from"])
        _name_side(recipient, [m for m in spans if m[0].get("type") == "to"])
        return sender, recipient, []
    cut, resume = split
    sender.role, recipient.role = heading[start:cut].strip(" ,") or None, heading[resume:].strip(" ,") or None
    diagnostics = []
    for side, expected, marks in ((sender, "from", [m for m in spans if start <= m[1] and m[2] <= cut]),
                                  (recipient, "to", [m for m in spans if m[1] >= resume])):
        for el, _s, _e in marks:
            if el.get("type") != expected:
                text = WHITESPACE.sub(" ", "".join(el.itertext())).strip()
                where = "sender" if side is sender else "recipient"
                diagnostics.append(Diagnostic("tei-heading-markup", f"{doc_id}: '{el.get('type')}' mark on "
                                              f"{text!r} stands in the {where}'s phrase"))
        _name_side(side, marks)
    return sender, recipient, diagnostics


def _name_side(side: _Side, marks: list[tuple[etree._Element, int, int]]) -> None:
    """The side's name: a marked person, else a marked office, else the bracketed name or the office."""
    people = [el for el, _s, _e in marks if _local(el) == "persName"]
    chosen = people[0] if people else (marks[0][0] if marks else None)
    if chosen is not None:
        side.name = WHITESPACE.sub(" ", "".join(chosen.itertext())).strip() or None
        corresp = (chosen.get("corresp") or "").split()
        side.person = corresp[0].lstrip("#") if corresp and _local(chosen) == "persName" else None
    elif side.role:
        side.name = headers.party_name(side.role)


def _persons(div: etree._Element, persons_list: dict[str, str]) -> list[dict[str, str]]:
    seen: dict[str, str] = {}
    for el in div.iter("{*}persName"):  # lxml picks them out
        for ref in (el.get("corresp") or "").split():
            key = ref.lstrip("#")
            if key and key not in seen:
                seen[key] = persons_list.get(key) or WHITESPACE.sub(" ", "".join(el.itertext())).strip()
    return [{"id": key, "name": name} for key, name in seen.items()]


def _read_document(div: etree._Element, doc_id: str, chapter: str | None,
                   persons_list: dict[str, str]) -> tuple[Report, Layout, list[Diagnostic]]:
    renderer = _Renderer()
    number = div.get("n")
    layout = renderer.render(div, number)
    layout.names = _marked_names(div, layout.body.text)
    text = layout.text
    head = next((child for child in div if _local(child) == "head"), None)
    spans: list[tuple[etree._Element, int, int]] = []
    heading = renderer.inline(head, lb=" ", notes=False, skip=_is_source, spans=spans) if head is not None else ""
    dropped = _drop_number(heading, number)
    shift = len(heading) - len(dropped)
    spans = [(el, s - shift, e - shift) for el, s, e in spans]
    source = _source_note(div)
    source_note = renderer.inline(source, lb=" ", notes=False) if source is not None else None
    dateline = _own_dateline(div)
    date, time, problem = _when(div, dateline)
    place, supplied = _place(dateline)
    dateline_text = renderer.inline(dateline, notes=False) if dateline is not None else ""
    received = RECEIVED.search(dateline_text)
    opener_lines, leading_flushleft, first_paragraph = _opening_lines(div, renderer)
    own = next((m[1] for line in opener_lines if (m := OWN_NUMBER.match(line))), None)
    sender, recipient, diagnostics = _sides(dropped, spans, doc_id)
    if date is None:
        diagnostics.append(Diagnostic("tei-no-date", f"{doc_id}: {problem or 'no date'}"))
    report = Report(
        id=doc_id, start=0, end=len(text), heading=dropped or None,
        type=_type(source_note, dropped, own, first_paragraph), number=number,
        date=date, time=time, place=place, place_supplied=supplied,
        received=received[0] if received else None,
        sender=sender.name, recipient=recipient.name,
        sender_role=sender.role, recipient_role=recipient.role,
        sender_side=sender.side, recipient_side=recipient.side,
        sender_person=sender.person, recipient_person=recipient.person,
        classification=_classification(opener_lines + leading_flushleft + headers.source_sentences(source_note)),
        source_note=source_note or None, own_number=own, chapter=chapter,
        tagged_persons=_persons(div, persons_list),
        enclosures=[renderer.inline(h, lb=" ", notes=False) for a in div.iter("{*}attachment")
                    for h in a if _local(h) == "head"],
        line=div.sourceline,
    )
    return report, layout, diagnostics


_MARKED_KINDS = {"persName": "person", "orgName": "organization", "placeName": "place"}


def _marked_names(div: etree._Element, body: str) -> list[NameMark]:
    """The names the edition marks in the document outside its notes, placed in the body: each
    found by its words, in document order, from where the one before it was found (a name the
    rendering does not hold as written is left out)."""
    marks: list[NameMark] = []
    cursor = 0
    for el in div.iter(*(f"{{*}}{name}" for name in _MARKED_KINDS)):  # lxml picks them out, in document order
        kind = _MARKED_KINDS[_local(el)]
        if next(el.iterancestors("{*}note"), None) is not None:
            continue
        words = WHITESPACE.sub(" ", "".join(
            t for n in el.iter() if _local(n) != "note" for t in (n.text, n.tail if n is not el else None) if t)).split()
        if not words:
            continue
        found = _words_pattern(tuple(words)).search(body, cursor)
        if found is None:
            continue
        ref = (el.get("corresp") or "").split()
        marks.append(NameMark(kind, found.start(), found.end(), ref[0].lstrip("#") if ref else None))
        cursor = found.end()
    return marks


@lru_cache(maxsize=4096)  # a volume names the same people again and again
def _words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\s+".join(re.escape(w) for w in words))


def _opening_lines(div: etree._Element, renderer: _Renderer) -> tuple[list[str], list[str], str]:
    """(opener lines other than the dateline, lines of the leading p[@rend="flushleft"]s, the
    first ordinary paragraph's text)."""
    opener: list[str] = []
    flushleft: list[str] = []
    for child in div:
        name = _local(child)
        if name == "opener":
            for part in child:
                if _local(part) and _local(part) != "dateline":
                    opener.extend(renderer.inline(part, notes=False).split("\n"))
        elif name == "p":
            if child.get("rend") != "flushleft":
                return opener, flushleft, renderer.inline(child, notes=False)
            flushleft.extend(renderer.inline(child, notes=False).split("\n"))
    return opener, flushleft, ""


# --- the volume ---------------------------------------------------------------------------

@dataclass
class _Division:
    type: str | None
    heading: str | None = None


def _persons_list(div: etree._Element) -> dict[str, str]:
    xml_id = "{http://www.w3.org/XML/1998/namespace}id"
    return {el.get(xml_id): WHITESPACE.sub(" ", "".join(el.itertext())).strip()
            for el in div.iter() if _local(el) == "persName" and el.get(xml_id)}


def _identifications(div: etree._Element) -> dict[str, str]:
    """What the list of persons says of each person, by their id: the item's text after the name
    ("Secretary of State, January 1949–January 1953")."""
    found = {}
    for item in div.iter():
        if _local(item) != "item":
            continue
        name = next((el for el in item.iter() if _local(el) == "persName" and el.get(XML_ID)), None)
        if name is None:
            continue
        text = WHITESPACE.sub(" ", "".join(item.itertext())).strip()
        written = WHITESPACE.sub(" ", "".join(name.itertext())).strip()
        found[name.get(XML_ID)] = text[text.find(written) + len(written):].lstrip(" ,;:—–-") if written in text else ""
    return found


def _header_info(header: etree._Element) -> dict[str, Any]:
    idno = next((e for e in header.iter() if _local(e) == "idno" and e.get("type") == "frus"), None)
    titles = [e for e in header.iter() if _local(e) == "title"]
    title = next((t for t in titles if t.get("type") == "complete"), titles[0] if titles else None)
    flat = lambda el: WHITESPACE.sub(" ", "".join(el.itertext())).strip() if el is not None else None  # noqa: E731
    return {"idno": flat(idno) or None, "title": flat(title) or None}


XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def _unique_id(div: etree._Element, seen: dict[str, int]) -> tuple[str, list[Diagnostic]]:
    """The document's xml:id ("r" + its line when it has none), made unique: a repeat of d6 is
    d6-2, with a diagnostic."""
    doc_id = div.get(XML_ID) or f"r{div.sourceline}"
    seen[doc_id] = seen.get(doc_id, 0) + 1
    if seen[doc_id] == 1:
        return doc_id, []
    unique = f"{doc_id}-{seen[doc_id]}"
    return unique, [Diagnostic("tei-duplicate-id", f"{unique}: xml:id {doc_id!r} repeated at line {div.sourceline}; "
                               f"this document is {unique}")]


def _walk(path: Path, info: dict[str, Any], stop_at_body: bool = False
          ) -> Iterator[tuple[Report, Layout, list[Diagnostic]]]:
    """The volume's documents in order; fills ``info`` (idno, title, persons) on the way."""
    ns = _tei_namespace(path)
    stack: list[_Division] = []
    seen: dict[str, int] = {}
    in_document = 0
    for event, el in _events(path, ns, ("teiHeader", "div", "head", "body")):
        name = _local(el)
        if event == "start":
            if name == "body" and stop_at_body:
                return
            if name == "div":
                stack.append(_Division(el.get("type")))
                in_document += el.get("type") == "document"
            continue
        if name == "teiHeader":
            info.update(_header_info(el))
            _release(el)
        elif name == "head" and not in_document and stack and stack[-1].type in CHAPTER_TYPES \
                and el.getparent() is not None and _local(el.getparent()) == "div":
            stack[-1].heading = _Renderer().inline(el, lb=" ", notes=False)
        elif name == "div" and stack:
            division = stack.pop()
            if division.type == "document":
                in_document -= 1
                if in_document:
                    continue  # a document inside a document prints as part of its parent
                chapter = next((d.heading for d in reversed(stack) if d.heading), None)
                doc_id, repeated = _unique_id(el, seen)
                report, layout, diagnostics = _read_document(el, doc_id, chapter, info["persons"])
                yield report, layout, repeated + diagnostics
                _release(el)
            elif not in_document:
                if el.get(XML_ID) == "persons":
                    info["persons"].update(_persons_list(el))
                    info["identifications"].update(_identifications(el))
                _release(el)


def iter_reports(path: str | Path) -> Iterator[TeiItem]:
    """The volume's reports in order, each with its rendering and offsets in the volume text;
    a fatal problem ends the stream with an item whose report is None."""
    path = Path(path)
    info: dict[str, Any] = {"persons": {}, "identifications": {}}
    offset = 0
    try:
        for report, layout, diagnostics in _walk(path, info):
            report.start, report.end = offset, offset + len(layout.text)
            offset = report.end + len(REPORT_SEPARATOR)
            yield TeiItem(report, layout.text, diagnostics, layout)
    except TeiProblem as problem:
        yield TeiItem(None, "", [Diagnostic(problem.code, problem.message)])


def render_volume(path: str | Path, diagnostics: list[Diagnostic] | None = None,
                  persons_list: bool = False) -> Iterator[str]:
    """The volume's text rendering in pieces (reports and separators); what tei_to_text writes.
    Diagnostics, when a list is given, are collected into it. With ``persons_list``, the
    volume's list of persons opens it, as in the printed volume (``render_persons_list``)."""
    if persons_list and (front := render_persons_list(path)):
        yield front + REPORT_SEPARATOR
    first = True
    for item in iter_reports(path):
        if diagnostics is not None:
            diagnostics.extend(item.diagnostics)
        if item.report is None:
            continue
        if not first:
            yield REPORT_SEPARATOR
        first = False
        yield item.text


def render_persons_list(path: str | Path) -> str:
    """The volume's list of persons as the printed volume shows it, a heading and an entry a
    line ("Anderson, H. Eugenie, Minister to Bulgaria to December 1964"); "" when it has none."""
    info = volume_info(path)
    entries = [", ".join(filter(None, (written, info["identifications"].get(key, ""))))
               for key, written in info["persons"].items()]
    return "Persons\n\n" + "\n".join(entries) if entries else ""


def volume_info(path: str | Path) -> dict[str, Any]:
    """idno, title, the persons list {id: name} and what it says of each {id: identification},
    read from the front of the volume only. A file that cannot be read gives Nones and empty
    lists, plus "problem"."""
    info: dict[str, Any] = {"idno": None, "title": None, "persons": {}, "identifications": {}}
    try:
        for _ in _walk(Path(path), info, stop_at_body=True):
            pass
    except TeiProblem as problem:
        info["problem"] = problem.message
    return info
