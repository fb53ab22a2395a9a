"""Reader for Word documents (.docx): a historian's own manuscript, its notes read, not guessed.

A DOCX file is a zip of XML parts. The body is ``word/document.xml``; the notes are
``word/footnotes.xml`` and ``word/endnotes.xml``, each tied to the body by a
``w:footnoteReference``/``w:endnoteReference`` standing where its marker is printed. So nothing
here is recognised from the look of the text: a paragraph is a heading because its style (Heading
1 … 9, Title) or its outline level says so, a quotation because its style is Quote, Intense Quote,
Block Text or Quotations, a list item because it is numbered (``w:numPr``), a table is a table.

Numbering: each note gets the number it is displayed with. Footnotes are numbered in the order of
their references in the body, from the ``w:numStart`` the document sets (1 by default); endnotes
likewise. A document with both keeps them apart: its endnotes are numbered after its last
footnote (footnotes 1–12, endnotes 13–15), since a Word endnote shows i, ii, iii … where a
footnote shows 1, 2, 3 and the store knows notes by one number. A note shown with a mark of its
own (``w:customMarkFollows``, an asterisk) is numbered after all the others, and its marker stands
for the mark. Numbering restarted on each page or section is read as running on. A marker before
the body (on the title or an author: an acknowledgement) is placed at the body's start.

The text the document is stored with (``Layout.text``) is its paragraphs, one a line and a blank
line between them (a line break within one as a new line, a tab as a tab, table cells parted by
tabs and rows by new lines), each note marker written ``[^n]`` where it stands, and then the
notes, one a line: ``[^n]: text``. Every offset points into it: a NoteBlock's at its line, a
Marker's at its ``[^n]`` in the body paragraph.

What is read as the author sees the document with all changes accepted: insertions (``w:ins``,
``w:moveTo``) are read, deletions (``w:del``, ``w:moveFrom``) are not, and a paragraph whose mark
was deleted runs on into the next. Hidden text (``w:vanish``) is not read. A field shows its
result, never its instruction: a Zotero or EndNote citation reads as the citation it prints, a
cross-reference as its number. Soft hyphens are dropped; a non-breaking hyphen is a hyphen.
Not read: text boxes and drawings, comments, headers and footers, a table of contents (its
``TOC`` styles or content control), equations, embedded objects and ``w:altChunk`` imports.

Sections as the text reader has them (``legation.ingest.text.SECTION_NAMES``): a heading or a
short paragraph naming "Bibliography", "References", "Works Cited", "Список литературы",
"Источники и литература" … opens the reference list; paragraphs styled "Bibliography" (a
reference manager's list) are entries wherever they stand. Before the body: a Title, Subtitle,
Author or Date paragraph, a journal or DOI line, an "Abstract" heading, paragraph or style, and a
"Keywords:" paragraph are front matter. ``docProps/core.xml`` gives the title and the authors
(``dc:title``, ``dc:creator``, several parted by ";") where they are given and not empty.

Safety: only the parts named above are read, each at most MAX_PART bytes unpacked (a zip bomb is
refused before it is inflated); XML is parsed without entity expansion, DTD loading or network
access, and a part with a DOCTYPE is refused (Word never writes one). A file that is not a Word
document, or is encrypted, macro-enabled, damaged or malformed, raises one InputError naming it.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from legation.errors import InputError
from legation.ingest.text import (ABSTRACT_LINE, BACK_MATTER_LINE, FRONT_MATTER_LINE, KEYWORDS_LINE,
                                  MAX_ABSTRACT_PARAGRAPHS, SECTION_NAMES, _is_prose, _reads_as_entries)
from legation.lexicon.journals import JOURNAL_LINES
from legation.model import BodyBlock, Heading, Layout, Marker, NoteBlock, Work
from legation.textmap import TextMap

MAX_PART = 200 * 1024 * 1024  # unpacked bytes of any part read, and of all of them together
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: an encrypted .docx, or a .doc
PARSER_OPTIONS: dict[str, Any] = dict(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                                      remove_comments=True, remove_pis=True)

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
W_NAMESPACES = ("http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                "http://purl.oclc.org/ooxml/wordprocessingml/main")  # transitional, strict
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
DC_NS = "http://purl.org/dc/elements/1.1/"

# Paragraph styles, by their names lower-cased (a localised Word keeps the English names of its
# built-in styles in styles.xml; pandoc and LibreOffice name theirs as below).
QUOTE_STYLES = {"quote", "intense quote", "block text", "quotations", "quotation", "block quote", "blockquote"}
FRONT_STYLES = {"subtitle", "date"}  # and "author"
HEADING_STYLE = re.compile(r"^heading\s*(\d)$")
SKIPPED_STYLES = re.compile(r"^toc\b|^toc\s*\d|^toc ?heading|^table of (?:contents|figures)$")
NOTE_SERIES = ("footnote", "endnote")
# What the walk does with an element (see _Word.inline_kind and run_kind).
RUN, DESCEND, SDT, ALTERNATE = "run", "descend", "sdt", "alternate"
TEXT, PROPS, FIELD, NOTE_REF, HYPHEN, SYMBOL, RUBY = "text", "props", "field", "ref", "hyphen", "symbol", "ruby"
SPACE_RUN = re.compile(r"[ \t\n]+")
DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>\]]+[^\s\"<>\].,;)])")  # as the work extractor reads one
# dc:creator as Word fills it from an account, not an author
PLACEHOLDER_CREATORS = {"user", "admin", "administrator", "author", "unknown", "owner", "microsoft office user",
                        "windows user", "microsoft office-anwender", "пользователь", "python-docx"}


# --- the package ---------------------------------------------------------------------------

class _Package:
    """The zip, read part by part within MAX_PART, and its parts' XML parsed safely."""

    def __init__(self, path: Path):
        self.path = path
        self.shown = str(path)
        self.read_so_far = 0
        self.zip = _open_zip(path)
        self.names = set(self.zip.namelist())
        self.relationships: dict[str, dict[str, str]] = {}  # part -> relationship kind -> target part

    def fail(self, problem: str) -> InputError:
        return InputError(self.shown, problem)

    def data(self, name: str) -> bytes | None:
        """The part's bytes, or None where the package has no such part."""
        if name not in self.names:
            return None
        info = self.zip.getinfo(name)
        if info.file_size > MAX_PART or self.read_so_far + info.file_size > MAX_PART:
            raise self.fail(f"{name} unpacks to {info.file_size >> 20} MB, more than "
                            f"{MAX_PART >> 20} MB: refused (a zip bomb?)")
        try:
            with self.zip.open(name) as handle:
                data = handle.read(MAX_PART - self.read_so_far + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError,
                ValueError) as err:
            raise self.fail(f"damaged Word document (the zip is corrupt: {_one_line(err)})") from None
        self.read_so_far += len(data)
        if self.read_so_far > MAX_PART:
            raise self.fail(f"{name} unpacks to more than {MAX_PART >> 20} MB: refused (a zip bomb?)")
        return data

    def xml(self, name: str | None) -> etree._Element | None:
        data = self.data(name) if name else None
        if data is None:
            return None
        if _declares_doctype(data):
            raise self.fail(f"{name} declares a DOCTYPE, which Word never writes: refused")
        parser = etree.XMLParser(**PARSER_OPTIONS)
        try:
            root = etree.fromstring(data, parser)
        except etree.XMLSyntaxError as err:
            line = err.lineno or (err.position[0] if err.position else None)
            where = f" at line {line}" if line else ""
            message = re.sub(r"(?:, line \d+, column \d+)+$", "", str(err.msg or err))
            raise self.fail(f"malformed XML in {name}{where}: {_one_line(message)}") from None
        if root.getroottree().docinfo.doctype:
            raise self.fail(f"{name} declares a DOCTYPE, which Word never writes: refused")
        return root

    def related(self, part: str, kind: str) -> str | None:
        """The part a relationship of this kind ("footnotes", "styles", …) leads to from ``part``."""
        if part not in self.relationships:
            found: dict[str, str] = {}
            folder, base = posixpath.split(part)
            rels = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
            for rel in rels.iter(f"{{{REL_NS}}}Relationship") if rels is not None else ():
                if rel.get("TargetMode") != "External":
                    target = rel.get("Target", "")
                    joined = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
                    found.setdefault(rel.get("Type", "").rsplit("/", 1)[-1], posixpath.normpath(joined))
            self.relationships[part] = found
        return self.relationships[part].get(kind)


