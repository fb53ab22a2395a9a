"""The document model: sources, works, documents and the standoff annotations on them.

Every extracted item keeps character offsets. Offsets named ``start``/``end`` point into the
text the item was found in (the document's ``body`` for anchors and in-text citations, the
note's own text for citations); ``source_start``/``source_end`` point into the original file's
decoded text, so a reader can always be shown the exact characters behind an item.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from legation.textmap import TextMap


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def to_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}


@dataclass(slots=True)
class Source:
    """One file as read: where it came from and what exactly it contained."""

    id: str  # the first 16 hex digits of sha256: stable across machines and re-runs
    path: str
    format: str  # "text" | "markdown" | "tei"
    sha256: str
    size: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Work:
    """The scholarly work a source is a copy of (an article, a book, an abstract page of one)."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    doi: str | None = None
    journal: str | None = None
    year: int | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    abstract: str | None = None
    keywords: list[str] = field(default_factory=list)

    @property
    def id(self) -> str | None:
        """What makes two sources one work: the DOI, else the title and year."""
        if self.doi:
            return f"doi:{self.doi.lower()}"
        if self.title:
            words = "-".join(re.findall(r"\w+", self.title.casefold()))
            return f"title:{words}:{self.year or ''}"
        return None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, **asdict(self)}


@dataclass(slots=True)
class Diagnostic:
    """Something a reader of the apparatus should know: a gap, a lost marker, an unparsed note."""

    code: str  # machine-readable, e.g. "footnote-gap", "note-without-marker"
    message: str
    footnote: int | None = None
    source_start: int | None = None
    source_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Footnote:
    number: int | None
    text: str
    number_inferred: bool = False
    anchor: Span | None = None  # into Document.body: the sentence the marker closes
    source_start: int = 0  # the note block in the original file
    source_end: int = 0
    marker_source: Span | None = None  # the marker itself in the original file
    page: int | None = None  # the page a paged original (a PDF) prints the note on

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "text": self.text,
            "number_inferred": self.number_inferred,
            "anchor": self.anchor.to_dict() if self.anchor else None,
            "source_start": self.source_start,
            "source_end": self.source_end,
            "marker": self.marker_source.to_dict() if self.marker_source else None,
            "page": self.page,
        }


CITATION_KINDS = ("archival", "published", "newspaper", "ibid", "editorial", "other")


@dataclass(slots=True)
class Citation:
    """One citation inside a note. ``fields`` holds the kind's own fields (see docs/json-contract.md).

    ``start``/``end`` are offsets into the note's text; the pipeline fills ``footnote`` and
    ``source_start``/``source_end`` when it places the citation in its document.
    """

    kind: str
    text: str
    start: int
    end: int
    fields: dict[str, Any] = field(default_factory=dict)
    footnote: int | None = None
    source_start: int | None = None
    source_end: int | None = None
    # The archive file cited, (archive, fond, opis, papka, delo), whichever script or spelling
    # cited it (an Ibid has its file's): the pipeline sets it, the citation index groups by it.
    file: tuple[str | None, ...] | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"footnote": self.footnote, "kind": self.kind}
        for key, value in self.fields.items():
            out[key] = value.to_dict() if isinstance(value, Citation) else value
        out.update(
            text=self.text,
            start=self.start,
            end=self.end,
            source_start=self.source_start,
            source_end=self.source_end,
        )
        return out


@dataclass(slots=True)
class Reference:
    """One entry of a reference list. Authors are CSL-style name dicts: family, given."""

    id: str
    label: str
    text: str
    authors: list[dict[str, str]] = field(default_factory=list)
    year: int | None = None
    title: str | None = None
    title_en: str | None = None
    container: str | None = None
    volume: str | None = None
    issue: str | None = None
    place: str | None = None
    publisher: str | None = None
    pages: str | None = None
    language: str | None = None
    doi: str | None = None
    type: str = "book"  # CSL type: book, article-journal, chapter, thesis
    editors: list[dict[str, str]] = field(default_factory=list)
    translators: list[dict[str, str]] = field(default_factory=list)
    source_start: int | None = None
    source_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class InTextCitation:
    """An author–year citation in the body, e.g. ``[Molodyakov 2012, p. 425]``."""

    text: str
    start: int  # into Document.body
    end: int
    key: str  # "Molodyakov", "Dokumenty vneshnei politiki", "Ibid"
    year: int | None
    pages: str | None
    reference: str | None = None  # Reference.id
    source_start: int | None = None
    source_end: int | None = None
    narrative: bool = False  # "Hosoya (1976, p. 193)": the name stands in the sentence
    # the key of the library item it cites ("hosoya1976japans"), when no entry of the document's own
    # reference list has it: a bibliography given to ingest (legation.ingest.bibliography)
    library: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


