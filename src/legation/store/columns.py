"""The store's tables as the model's dataclasses: which field is which column.

A table of items (footnotes, events, …) has one row per item of a document: ``source_id``, its
``seq`` in the document where the table has one, then the item's fields as columns, named as the
fields are. The INSERT of each table is built here from ``dataclasses.fields`` of its model class,
so a field added to the model is either stored (its column named in the INSERT, which fails until
the schema has it) or said here not to be, with why — it cannot be forgotten silently. A table
that keeps the whole item as JSON as well (``data``, ``fields``) promotes to columns only the
fields it is queried by; every other field is in the JSON, new ones too.

The events table is also read back as one typed record, ``StoredEvent``, whose fields are the
table's columns made here, plus the file's path and the sentence that reports the event.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields, make_dataclass
from functools import cached_property
from typing import Any, Callable

from legation.model import (Citation, DateMention, Diagnostic, Entity, Event, Footnote, InTextCitation, Mention,
                            Person, Quote, Reference, Report, Source, Span, Work)


@dataclass(frozen=True)
class Table:
    """How the items of one model class are stored as the rows of one table."""

    name: str
    model: type
    document: tuple[str, ...]  # the Document's lists whose items it keeps
    seq: bool = True  # rows carry the item's position in its document (the key with source_id)
    spans: dict[str, tuple[str, str]] = field(default_factory=dict)  # a Span field -> its two columns
    not_stored: dict[str, str] = field(default_factory=dict)  # field -> why it has no column
    promoted: tuple[str, ...] | None = None  # with ``json``: the fields that are columns as well
    json: str | None = None  # a column holding the whole item (item.to_dict())
    computed: tuple[tuple[tuple[str, ...], Callable[[Any], tuple]], ...] = ()  # columns made from the item
    given: tuple[str, ...] = ()  # columns whose values the caller gives beside the item (a report's file)

    def __post_init__(self) -> None:
        names = {f.name for f in fields(self.model)}
        unknown = (set(self.spans) | set(self.not_stored) | set(self.promoted or ())) - names
        if unknown:
            raise TypeError(f"{self.name}: {self.model.__name__} has no field {', '.join(sorted(unknown))}")

    @cached_property
    def _stored(self) -> tuple[tuple[str, bool], ...]:
        """(field, is a span) of the fields that are columns, in the model's order."""
        return tuple((f.name, f.name in self.spans) for f in fields(self.model)
                     if f.name not in self.not_stored and (self.promoted is None or f.name in self.promoted))

    @property
    def field_columns(self) -> tuple[str, ...]:
        """The columns the model's fields fill, in the model's order (a span gives two)."""
        return tuple(column for name, span in self._stored for column in (self.spans[name] if span else (name,)))

    @property
    def columns(self) -> tuple[str, ...]:
        """Every column an item fills, after ``source_id`` (and ``seq``)."""
        return (*self.given, *self.field_columns, *(name for names, _ in self.computed for name in names),
                *((self.json,) if self.json else ()))

    @property
    def insert(self) -> str:
        keys = ("source_id", "seq") if self.seq else ("source_id",)
        names = ", ".join(_quoted(c) for c in (*keys, *self.columns))
        return f"INSERT INTO {self.name} ({names}) VALUES ({', '.join('?' * (len(keys) + len(self.columns)))})"

    def row(self, source_id: str, seq: int, item: Any, *given: Any) -> tuple:
        values: list[Any] = [source_id, seq] if self.seq else [source_id]
        values.extend(given)
        for name, span in self._stored:
            value = getattr(item, name)
            if span:
                values.extend((value.start, value.end) if isinstance(value, Span) else (None, None))
            else:
                values.append(value)
        for _, compute in self.computed:
            values.extend(compute(item))
        if self.json:
            values.append(json.dumps(item.to_dict(), ensure_ascii=False))
        return tuple(values)

    def rows(self, source_id: str, doc: Any) -> list[tuple]:
        """The rows of a document's items (every list ``document`` names, in turn)."""
        items = [item for name in self.document for item in getattr(doc, name)]
        return [self.row(source_id, seq, item) for seq, item in enumerate(items)]


def _quoted(column: str) -> str:
    return f'"{column}"' if column == "end" else column


def archive_file(c: Citation) -> tuple:
    """The archival columns of a citation: its own, or those of the citation an Ibid repeats
    (with the Ibid's own folios when it gives them). The file's identity is archival_key's, so an
    archive missing from the scheme table is indexed under its name as written."""
    if c.file is None:
        return (None,) * 9
    archive_key, fond, opis, papka, delo = c.file
    cited = c.fields["resolved"] if c.kind == "ibid" else c
    fields_ = cited.fields
    first, last = (c.fields.get("page_first"), c.fields.get("page_last")) if c.kind == "ibid" else (None, None)
    if first is None:
        first, last = fields_.get("folio_first"), fields_.get("folio_last")
    verso = fields_.get("verso")
    return (fields_.get("archive"), archive_key, fond, opis, papka, delo, first, last,
            None if verso is None else int(verso))


