"""One ingested article as TEI P5, built from its stored body and standoff offsets: people, places
and organisations (``persName``/``placeName``/``orgName`` with @ref to their entry in
``standOff``), dates (``date`` @when, or @from/@to), quotations (``said`` @who when the speaker is
known, else ``q``), author–year citations (``ref`` to their entry in the reference list) and
footnotes (``note`` place="foot" n=… at the end of the sentence they source, each citation in
them a ``bibl``); the reference list in ``back``.

Stored spans may nest (a date inside a quotation) and are kept nested. Two spans that partly
overlap cannot both be XML elements: the one that starts later is dropped and counted in
``TeiExport.dropped``, so the count of elements plus the count dropped is the count stored.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from lxml import etree

from legation.store import queries
from legation.store.sqlite import Store

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
NAME_TAGS = {"person": "persName", "place": "placeName", "organization": "orgName"}
LIST_TAGS = {"person": ("listPerson", "person", "persName"), "place": ("listPlace", "place", "placeName"),
             "organization": ("listOrg", "org", "orgName")}
# Outer first when two spans cover the same characters.
RANK = {"p": 0, "said": 1, "q": 1, "ref": 2, "date": 2, "persName": 3, "placeName": 3, "orgName": 3, "name": 3}
ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
NOT_XML_CHAR = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
NOT_NAME_CHAR = re.compile(r"[^\w.\-]")


class TeiError(Exception):
    pass


@dataclass(slots=True)
class Markup:
    """An element over body[start:end]; a note is a point (start == end) with its own content."""

    start: int
    end: int
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    note: tuple[str, list[tuple[int, int, dict[str, str]]]] | None = None  # note text, its citations' spans and their <bibl> attributes
    children: list["Markup"] = field(default_factory=list)

    @property
    def is_point(self) -> bool:
        return self.note is not None


@dataclass(slots=True)
class TeiExport:
    xml: bytes
    dropped: Counter  # tag -> stored spans left out (partial overlaps, offsets outside the body)


def article_sources(store: Store) -> list[sqlite3.Row]:
    """The sources with running text of their own that are not one report of a collection."""
    return queries.article_sources(store)


def default_source(store: Store) -> str:
    articles = article_sources(store)
    if len(articles) != 1:
        listing = ", ".join(f"{a['id']} ({a['path']})" for a in articles) or "none"
        raise TeiError(f"name the article with --source: {len(articles)} articles are stored ({listing})")
    return articles[0]["id"]


def to_tei(store: Store, source_id: str) -> TeiExport:
    source = queries.source_row(store, source_id)
    if source is None:
        raise TeiError(f"no source {source_id!r} in the store")
    body = source["body"]
    ids = _XmlIds()
    notes = _Notes(store, source_id, ids)
    markups, dropped = nest(_markups(store, source_id, body, ids, notes), len(body))
    root = etree.Element(f"{{{TEI_NS}}}TEI", nsmap={None: TEI_NS})
    root.append(_header(source))
    standoff = _standoff(store, source_id, ids)
    root.append(standoff)
    text = etree.SubElement(root, "text")
    body_element = etree.SubElement(text, "body")
    div = etree.SubElement(body_element, "div")
    _fill(div, Markup(0, len(body), "div", children=markups), body)
    _back(text, ids, notes)
    if len(notes.parsed):
        standoff.append(notes.parsed)
    _qualify(root)
    return TeiExport(etree.tostring(root, xml_declaration=True, encoding="UTF-8"), dropped)


# --- nesting -----------------------------------------------------------------------------------

def nest(markups: list[Markup], length: int) -> tuple[list[Markup], Counter]:
    """The markups as a forest of properly nested elements (points placed after the elements that
    end where they stand); the spans that partly overlap an earlier one, or fall outside the
    body, are left out and counted by tag."""
    dropped: Counter = Counter()
    top = Markup(0, length, "")
    stack = [top]
    order = sorted(markups, key=lambda m: (m.start, not m.is_point, -m.end, RANK.get(m.tag, 9)))
    for markup in order:
        if not 0 <= markup.start <= markup.end <= length or (markup.start == markup.end and not markup.is_point):
            dropped[markup.tag] += 1
            continue
        while len(stack) > 1 and _closes_before(stack[-1], markup):
            stack.pop()
        if markup.end > stack[-1].end:
            dropped[markup.tag] += 1  # partial overlap: the later span gives way
            continue
        stack[-1].children.append(markup)
        if not markup.is_point:
            stack.append(markup)
    return top.children, dropped


def _closes_before(open_markup: Markup, markup: Markup) -> bool:
    """Whether an open element ends before ``markup`` begins. A note at the end of a paragraph
    stays in it; at the end of a quotation or a name it follows the element."""
    if open_markup.end == markup.start:
        return not (markup.is_point and open_markup.tag == "p")
    return open_markup.end < markup.start


def _fill(element: etree._Element, markup: Markup, body: str) -> None:
    """Element's text and children from body[markup.start:markup.end]."""
    cursor = markup.start
    last: etree._Element | None = None
    for child in markup.children:
        _append_text(element, last, body[cursor:child.start])
        last = etree.SubElement(element, child.tag, child.attrs)
        if child.is_point:
            _fill_note(last, *child.note)
        else:
            _fill(last, child, body)
        cursor = child.end
    _append_text(element, last, body[cursor:markup.end])