def _declares_doctype(data: bytes) -> bool:
    """Is there a DOCTYPE before the root element (after the XML declaration, comments, PIs)?"""
    at = 0
    while (at := data.find(b"<", at, 65536)) >= 0:
        if data.startswith(b"<?", at):
            at = data.find(b"?>", at)
        elif data.startswith(b"<!--", at):
            at = data.find(b"-->", at)
        else:
            return data.startswith(b"<!DOCTYPE", at)
        if at < 0:
            return False
    return False


def _open_zip(path: Path) -> zipfile.ZipFile:
    shown = str(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as err:
        raise InputError(shown, f"cannot be read ({err.strerror or err})") from None
    if not head:
        raise InputError(shown, "empty file")
    if head == OLE_MAGIC:
        raise InputError(shown, _ole_problem(path))
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, NotImplementedError):
        if head.startswith(b"PK\x03\x04"):  # a zip's first entry, but no readable directory at its end
            raise InputError(shown, "damaged Word document (the zip is cut short or corrupt)") from None
        raise InputError(shown, "not a Word document (not a zip file)") from None


def _ole_problem(path: Path) -> str:
    """An OLE compound file: an encrypted .docx (its EncryptedPackage stream) or an old .doc."""
    with path.open("rb") as handle:
        data = handle.read(MAX_PART)
    if "EncryptedPackage".encode("utf-16-le") in data:
        return "encrypted Word document: save it without a password"
    return "a Word 97–2003 document (.doc), not .docx: save it as .docx"


def _one_line(value: Any) -> str:
    return " ".join(str(value).split())


def _main_part(package: _Package) -> str:
    """The main document part, refusing what is not a Word document or carries macros."""
    names = package.names
    if "mimetype" in names and "content.xml" in names:
        raise package.fail("an OpenDocument file (.odt), not a Word document: save it as .docx")
    if package.path.suffix.lower() == ".docm" or any(n.rsplit("/", 1)[-1].lower() == "vbaproject.bin" for n in names):
        raise package.fail("macro-enabled Word document (.docm): save it as .docx")
    main = package.related("", "officeDocument") or "word/document.xml"
    if main not in names:
        raise package.fail("not a Word document (no word/document.xml)")
    return main