ARCHIVE_COLUMNS = ("archive", "archive_id", "fond", "opis", "papka", "delo", "folio_first", "folio_last", "verso")


FOOTNOTES = Table("footnotes", Footnote, ("footnotes",), spans={"anchor": ("anchor_start", "anchor_end")},
                  not_stored={"marker_source": "the marker's place in the file: the anchor is what a note is read by",
                              "page": "a PDF's page, read again from the stored text's page breaks"})
CITATIONS = Table("citations", Citation, ("citations",), promoted=("footnote", "kind", "text", "source_start", "source_end"),
                  json="fields", not_stored={"file": "stored as the archival columns"},
                  computed=((ARCHIVE_COLUMNS, archive_file),
                            (("library",), lambda c: (c.fields.get("library"),))))  # a library item's key (v8)
REFERENCES = Table("bib_references", Reference, ("references",), json="data",
                   promoted=("id", "label", "year", "title", "text", "source_start", "source_end"))
INTEXT_CITATIONS = Table("intext_citations", InTextCitation, ("intext_citations",))
DIAGNOSTICS = Table("diagnostics", Diagnostic, ("diagnostics",))
PERSONS = Table("persons", Person, ("persons",), seq=False, json="data",
                promoted=("id", "name", "side", "wikidata", "is_author", "mentions"))
ENTITIES = Table("entities", Entity, ("organizations", "places"), seq=False, json="data", promoted=("id", "kind", "name", "side", "mentions"))
MENTIONS = Table("mentions", Mention, ("mentions",))
DATES = Table("dates", DateMention, ("dates",))
QUOTES = Table("quotes", Quote, ("quotes",))
EVENTS = Table("events", Event, ("events",), spans={"evidence": ("evidence_start", "evidence_end")})
# a report's lists are in its JSON only; every other field is a column of its own
REPORTS = Table("reports", Report, (), seq=False, json="data", given=("file",),
                promoted=tuple(f.name for f in fields(Report) if f.name not in ("tagged_persons", "enclosures")))

APPARATUS_TABLES = (FOOTNOTES, CITATIONS, REFERENCES, INTEXT_CITATIONS, DIAGNOSTICS)
ACTORS_TABLES = (PERSONS, ENTITIES, MENTIONS, DATES, QUOTES, EVENTS)
ITEM_TABLES = (*APPARATUS_TABLES, *ACTORS_TABLES, REPORTS)


# A source's row: the file (every field of Source), then what the store adds to it.
SOURCE_INSERT = ("INSERT INTO sources ("
                 + ", ".join((*(f.name for f in fields(Source)), "work_id", "work_json", "text", "body", "ingested_at",
                              "layers"))
                 + f") VALUES ({', '.join('?' * (len(fields(Source)) + 6))})")


def source_row(source: Source, work_id: int | None, work_json: str, text: str, body: str, ingested_at: str,
               layers: str) -> tuple:
    return (*(getattr(source, f.name) for f in fields(Source)), work_id, work_json, text, body, ingested_at, layers)


# A work's row: its key (Work.id, what merges two sources into one work), then its fields; the
# lists as JSON. The abstract and keywords stay in each source's description of it (work_json).
WORK_NOT_STORED = {"abstract": "kept in each source's work_json", "keywords": "kept in each source's work_json"}
WORK_COLUMNS = ("key", *(f.name for f in fields(Work) if f.name not in WORK_NOT_STORED))
WORK_INSERT = f"INSERT INTO works ({', '.join(WORK_COLUMNS)}) VALUES ({', '.join('?' * len(WORK_COLUMNS))})"


def work_row(work: Work) -> tuple:
    values = [getattr(work, name if name != "key" else "id") for name in WORK_COLUMNS]
    return tuple(json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v for v in values)


def _event_types() -> list[tuple[str, Any]]:
    types = {f.name: f.type for f in fields(Event)}
    return [(c, "int" if c in EVENTS.spans["evidence"] else types.get(c, Any)) for c in EVENTS.field_columns]


# An event as read back: its row (the columns made from the model's Event above) with the path of
# its file and the sentence that reports it (body[evidence_start:evidence_end]).
StoredEvent = make_dataclass(
    "StoredEvent", [("source_id", "str"), ("seq", "int"), *_event_types(), ("path", "str"), ("sentence", "str")],
    frozen=True, slots=True, namespace={
        "__doc__": "A stored event with the path of its file and the sentence that reports it.",
        "to_dict": lambda self: {f.name: getattr(self, f.name) for f in fields(self)},
        "__getitem__": lambda self, key: getattr(self, key),  # row["date"] reads as record.date
    })
EVENT_COLUMNS = ("source_id", "seq", *EVENTS.field_columns)