ENTITY_KINDS = ("person", "organization", "place")


@dataclass(slots=True)
class Mention:
    """A name in the body: ``K. A. Smetanin``, ``Сметанин``, ``the plenipotentiary``, ``Gaimusho``.

    ``entity`` is the id of the Person or Entity it refers to (None when unresolved).
    """

    kind: str  # one of ENTITY_KINDS
    text: str
    start: int  # into Document.body
    end: int
    entity: str | None = None
    source_start: int | None = None
    source_end: int | None = None
    method: str = "rule"  # how it was found: "markup" (the edition's), "authority", "rule", "spacy", "natasha", "coreference"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Role:
    """A title a person held, with the dates the text (or the authority file) gives for it."""

    title: str
    start: str | None = None  # ISO date or partial date ("1939-11")
    end: str | None = None
    evidence: Span | None = None  # into Document.body, when read from the text

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "from": self.start, "to": self.end,
                "evidence": self.evidence.to_dict() if self.evidence else None}


SIDES = ("USSR", "JPN", "DEU", "USA", "GBR", "CHN", "MNG", "ITA", "FRA", "MAN")


@dataclass(slots=True)
class Person:
    """One person, merged from all the forms the text (and the authority file) names them by."""

    id: str  # the authority id ("smetanin-k-a") or a slug minted from the canonical name
    name: str  # canonical: "Konstantin Aleksandrovich Smetanin"; Japanese family name first
    variants: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    side: str | None = None  # one of SIDES, or None when the text does not tell
    wikidata: str | None = None
    is_author: bool = False  # a scholar cited in the apparatus, not a historical actor
    mentions: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "variants": self.variants,
                "roles": [r.to_dict() for r in self.roles], "side": self.side,
                "wikidata": self.wikidata, "is_author": self.is_author, "mentions": self.mentions}


@dataclass(slots=True)
class Entity:
    """An organisation (ministry, embassy, newspaper, agency) or a place, merged like a Person."""

    id: str
    kind: str  # "organization" | "place"
    name: str
    variants: list[str] = field(default_factory=list)
    side: str | None = None
    wikidata: str | None = None
    mentions: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


DATE_PRECISIONS = ("day", "month", "season", "year", "decade")


@dataclass(slots=True)
class DateMention:
    """A date expression in the body, normalised: ``On the morning of October 29`` → 1940-10-29."""

    text: str
    start: int  # into Document.body
    end: int
    iso: str | None  # "1940-10-29", "1940-10", "1939"; for an interval, its first day
    precision: str  # one of DATE_PRECISIONS
    date_edtf: str | None = None  # "1939-12~", "1939-05-11/1939-09-16", "1939-23" (autumn)
    iso_end: str | None = None  # last day of an interval or of a partial date's span
    year_inferred: bool = False  # the year was not written but taken from the narrative
    source_start: int | None = None
    source_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


QUOTE_MEDIA = ("telegram", "diary", "report", "letter", "interview", "newspaper", "memoir",
               "speech", "conversation", "note", "document")


@dataclass(slots=True)
class Quote:
    """A quoted passage, who said or wrote it, to whom, when, in what medium, sourced by which note."""

    text: str  # the quoted words, without the quotation marks
    start: int  # into Document.body: the quoted words
    end: int
    speaker: str | None = None  # Person.id or Entity.id (a newspaper or agency)
    speaker_text: str | None = None  # how the text names the speaker ("the vice-admiral")
    addressee: str | None = None
    date: str | None = None  # ISO, partial allowed
    medium: str | None = None  # one of QUOTE_MEDIA
    footnote: int | None = None
    source_start: int | None = None
    source_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Event:
    """An interaction between actors, coded in CAMEO, mapped to PLOVER, scored on Goldstein's scale."""

    type: str  # CAMEO code, e.g. "036" (express intent to meet), "111" (criticize or denounce)
    plover: str  # PLOVER category, e.g. "CONSULT", "ACCUSE"
    goldstein: float  # −10 conflict … +10 cooperation
    source: str | None  # Person.id or a side code when the actor is a state
    target: str | None
    source_side: str | None
    target_side: str | None
    date: str | None  # ISO, partial allowed; the first day for an interval
    date_precision: str | None
    evidence: Span  # into Document.body: the sentence (or clause) that reports it
    date_end: str | None = None  # last day when the event spans an interval
    date_edtf: str | None = None
    place: str | None = None
    footnote: int | None = None
    name: str | None = None  # a named event from the events authority ("Khalkhin Gol")
    trigger: str | None = None  # the words that typed it ("expressed an official protest")
    source_start: int | None = None
    source_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["evidence"] = self.evidence.to_dict()
        return out