# --- styles and settings -------------------------------------------------------------------

@dataclass
class _Style:
    name: str
    based_on: str | None
    outline: int | None
    numbered: bool


class _Word:
    """Tag names in the document's WordprocessingML namespace, and what its styles mean."""

    def __init__(self, namespace: str):
        self.ns = namespace
        for name in ("body", "p", "r", "t", "tab", "ptab", "br", "cr", "tbl", "tr", "tc", "sdt", "sdtContent",
                     "customXml", "hyperlink", "smartTag", "ins", "moveTo", "del", "moveFrom", "fldSimple", "dir",
                     "bdo", "pPr", "rPr", "pStyle", "outlineLvl", "numPr", "numId", "vanish", "fldChar",
                     "instrText", "footnoteReference", "endnoteReference", "noBreakHyphen", "sym", "trPr",
                     "sdtPr", "docPartObj", "docPartGallery", "footnote", "endnote", "style", "name", "basedOn",
                     "footnotePr", "endnotePr", "numStart", "sectPr"):
            setattr(self, name, f"{{{namespace}}}{name}")
        self.del_ = f"{{{namespace}}}del"
        # inline wrappers whose runs are read as if they stood in the paragraph
        self.descend = {self.hyperlink, self.smartTag, self.customXml, self.ins, self.moveTo, self.fldSimple,
                        self.dir, self.bdo, self.sdtContent}
        # what a child of a paragraph (or of a wrapper in one) is, and what a child of a run is
        self.inline_kind = {self.r: RUN, **dict.fromkeys(self.descend, DESCEND), self.sdt: SDT,
                            f"{{{MC_NS}}}AlternateContent": ALTERNATE}
        self.run_kind = {self.t: TEXT, self.rPr: PROPS, self.fldChar: FIELD, self.tab: "tab", self.ptab: "tab",
                         self.br: "br", self.cr: "br", self.footnoteReference: NOTE_REF,
                         self.endnoteReference: NOTE_REF, self.noBreakHyphen: HYPHEN, self.sym: SYMBOL,
                         f"{{{namespace}}}ruby": RUBY}
        self.rubyBase = f"{{{namespace}}}rubyBase"
        # what only the full walk reads right (fields, deletions, hidden text, text boxes, ruby, …);
        # a paragraph without any is read from its text, tab, break and note reference elements
        self.hard = (self.fldChar, self.instrText, self.fldSimple, self.del_, self.moveFrom, self.vanish,
                     self.sym, f"{{{namespace}}}txbxContent", f"{{{namespace}}}specVanish",
                     f"{{{MC_NS}}}AlternateContent", f"{{{namespace}}}delText", f"{{{namespace}}}ruby",
                     "{http://schemas.openxmlformats.org/officeDocument/2006/math}oMath")
        self.flat = (self.t, self.tab, self.ptab, self.br, self.cr, self.footnoteReference, self.endnoteReference,
                     self.noBreakHyphen)
        self.val = f"{{{namespace}}}val"
        self.id = f"{{{namespace}}}id"
        self.type = f"{{{namespace}}}type"
        self.styleId = f"{{{namespace}}}styleId"
        self.fldCharType = f"{{{namespace}}}fldCharType"
        self.customMarkFollows = f"{{{namespace}}}customMarkFollows"
        self.char = f"{{{namespace}}}char"
        self.style_elements: dict[str, etree._Element] = {}
        self._kinds: dict[str | None, tuple[str, int]] = {}

    def read_styles(self, root: etree._Element | None) -> None:
        """The style elements by id; each is read when a paragraph first names it."""
        if root is not None:
            for style in root.iterchildren(self.style):
                self.style_elements.setdefault(style.get(self.styleId), style)

    def _style(self, style_id: str) -> _Style:
        style = self.style_elements.get(style_id)
        if style is None:  # no styles part, or no such style: its id says what it is ("Heading1")
            return _Style(re.sub(r"(?<=[a-z])(?=\d)", " ", style_id.lower()), None, None, False)
        name = style.find(self.name)
        based = style.find(self.basedOn)
        ppr = style.find(self.pPr)
        outline = ppr.find(self.outlineLvl) if ppr is not None else None
        numbered = ppr is not None and _numbered(self, ppr.find(self.numPr))
        return _Style((name.get(self.val) if name is not None else style_id).strip().lower(),
                      based.get(self.val) if based is not None else None,
                      _int(outline.get(self.val)) if outline is not None else None, numbered)

    def style_kind(self, style_id: str | None) -> tuple[str, int]:
        """(kind, heading level) of a paragraph style, following what it is based on."""
        if style_id not in self._kinds:
            self._kinds[style_id] = self._style_kind(style_id)
        return self._kinds[style_id]

    def _style_kind(self, style_id: str | None) -> tuple[str, int]:
        seen: set[str] = set()
        numbered = False
        while style_id is not None and style_id not in seen and len(seen) < 20:
            seen.add(style_id)
            style = self._style(style_id)
            name = style.name
            heading = HEADING_STYLE.match(name)
            if name == "title":
                return "title", 1
            if heading:
                return "heading", int(heading.group(1))
            if style.outline is not None and 0 <= style.outline < 9:
                return "heading", style.outline + 1
            if name in QUOTE_STYLES:
                return "quotation", 0
            if name == "author":
                return "author", 0
            if name in FRONT_STYLES:
                return "front", 0
            if name == "abstract":
                return "abstract", 0
            if name == "bibliography":
                return "bibliography", 0
            if SKIPPED_STYLES.match(name):
                return "skip", 0
            numbered = numbered or style.numbered or name.startswith("list ")
            style_id = style.based_on
        return ("list-item" if numbered else "paragraph"), 0


