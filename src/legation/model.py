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
    format: str  # "text" | "markdown"
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

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "text": self.text,
            "number_inferred": self.number_inferred,
            "anchor": self.anchor.to_dict() if self.anchor else None,
            "source_start": self.source_start,
            "source_end": self.source_end,
            "marker": self.marker_source.to_dict() if self.marker_source else None,
        }


CITATION_KINDS = ("archival", "published", "newspaper", "ibid", "other")


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
        }