def _fill_note(element: etree._Element, text: str, citations: list[tuple[int, int, dict[str, str]]]) -> None:
    cursor = 0
    last = None
    for start, end, attrs in citations:
        _append_text(element, last, text[cursor:start])
        last = etree.SubElement(element, "bibl", attrs)
        last.text = xml_text(text[start:end])
        cursor = end
    _append_text(element, last, text[cursor:])


def _append_text(element: etree._Element, last: etree._Element | None, text: str) -> None:
    if not text:
        return
    if last is None:
        element.text = (element.text or "") + xml_text(text)
    else:
        last.tail = (last.tail or "") + xml_text(text)


def xml_text(text: str) -> str:
    """Text XML can hold: characters XML 1.0 forbids (controls, lone surrogates) become U+FFFD."""
    return NOT_XML_CHAR.sub("\ufffd", text)


# --- the stored spans --------------------------------------------------------------------------

class _XmlIds:
    """An xml:id for each stored id: valid NCNames, one per id."""

    def __init__(self) -> None:
        self.ids: dict[str, str] = {}

    def of(self, stored: str) -> str:
        if stored not in self.ids:
            candidate = NOT_NAME_CHAR.sub("_", stored)
            if not candidate or not (candidate[0].isalpha() or candidate[0] == "_"):
                candidate = f"id-{candidate}"
            while candidate in self.ids.values():
                candidate += "_"
            self.ids[stored] = candidate
        return self.ids[stored]

    def ref(self, stored: str | None) -> dict[str, str]:
        return {"ref": f"#{self.of(stored)}"} if stored else {}


def _markups(store: Store, source_id: str, body: str, ids: _XmlIds, notes: "_Notes") -> list[Markup]:
    markups = [Markup(m.start(), m.end(), "p") for m in re.finditer(r"[^\n]+", body)]
    for row in queries.items(store, "mentions", source_id):
        tag = NAME_TAGS.get(row["kind"], "name")
        attrs = ids.ref(row["entity"]) | ({} if tag != "name" else {"type": row["kind"]})
        markups.append(Markup(row["start"], row["end"], tag, attrs))
    for row in queries.items(store, "dates", source_id):
        markups.append(Markup(row["start"], row["end"], "date", _date_attrs(row["iso"], row["iso_end"])))
    for row in queries.items(store, "quotes", source_id):
        if row["speaker"]:
            markups.append(Markup(row["start"], row["end"], "said", {"who": f"#{ids.of(row['speaker'])}"}))
        else:
            markups.append(Markup(row["start"], row["end"], "q"))
    references = {row["id"] for row in notes.references}
    for row in queries.items(store, "intext_citations", source_id):
        target = {"target": f"#{ids.of('ref-' + row['reference'])}"} if row["reference"] in references else {}
        markups.append(Markup(row["start"], row["end"], "ref", {"type": "citation"} | target))
    for row in notes.anchored:
        markups.append(Markup(row["anchor_end"], row["anchor_end"], "note", _note_attrs(row),
                              note=(row["text"], notes.citation_spans(row))))
    return markups