def _numbered(w: _Word, numpr: etree._Element | None) -> bool:
    if numpr is None:
        return False
    num_id = numpr.find(w.numId)
    return num_id is None or num_id.get(w.val) not in ("0", None)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _on(el: etree._Element, w: _Word) -> bool:
    """A toggle property (w:vanish): on unless its val says false."""
    return el.get(w.val, "true").lower() not in ("false", "0", "off")


# --- walking the stories --------------------------------------------------------------------

# A paragraph's content, as pieces: ("t", text), ("tab",), ("br",), ("cell",), ("row",), or
# ("ref", series, id, custom mark).
Piece = tuple


@dataclass
class _Para:
    kind: str  # paragraph, heading, title, quotation, list-item, table, front, author, abstract, bibliography, skip
    level: int = 0
    pieces: list[Piece] = field(default_factory=list)


class _Walker:
    """Walks one story (the body, or one note) in document order, collecting its paragraphs.

    Fields: ``fields`` holds the open fields' states ("code" until ``separate``, then "result");
    text shows only while no open field is in its code. The stack lives as long as the story, for
    a field may span paragraphs (a Zotero bibliography does)."""

    def __init__(self, w: _Word, in_note: bool = False):
        self.w = w
        self.in_note = in_note
        self.fields: list[str] = []
        self.paras: list[_Para] = []
        self.carry: list[Piece] = []  # pieces of paragraphs whose mark was deleted, run on into the next

    # blocks
    def blocks(self, container: etree._Element) -> None:
        w = self.w
        for child in container:
            tag = child.tag
            if tag == w.p:
                self.paragraph(child)
            elif tag == w.tbl:
                self.flush()
                self.paras.append(_Para("table", pieces=self.table(child)))
            elif tag == w.sdt:
                if not _is_toc(child, w):
                    content = child.find(w.sdtContent)
                    if content is not None:
                        self.blocks(content)
            elif tag in (w.customXml, w.ins, w.moveTo):
                self.blocks(child)
            elif tag == f"{{{MC_NS}}}AlternateContent":
                fallback = child.find(f"{{{MC_NS}}}Fallback")
                if fallback is not None:
                    self.blocks(fallback)

    def flush(self) -> None:
        if self.carry:
            self.paras.append(_Para("paragraph", pieces=self.carry))
            self.carry = []

    def paragraph(self, p: etree._Element) -> None:
        w = self.w
        kind, level = "paragraph", 0
        mark_deleted = False
        ppr = p[0] if len(p) and p[0].tag == w.pPr else None  # pPr comes first, if at all
        if ppr is not None:
            style = outline = numpr = None
            for prop in ppr:
                tag = prop.tag
                if tag == w.pStyle:
                    style = prop.get(w.val)
                elif tag == w.outlineLvl:
                    outline = _int(prop.get(w.val))
                elif tag == w.numPr:
                    numpr = prop
                elif tag == w.rPr:
                    mark_deleted = any(c.tag == w.del_ or c.tag == w.moveFrom for c in prop)
            kind, level = w.style_kind(style)
            if outline is not None and kind not in ("title", "skip"):
                if 0 <= outline < 9:
                    kind, level = "heading", outline + 1
                elif outline == 9 and kind == "heading":
                    kind, level = "paragraph", 0
            if kind == "paragraph" and _numbered(w, numpr):
                kind = "list-item"
        pieces = self.carry
        self.carry = []
        if self.fields or not self.flat(p, pieces):  # most paragraphs: their few telling elements, found by lxml
            self.inline(p, pieces)
        if mark_deleted:
            self.carry = pieces
            return
        self.paras.append(_Para(kind, level, pieces))

    def table(self, tbl: etree._Element) -> list[Piece]:
        pieces: list[Piece] = []
        for row in self._parts(tbl, self.w.tr):
            trpr = row.find(self.w.trPr)
            if trpr is not None and trpr.find(self.w.del_) is not None:
                continue  # a deleted row
            if pieces:
                pieces.append(("row",))
            for k, cell in enumerate(self._parts(row, self.w.tc)):
                if k:
                    pieces.append(("cell",))
                inner = _Walker(self.w, self.in_note)
                inner.fields = self.fields
                inner.blocks(cell)
                inner.flush()
                for j, para in enumerate(inner.paras):
                    if j:
                        pieces.append(("t", " "))
                    pieces.extend(para.pieces)
        return pieces

    def _parts(self, el: etree._Element, tag: str):
        """Rows of a table or cells of a row, through the content controls and custom XML around them."""
        for child in el:
            if child.tag == tag:
                yield child
            elif child.tag in (self.w.sdt, self.w.customXml, self.w.sdtContent, self.w.ins, self.w.moveTo):
                yield from self._parts(child, tag)

    def flat(self, p: etree._Element, pieces: list[Piece]) -> bool:
        """A paragraph with nothing that needs the full walk: its texts, tabs, breaks and note
        references in document order, as ``run`` would read them, added to ``pieces``. False, and
        ``pieces`` as they were, where the paragraph needs the full walk after all."""
        w = self.w
        kinds = w.run_kind
        mark_run = None  # the run of a note reference whose own mark follows it
        kept = len(pieces), pieces[-1] if pieces else None
        for el in p.iter(*w.flat, *w.hard):
            what = kinds.get(el.tag)
            if what is None or what in (FIELD, SYMBOL, RUBY):  # one of w.hard
                del pieces[kept[0]:]
                if kept[1] is not None:
                    pieces[-1] = kept[1]
                return False
            if what == TEXT:
                text = el.text
                if not text or mark_run is not None and el.getparent() == mark_run:
                    continue
                if "\u00ad" in text:
                    text = text.replace("\u00ad", "")
                if pieces and pieces[-1][0] == "t":
                    pieces[-1] = ("t", pieces[-1][1] + text)
                else:
                    pieces.append(("t", text))
            elif what == NOTE_REF:
                if not self.in_note:
                    series = "footnote" if el.tag == w.footnoteReference else "endnote"
                    custom = _on_attr(el.get(w.customMarkFollows))
                    pieces.append(("ref", series, el.get(w.id), custom))
                    if custom:
                        mark_run = el.getparent()
            elif what == HYPHEN:
                pieces.append(("t", "-"))
            else:
                pieces.append((what,))  # tab, br
        return True

    # inline content
    def inline(self, el: etree._Element, pieces: list[Piece]) -> None:
        w = self.w
        for child in el:
            what = w.inline_kind.get(child.tag)
            if what is None:
                continue  # bookmarks, proofing marks, comment ranges, deletions, math …
            if what == RUN:
                self.run(child, pieces)
            elif what == DESCEND:
                self.inline(child, pieces)
            elif what == SDT:
                content = child.find(w.sdtContent)
                if content is not None:
                    self.inline(content, pieces)
            else:  # mc:AlternateContent: its fallback, as a reader that knows no extension
                fallback = child.find(f"{{{MC_NS}}}Fallback")
                if fallback is not None:
                    self.inline(fallback, pieces)

    def run(self, r: etree._Element, pieces: list[Piece]) -> None:
        w = self.w
        kinds = w.run_kind
        fields = self.fields
        hidden = mark = False
        for child in r:
            what = kinds.get(child.tag)
            if what is None:
                continue
            if what == TEXT:
                text = child.text
                if mark:
                    continue  # a note's own mark ("*"), after its reference in the run: the marker stands for it
                if text and not hidden and (not fields or "code" not in fields):
                    if "\u00ad" in text:
                        text = text.replace("\u00ad", "")
                    if pieces and pieces[-1][0] == "t":
                        pieces[-1] = ("t", pieces[-1][1] + text)  # one piece per run of text, not per w:t
                    else:
                        pieces.append(("t", text))
            elif what == PROPS:
                vanish = child.find(w.vanish)
                hidden = vanish is not None and _on(vanish, w)
            elif what == FIELD:
                state = child.get(w.fldCharType)
                if state == "begin":
                    fields.append("code")
                elif state == "separate" and fields:
                    fields[-1] = "result"
                elif state == "end" and fields:
                    fields.pop()
            elif hidden or "code" in fields:
                continue
            elif what == "tab" or what == "br":
                pieces.append((what,))
            elif what == NOTE_REF:
                if not self.in_note:
                    series = "footnote" if child.tag == w.footnoteReference else "endnote"
                    mark = _on_attr(child.get(w.customMarkFollows))
                    pieces.append(("ref", series, child.get(w.id), mark))
            elif what == HYPHEN:
                pieces.append(("t", "-"))
            elif what == RUBY:  # furigana: the base text, not its reading set above it
                base = child.find(w.rubyBase)
                if base is not None:
                    self.inline(base, pieces)
            elif what == SYMBOL:
                code = child.get(w.char, "")
                value = int(code, 16) if re.fullmatch(r"[0-9A-Fa-f]{1,6}", code) else None
                if value is not None:
                    pieces.append(("t", chr(value - 0xF000 if 0xF020 <= value <= 0xF0FF else value)))