@dataclass(slots=True)
class Report:
    """One diplomatic document in a collection: a telegram, despatch, memorandum, note or letter
    of a FRUS volume or of a file of transcribed reports.

    ``start``/``end`` place it in its file's text (for TEI, the volume's text rendering, which is
    what ``scripts/tei_to_text.py`` writes). ``sender``/``recipient`` are the person's name when
    the heading gives one ("Grew"), else the office ("Secretary of State"); the full phrase is in
    ``sender_role``/``recipient_role``.
    """

    id: str  # TEI xml:id ("d6"), else "r1", "r2", … in file order
    start: int
    end: int
    heading: str | None = None
    type: str | None = None  # telegram | despatch | memorandum | note | letter | … (lower case)
    number: str | None = None  # the edition's number ("No. 467", TEI @n), else the report's own
    date: str | None = None  # ISO day
    time: str | None = None  # "18:00", "18:00:00+09:00"
    place: str | None = None
    sender: str | None = None
    recipient: str | None = None
    classification: str | None = None  # "confidential", "secret", "top secret", "restricted", …
    source_note: str | None = None  # the file number line: "894.628/1–1949: Telegram"
    sender_role: str | None = None  # "The Ambassador in Japan (Grew)"
    recipient_role: str | None = None
    sender_side: str | None = None  # a SIDES code
    recipient_side: str | None = None
    sender_person: str | None = None  # the id in the collection's list of persons ("p_ADG1")
    recipient_person: str | None = None
    place_supplied: bool = False  # "[Washington,]": the editor supplied the place
    received: str | None = None  # "[Received January 24.]" as written
    own_number: str | None = None  # the sender's serial number: "1234" of "Telegram 1234", "No. 11"
    chapter: str | None = None  # the chapter/compilation heading it sits in
    tagged_persons: list[dict[str, str]] = field(default_factory=list)  # the edition's own tags: {id, name}
    enclosures: list[str] = field(default_factory=list)  # headings of enclosed documents
    line: int | None = None  # the XML line where a TEI document begins

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Document:
    """A source read: its original text, the running body rebuilt from it, and the apparatus."""

    source: Source
    text: str  # the decoded original
    body: str = ""
    work: Work = field(default_factory=Work)
    footnotes: list[Footnote] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    intext_citations: list[InTextCitation] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    organizations: list[Entity] = field(default_factory=list)
    places: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    report: Report | None = None  # set when the document is one report of a collection
    # Views derived from the body (sentences, paragraphs, the spaCy parse), built once by
    # extract.context.views and shared by every stage; dropped when extraction ends.
    views: Any = field(default=None, repr=False, compare=False)
    # The names the edition marks in the body (a TEI volume's persName, orgName, placeName),
    # from its reader's layout: the entities stage takes them as found. Not stored.
    marks: list[NameMark] = field(default_factory=list, repr=False, compare=False)
    # The first and last dates of the collection a report belongs to (its other reports' dates):
    # the time an undated report speaks from, where no volume title says it. Not stored.
    collection_period: tuple[str, str] | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source.to_dict(),
            "work": self.work.to_dict(),
            "body": self.body,
            "footnotes": [f.to_dict() for f in self.footnotes],
            "citations": [c.to_dict() for c in self.citations],
            "intext_citations": [c.to_dict() for c in self.intext_citations],
            "references": [r.to_dict() for r in self.references],
            "diagnostics": [d.to_dict() for d in self.diagnostics],
            "persons": [p.to_dict() for p in self.persons],
            "organizations": [o.to_dict() for o in self.organizations],
            "places": [p.to_dict() for p in self.places],
            "mentions": [m.to_dict() for m in self.mentions],
            "dates": [d.to_dict() for d in self.dates],
            "quotes": [q.to_dict() for q in self.quotes],
            "events": [e.to_dict() for e in self.events],
            "documents": [],
        }

    def to_report_dict(self) -> dict[str, Any]:
        """One entry of a collection's ``documents``: the report's metadata, then what was found
        in it. ``start``/``end`` of items stay offsets into the report's body; every
        ``source_start``/``source_end`` is moved into the collection file's text, where the
        report's own ``start``/``end`` are."""
        assert self.report is not None
        found = self.to_dict()
        del found["source"], found["work"], found["documents"]
        return {**self.report.to_dict(), "source_id": self.source.id,
                **_shift_source_offsets(found, self.report.start)}