def _date_attrs(iso: str | None, iso_end: str | None) -> dict[str, str]:
    valid = [d if d and ISO_DATE.fullmatch(d) else None for d in (iso, iso_end)]
    if valid[0] and valid[1] and valid[1] != valid[0]:
        return {"from": valid[0], "to": valid[1]}
    return {"when": valid[0]} if valid[0] else {}


class _Notes:
    """A source's notes (those placed in the text and those not), their citations, its references."""

    def __init__(self, store: Store, source_id: str, ids: "_XmlIds"):
        self.ids = ids
        # each citation as read: a <bibl> of its parsed fields in the standOff, pointing at the
        # citation's words in its note (which keep the note's text as written)
        self.parsed = etree.Element("listBibl", {"type": "citations"})
        footnotes = queries.items(store, "footnotes", source_id)
        self.anchored = [f for f in footnotes if f["anchor_end"] is not None]
        self.unanchored = [f for f in footnotes if f["anchor_end"] is None]
        self.citations: dict[int, list[dict]] = {}
        for row in queries.items(store, "citations", source_id):
            self.citations.setdefault(row["footnote"], []).append(row)
        self.references = queries.items(store, "bib_references", source_id)

    def citation_spans(self, note: dict) -> list[tuple[int, int, dict[str, str]]]:
        """Where each citation of the note stands in the note's text, in order, not overlapping,
        with the attributes of its <bibl> there; its parsed fields go to ``parsed``."""
        if note["number"] is None:
            return []
        spans: list[tuple[int, int, dict[str, str]]] = []
        for k, row in enumerate(self.citations.get(note["number"], []), start=1):
            fields = json.loads(row["fields"])
            start, end = fields.get("start"), fields.get("end")
            if not (isinstance(start, int) and isinstance(end, int) and note["text"][start:end] == row["text"]):
                start = note["text"].find(row["text"])  # the offsets of another reading of the note
                end = start + len(row["text"])
            if start >= 0 and row["text"] and (not spans or start >= spans[-1][1]):
                xml_id = self.ids.of(f"cit-{note['number']}-{k}")
                spans.append((start, end, {"type": row["kind"], XML_ID: xml_id}))
                self.parsed.append(parsed_bibl(row["kind"], fields, xml_id))
        return spans


# the levels of an archive file, as the archival reader names them, in order
ARCHIVE_LEVELS = ("fond", "opis", "papka", "delo")


def parsed_bibl(kind: str, fields: dict, xml_id: str) -> etree._Element:
    """A citation's fields as TEI: an archive file as an msIdentifier (country, repository, an
    idno per level) with the folios as citedRange; a book or volume of a series with its title,
    author, volume, place, publisher and year; a newspaper issue with its full date."""
    resolved = fields.get("resolved")
    if kind == "ibid" and isinstance(resolved, dict):  # what the Ibid. repeats, with its own pages
        kind, fields = resolved.get("kind", kind), {**resolved, **{k: v for k, v in fields.items()
                                                                  if k in ("pages", "folios") and v}}
    bibl = etree.Element("bibl", {"corresp": f"#{xml_id}", "type": kind})
    if kind == "archival":
        identifier = etree.SubElement(bibl, "msIdentifier")
        if fields.get("country"):
            etree.SubElement(identifier, "country", {"key": fields["country"]})
        etree.SubElement(identifier, "repository").text = xml_text(str(fields.get("archive") or ""))
        levels = [(level, fields[level]) for level in ARCHIVE_LEVELS if fields.get(level)]
        for level, value in levels or [(None, level) for level in fields.get("path") or []]:
            etree.SubElement(identifier, "idno", {"type": level} if level else {}).text = xml_text(str(value))
        _cited_range(bibl, "folio", fields.get("folios"))
    elif kind in ("published", "newspaper"):
        _sub(bibl, "author", fields.get("author"))
        _sub(bibl, "title", fields.get("title"), {"level": "j" if kind == "newspaper" else "m"})
        _sub(bibl, "biblScope", fields.get("volume"), {"unit": "volume"})
        _sub(bibl, "biblScope", fields.get("issue"), {"unit": "issue"})
        _sub(bibl, "pubPlace", fields.get("place"))
        _sub(bibl, "publisher", fields.get("publisher"))
        when = fields.get("date") or fields.get("publication_year")
        _sub(bibl, "date", when, {"when": str(when)} if when and ISO_DAY.fullmatch(str(when)) else {})
        _cited_range(bibl, "page", fields.get("pages"))
    return bibl