def _on_attr(value: str | None) -> bool:
    return value is not None and value.lower() in ("1", "true", "on")


def _is_toc(sdt: etree._Element, w: _Word) -> bool:
    props = sdt.find(w.sdtPr)
    if props is None:
        return False
    gallery = props.find(f"{w.docPartObj}/{w.docPartGallery}")
    return gallery is not None and "table of contents" in (gallery.get(w.val) or "").lower()


# --- rendering -------------------------------------------------------------------------------

@dataclass
class _Rendered:
    """A paragraph written into the text: where it starts, its text, and its pieces' places."""

    para: _Para
    start: int
    text: str
    spans: list[tuple[int, int, Piece]]  # (start, end) in ``text`` of each piece kept
    _plain: str | None = None

    @property
    def plain(self) -> str:
        """The text without markers, white space collapsed (made when first asked for)."""
        if self._plain is None:
            shown = "".join(self.text[start:end] for start, end, piece in self.spans if piece[0] != "ref")
            self._plain = SPACE_RUN.sub(" ", shown).strip()
        return self._plain


class _Writer:
    """Layout.text, written paragraph by paragraph."""

    def __init__(self, numbers: dict[tuple[str, str], int]):
        self.numbers = numbers
        self.parts: list[str] = []
        self.length = 0

    def write(self, para: _Para) -> _Rendered | None:
        out: list[str] = []
        spans: list[tuple[int, int, Piece]] = []
        at = 0
        for piece in _trimmed(para.pieces):
            kind = piece[0]
            if kind == "t":
                shown = piece[1]
            elif kind == "ref":
                number = self.numbers.get((piece[1], piece[2]))
                if number is None:
                    continue
                shown = f"[^{number}]"
            elif kind in ("tab", "cell"):
                shown = "\t"
            elif kind in ("br", "row"):
                if out and out[-1] == "\n":
                    continue
                shown = "\n"
            else:
                continue
            out.append(shown)
            spans.append((at, at + len(shown), piece))
            at += len(shown)
        text = "".join(out)
        if not text.strip():
            return None
        if self.parts:
            self.parts.append("\n\n")
            self.length += 2
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return _Rendered(para, start, text, spans)