def collection_to_dict(source: Source, work: Work, reports: list[Document],
                       diagnostics: list[Diagnostic]) -> dict[str, Any]:
    """A file of many reports in the JSON contract: its own lists stay empty, every report is an
    entry of ``documents``, and ``diagnostics`` holds the problems of the file as a whole."""
    out = Document(source=source, text="", work=work).to_dict()
    out["diagnostics"] = [d.to_dict() for d in diagnostics]
    out["documents"] = [doc.to_report_dict() for doc in reports]
    return out


def _shift_source_offsets(value: Any, by: int) -> Any:
    if isinstance(value, dict):
        return {key: (item + by if key in ("source_start", "source_end") and item is not None
                      else _shift_source_offsets(item, by)) for key, item in value.items()}
    if isinstance(value, list):
        return [_shift_source_offsets(item, by) for item in value]
    return value


# --- the layout: what every reader hands to the extractors ------------------------------------
# A reader (plain text, TEI, DOCX, PDF) knows where the body, the notes, their markers and the
# headings are; it says so here, and the extractors read that instead of guessing it again.
# Offsets named ``source_*`` point into ``Layout.text``, the text the document is stored with
# (a text file's decoded content, a TEI report's rendering, a PDF's or DOCX's extracted text).

BLOCK_KINDS = ("paragraph", "heading", "quotation", "list-item", "table")


@dataclass(slots=True)
class Marker:
    """A footnote marker found in the body."""

    number: int
    body_offset: int  # position in the body where the marker stood
    source_start: int
    source_end: int
    explicit: bool  # False for a bare numeral recognised from the note sequence


@dataclass(slots=True)
class NoteBlock:
    """A note's text, its number (None when the note lost it) and where it lies in the source."""

    number: int | None
    text: str
    map: TextMap
    source_start: int
    source_end: int
    # where a paged original prints it: (page, x0, top, x1, bottom), points from the page's
    # top left, one box per page the note runs over (a PDF reader fills it)
    boxes: list[tuple[int, float, float, float, float]] = field(default_factory=list)

    @property
    def marker_lost(self) -> bool:
        """The note came without a number of its own (its number is inferred later)."""
        return self.number is None


@dataclass(slots=True)
class Heading:
    level: int
    text: str
    source_start: int
    section: str  # the section it stands in or opens


@dataclass(slots=True)
class BodyBlock:
    """One block of the body: [start, end) in the body text, and its kind (BLOCK_KINDS)."""

    kind: str
    start: int
    end: int


@dataclass(slots=True)
class NameMark:
    """A name the edition itself marks (TEI ``persName``, ``orgName``, ``placeName``): [start, end)
    in the body, its kind (ENTITY_KINDS) and the edition's key for whom it names (``@corresp``
    "p_EDD1", or None when the mark gives none)."""

    kind: str
    start: int
    end: int
    ref: str | None = None


@dataclass(slots=True)
class Page:
    """A page of a paged original (PDF): [source_start, source_end) of the extracted text."""

    number: int  # 1-based, as a viewer counts them
    source_start: int
    source_end: int


@dataclass
class Layout:
    text: str  # the text the document is stored with; every source offset points into it
    body: TextMap  # the running text, mapped back into ``text``
    markers: list[Marker] = field(default_factory=list)
    notes: list[NoteBlock] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    blocks: list[BodyBlock] = field(default_factory=list)
    front_lines: list[tuple[str, int]] = field(default_factory=list)
    abstract: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    reference_lines: list[tuple[str, int]] = field(default_factory=list)
    back_lines: list[tuple[str, int]] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    names: list[NameMark] = field(default_factory=list)  # names the edition marks, in body order
    work: Work | None = None  # the work, where the format says it (a TEI header); else read from the lines

    def page_at(self, source_offset: int) -> int | None:
        """The page number holding ``source_offset``, for paged originals."""
        for page in self.pages:
            if page.source_start <= source_offset < page.source_end:
                return page.number
        return None