ISO_DAY = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _sub(parent: etree._Element, tag: str, value: object, attrs: dict[str, str] | None = None) -> None:
    if value:
        etree.SubElement(parent, tag, attrs or {}).text = xml_text(str(value))


def _cited_range(bibl: etree._Element, unit: str, value: object) -> None:
    _sub(bibl, "citedRange", value, {"unit": unit})


def _note_attrs(row: dict) -> dict[str, str]:
    attrs = {"place": "foot"}
    if row["number"] is not None:
        attrs["n"] = str(row["number"])
    return attrs


# --- header, standOff, back --------------------------------------------------------------------

def _header(source: sqlite3.Row) -> etree._Element:
    work = json.loads(source["work_json"])
    header = etree.Element("teiHeader")
    file_desc = etree.SubElement(header, "fileDesc")
    title_stmt = etree.SubElement(file_desc, "titleStmt")
    etree.SubElement(title_stmt, "title").text = xml_text(work.get("title") or source["path"])
    for author in work.get("authors") or []:
        etree.SubElement(title_stmt, "author").text = xml_text(author)
    publication = etree.SubElement(file_desc, "publicationStmt")
    etree.SubElement(publication, "p").text = "Encoded by legation from the stored text and its standoff offsets."
    bibl = etree.SubElement(etree.SubElement(file_desc, "sourceDesc"), "bibl")
    for tag, value in (("title", work.get("title")), ("title", work.get("journal")), ("date", work.get("year")),
                       ("biblScope", work.get("volume")), ("idno", work.get("doi")), ("idno", source["path"])):
        if value:
            element = etree.SubElement(bibl, tag)
            element.text = xml_text(str(value))
            if tag == "title":
                element.set("level", "a" if value == work.get("title") else "j")
            if tag == "idno":
                element.set("type", "DOI" if value == work.get("doi") else "path")
    return header


def _standoff(store: Store, source_id: str, ids: _XmlIds) -> etree._Element:
    """One entry per person, place and organisation of the source, the targets of the @ref and @who."""
    standoff = etree.Element("standOff")
    rows = queries.actors_of_source(store, source_id)
    lists: dict[str, etree._Element] = {}
    for row in rows:
        list_tag, entry_tag, name_tag = LIST_TAGS.get(row["kind"], ("listObject", "object", "name"))
        if list_tag not in lists:
            lists[list_tag] = etree.SubElement(standoff, list_tag)
        entry = etree.SubElement(lists[list_tag], entry_tag, {XML_ID: ids.of(row["id"])})
        etree.SubElement(entry, name_tag).text = xml_text(row["name"])
        for variant in json.loads(row["data"]).get("variants", []):
            etree.SubElement(entry, name_tag, {"type": "variant"}).text = xml_text(variant)
        if row["side"]:
            etree.SubElement(entry, "affiliation", {"type": "side"}).text = row["side"]
    return standoff


def _back(text: etree._Element, ids: _XmlIds, notes: _Notes) -> None:
    back = etree.SubElement(text, "back")
    if notes.unanchored:
        listing = etree.SubElement(back, "div", {"type": "notes"})
        for row in notes.unanchored:
            note = etree.SubElement(listing, "note", _note_attrs(row))
            _fill_note(note, row["text"], notes.citation_spans(row))
    references = notes.references
    if references:
        listing = etree.SubElement(etree.SubElement(back, "div", {"type": "references"}), "listBibl")
        for row in references:
            etree.SubElement(listing, "bibl", {XML_ID: ids.of(f"ref-{row['id']}")}).text = xml_text(row["text"])


def _qualify(root: etree._Element) -> None:
    """Put every element built with a bare name into the TEI namespace."""
    for element in root.iter():
        if isinstance(element.tag, str) and not element.tag.startswith("{"):
            element.tag = f"{{{TEI_NS}}}{element.tag}"