def _trimmed(pieces: list[Piece]) -> list[Piece]:
    """The pieces without the white space that opens or closes the paragraph."""
    pieces = list(pieces)
    while pieces and (pieces[0][0] in ("tab", "br", "cell", "row") or pieces[0][0] == "t" and not pieces[0][1].strip()):
        pieces.pop(0)
    if pieces and pieces[0][0] == "t":
        pieces[0] = ("t", pieces[0][1].lstrip())
    while pieces and (pieces[-1][0] in ("tab", "br", "cell", "row") or pieces[-1][0] == "t" and not pieces[-1][1].strip()):
        pieces.pop()
    if pieces and pieces[-1][0] == "t":
        pieces[-1] = ("t", pieces[-1][1].rstrip())
    return pieces


# --- sections ----------------------------------------------------------------------------------

def _section_of(plain: str) -> str | None:
    name = plain.strip().strip("*_:").strip().lower()
    return SECTION_NAMES.get(name) if len(name) < 40 else None


def _is_front_line(plain: str) -> bool:
    first = plain.split("\n", 1)[0]
    return FRONT_MATTER_LINE.search(plain) is not None or any(p.match(first) for p in JOURNAL_LINES)


def _opens_with_front_matter(rendered: list[_Rendered]) -> bool:
    """As the text reader decides: a title, a heading, an abstract, a DOI or journal line early on."""
    for item in rendered[:5]:
        kind = item.para.kind
        if kind in ("title", "front", "author", "abstract") or _is_front_line(item.plain):
            return True
        if kind == "heading" and _section_of(item.plain) in (None, "abstract"):
            return True
    return False


def _lines(item: _Rendered) -> list[tuple[str, int]]:
    return [(m.group().strip(), item.start + m.start()) for m in re.finditer(r"[^\n]+", item.text) if m.group().strip()]


def _assign(rendered: list[_Rendered], layout: Layout) -> list[str]:
    """Each paragraph's place: body, heading (in the body), front, abstract, keywords,
    references, back or notes; headings, front and back lines, abstract, keywords and the
    reference lines go into the layout as the text reader would put them."""
    state = "front" if _opens_with_front_matter(rendered) else "body"
    title_seen = title_styled = False
    places: list[str] = []
    for i, item in enumerate(rendered):
        kind = item.para.kind
        short = len(item.text) < 60
        named = _section_of(item.plain) if short and kind not in ("table", "list-item", "bibliography", "abstract") else None
        if kind in ("heading", "title") or named:
            if named:
                state = named
            elif state == "abstract":
                state = "body"
            elif state == "front":
                if kind == "title" or not title_seen:
                    title_seen = True
                    title_styled = title_styled or kind == "title"
                elif title_styled:
                    state = "body"  # the Title style said what the title is: a heading now opens the body
            place = "heading" if state == "body" else state
            layout.headings.append(Heading(item.para.level or 2, item.plain, item.start, named or place))
            if state == "front":
                layout.front_lines.append((item.plain, item.start))
            places.append(place)
            continue
        if kind == "bibliography":
            layout.reference_lines.extend(_lines(item))
            places.append("references")
            continue
        if kind == "abstract":
            layout.abstract.append(item.plain)
            places.append("abstract")
            continue
        labelled = ABSTRACT_LINE.match(item.plain) if state in ("front", "abstract") else None
        if labelled:
            layout.abstract.append(item.plain[labelled.end():].strip())
            state, title_seen = "front", True
            places.append("abstract")
            continue
        keywords = KEYWORDS_LINE.match(item.plain) if state in ("front", "abstract") else None
        if keywords:
            layout.keywords = [k.strip().rstrip(".") for k in re.split(r"[;,]", item.plain[keywords.end():])
                               if k.strip().rstrip(".")]
            state = "body"
            places.append("keywords")
            continue
        if state == "readings":
            if _reads_as_entries(item.text):
                layout.reference_lines.extend(_lines(item))
                places.append("references")
            else:
                places.append("body")
            continue
        if state == "front" and kind in ("front", "author"):
            pass
        elif state in ("references", "notes") and BACK_MATTER_LINE.match(item.plain):
            state = "back"
        elif state == "front" and (title_seen or i > 0) and _is_prose(item.text):
            state = "body"
        elif state == "abstract" and (len(layout.abstract) >= MAX_ABSTRACT_PARAGRAPHS
                                      or any(p[0] == "ref" for p in item.para.pieces)):
            state = "body"
        if state == "abstract":
            layout.abstract.append(item.plain)
        elif state == "front":
            layout.front_lines.extend(_lines(item))
        elif state == "references":
            layout.reference_lines.extend(_lines(item))
        elif state in ("back", "notes"):  # text under a "Notes" heading is not Word's notes: kept as back matter
            layout.back_lines.extend(_lines(item))
        places.append("back" if state == "notes" else state)
    if places and all(place == "front" for place in places):
        _front_was_body(rendered, places, layout)
    return places


def _front_was_body(rendered: list[_Rendered], places: list[str], layout: Layout) -> None:
    """Nothing but front matter by the rules (a short piece: a title and a few sentences): what
    followed the title and the journal and DOI lines is the body after all."""
    moved = {i for i in range(1, len(rendered)) if not _is_front_line(rendered[i].plain)
             and rendered[i].para.kind not in ("title", "front", "author")}
    starts = {rendered[i].start for i in moved}
    for i in moved:
        places[i] = "heading" if rendered[i].para.kind == "heading" else "body"
    ends = [(rendered[i].start, rendered[i].start + len(rendered[i].text)) for i in moved]
    layout.front_lines = [(line, at) for line, at in layout.front_lines if not any(s <= at < e for s, e in ends)]
    for heading in layout.headings:
        if heading.source_start in starts:
            heading.section = "body"


# --- the layout ----------------------------------------------------------------------------------

BLOCK_KIND = {"heading": "heading", "title": "heading", "quotation": "quotation", "list-item": "list-item",
              "table": "table"}


def _number_notes(paras: list[_Para], starts: dict[str, int]) -> dict[tuple[str, str], int]:
    """(series, id) -> the number the note shows: footnotes by the order of their references,
    then endnotes after the last footnote, then notes with marks of their own."""
    order: dict[str, list[tuple[str, str]]] = {"footnote": [], "endnote": [], "custom": []}
    seen: set[tuple[str, str]] = set()
    for para in paras:
        for piece in para.pieces:
            if piece[0] == "ref" and piece[2] is not None and (piece[1], piece[2]) not in seen:
                seen.add((piece[1], piece[2]))
                order["custom" if piece[3] else piece[1]].append((piece[1], piece[2]))
    numbers: dict[tuple[str, str], int] = {}
    last = 0
    for series in (*NOTE_SERIES, "custom"):
        first = last + 1 if numbers or series == "custom" else starts.get(series, 1)
        for k, key in enumerate(order[series]):
            numbers[key] = last = first + k
    return numbers


def _note_starts(w: _Word, package: _Package, main: str, body: etree._Element) -> dict[str, int]:
    """The numStart of footnotes and endnotes: the document's last section's, else its settings'."""
    starts: dict[str, int] = {}
    settings = package.xml(package.related(main, "settings"))
    for series, props in (("footnote", w.footnotePr), ("endnote", w.endnotePr)):
        for holder in (body.find(w.sectPr), settings):
            found = holder.find(f"{props}/{w.numStart}") if holder is not None else None
            value = _int(found.get(w.val)) if found is not None else None
            if value is not None and value >= 0:
                starts[series] = value
                break
    return starts


def _notes(w: _Word, package: _Package, main: str) -> dict[tuple[str, str], etree._Element]:
    """The footnote and endnote elements by (series, id), separators left out."""
    notes: dict[tuple[str, str], etree._Element] = {}
    for series in NOTE_SERIES:
        root = package.xml(package.related(main, series + "s"))
        if root is None:
            continue
        tag = w.footnote if series == "footnote" else w.endnote
        for note in root.iter(tag):
            if note.get(w.type, "normal") == "normal" and note.get(w.id) is not None:
                notes[series, note.get(w.id)] = note
    return notes


def _core(package: _Package) -> tuple[str | None, list[str]]:
    """(dc:title, dc:creator split on ";"), each only where given and not empty."""
    root = package.xml(package.related("", "core-properties") or "docProps/core.xml")
    if root is None:
        return None, []
    title = root.find(f"{{{DC_NS}}}title")
    creator = root.find(f"{{{DC_NS}}}creator")
    title_text = " ".join((title.text or "").split()) if title is not None else ""
    authors = [" ".join(a.split()) for a in (creator.text or "").split(";")] if creator is not None else []
    return title_text or None, [a for a in authors if a and a.lower() not in PLACEHOLDER_CREATORS]


def read_docx(path: str | Path) -> Layout:
    """Lay out a Word document: body, notes and markers exact, headings, front matter, reference list, work."""
    path = Path(path)
    package = _Package(path)
    try:
        return _read(package)
    finally:
        package.zip.close()


def _read(package: _Package) -> Layout:
    main = _main_part(package)
    document = package.xml(main)
    namespace = etree.QName(document).namespace
    body = document.find(f"{{{namespace}}}body") if namespace in W_NAMESPACES else None
    if body is None:
        raise package.fail(f"not a Word document ({main} has no w:body)")
    w = _Word(namespace)
    w.read_styles(package.xml(package.related(main, "styles")))
    walker = _Walker(w)
    walker.blocks(body)
    walker.flush()
    numbers = _number_notes(walker.paras, _note_starts(w, package, main, body))
    writer = _Writer(numbers)
    rendered = [item for item in map(writer.write, (p for p in walker.paras if p.kind != "skip")) if item]
    layout = Layout(text="", body=TextMap())
    places = _assign(rendered, layout)
    text = "".join(writer.parts)
    notes_start = len(text) + 2 if text else 0
    note_texts = _note_texts(w, _notes(w, package, main), numbers)
    note_lines = [f"[^{number}]: {note_text}" for number, note_text in note_texts]
    if note_lines:
        text += ("\n\n" if text else "") + "\n".join(note_lines)
    layout.text = text
    _body(rendered, places, layout)
    _note_blocks(note_texts, note_lines, notes_start, layout)
    title, authors = _core(package)
    if title or authors:
        layout.work = _work(layout, rendered, places, title, authors)
    return layout


def _work(layout: Layout, rendered: list[_Rendered], places: list[str], title: str | None,
          authors: list[str]) -> Work:
    """The work, where docProps/core.xml names its title or authors (so the extractors take it as
    given): those, else the Title and Author paragraphs; the DOI and the journal line (journal,
    year, volume, issue, pages) from the front matter; the abstract and keywords."""
    front = [item for item, place in zip(rendered, places) if place == "front"]
    styled_title = next((item.plain for item in front if item.para.kind == "title"), None)
    first_heading = next((h.text for h in layout.headings if h.section == "front"), None)
    work = Work(title=title or styled_title or first_heading,
                authors=authors or [item.plain for item in front if item.para.kind == "author"],
                abstract="\n\n".join(layout.abstract) or None, keywords=layout.keywords)
    lines = [line for line, _ in layout.front_lines]
    doi = next((m for m in map(DOI.search, lines) if m), None) or DOI.search(layout.text[:5000])
    work.doi = doi.group(1) if doi else None
    for line in lines:
        match = next((m for m in (p.match(line) for p in JOURNAL_LINES) if m), None)
        if match:
            found = match.groupdict()
            work.journal, work.volume, work.issue = found.get("journal"), found.get("volume"), found.get("issue")
            work.year = int(found["year"]) if found.get("year") else None
            work.pages = re.sub(r"\s*[—-]\s*", "–", found["pages"]) if found.get("pages") else None
            break
    return work


def _note_texts(w: _Word, notes: dict[tuple[str, str], etree._Element],
                numbers: dict[tuple[str, str], int]) -> list[tuple[int, str]]:
    """(number, text) of each referenced note present, in number order: its paragraphs on one line."""
    texts = []
    for key, number in sorted(numbers.items(), key=lambda item: item[1]):
        note = notes.get(key)
        if note is None:
            continue  # a reference to a note the file lacks: its marker will say so
        walker = _Walker(w, in_note=True)
        walker.blocks(note)
        walker.flush()
        parts = []
        for para in walker.paras:
            shown = "".join(" " if p[0] != "t" else p[1] for p in para.pieces if p[0] != "ref")
            parts.append(shown)
        texts.append((number, SPACE_RUN.sub(" ", " ".join(parts)).strip()))
    return texts


def _note_blocks(note_texts: list[tuple[int, str]], note_lines: list[str], start: int, layout: Layout) -> None:
    position = start
    for (number, note_text), line in zip(note_texts, note_lines):
        note_map = TextMap()
        lead = len(line) - len(note_text)
        note_map.copy(layout.text, position + lead, position + len(line))
        layout.notes.append(NoteBlock(number, note_text, note_map, position, position + len(line)))
        position += len(line) + 1


def _body(rendered: list[_Rendered], places: list[str], layout: Layout) -> None:
    """The body paragraphs into the body map: tabs, line breaks and cell and row ends as spaces,
    markers taken out and recorded where they stood. A marker before the body (on the title, an
    author, the abstract: an acknowledgement) stands at the body's start, its anchor empty."""
    body = layout.body
    text = layout.text
    previous_end: int | None = None
    for item, place in zip(rendered, places):
        if place not in ("body", "heading"):
            if previous_end is None:
                for start, end, piece in item.spans:
                    if piece[0] == "ref":
                        at, to = item.start + start, item.start + end
                        layout.markers.append(Marker(int(text[at + 2:to - 1]), 0, at, to, explicit=True))
            continue
        if previous_end is not None:
            body.rstrip_spaces()
            body.emit("\n\n", previous_end, item.start)
        opened = len(body)
        for start, end, piece in item.spans:
            at, to = item.start + start, item.start + end
            if piece[0] == "t":
                body.copy(text, at, to)
            elif piece[0] == "ref":
                body.rstrip_spaces()
                number = int(text[at + 2:to - 1])
                layout.markers.append(Marker(number, len(body), at, to, explicit=True))
            elif body.last_char() not in (" ", "\n", ""):
                body.emit(" ", at, to)
        body.rstrip_spaces()
        kind = BLOCK_KIND.get(item.para.kind, "paragraph") if place == "body" else "heading"
        layout.blocks.append(BodyBlock(kind, opened, len(body)))
        previous_end = item.start + len(item.text)
