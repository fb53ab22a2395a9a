"""Events read back from the store with their evidence: the sentence that reports each one, the
note that sources it, the citations in that note, and the side whose papers report it.

Who reports an event: the sender's side when its source is one report of a collection (the
``reports`` table), else the side of the first citation of the event's note that has one (an
archive's or a document series' country, a newspaper's side from the organisations authority
file or the store), else nobody known (None).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from typing import Any, Iterable

from legation.lexicon.dates import date_span
from legation.lexicon.sides import country_side, series_side, side_code
from legation.lexicon import authority
from legation.store import queries
from legation.store.sqlite import Store

@dataclass(frozen=True, slots=True)
class Evidence:
    """One sentence presenting an event, and what its note cites."""

    path: str
    source_id: str
    sentence: str
    start: int  # into the source's body
    end: int
    source_start: int | None  # into the file's text
    source_end: int | None
    footnote: int | None
    cited: tuple[str, ...]  # the note's citations as written ("AVP RF. F. 0146. Op. 22. … L. 170.")
    reporter: str | None  # the side whose papers report it

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "source_id": self.source_id, "sentence": self.sentence,
                "start": self.start, "end": self.end, "source_start": self.source_start,
                "source_end": self.source_end, "footnote": self.footnote, "cited": list(self.cited),
                "reporter": self.reporter}


@dataclass(slots=True)
class EventRecord:
    """A stored event; ``evidence`` holds every sentence that presents it (several once a named
    event's mentions are merged)."""

    type: str
    plover: str | None
    goldstein: float | None
    source: str | None
    target: str | None
    source_side: str | None
    target_side: str | None
    date: str | None
    date_end: str | None
    date_precision: str | None
    name: str | None
    trigger: str | None
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def first_day(self) -> date | None:
        span = date_span(self.date, self.date_end)
        return span[0] if span else None

    @property
    def last_day(self) -> date | None:
        span = date_span(self.date, self.date_end)
        return span[1] if span else None

    @property
    def is_interval(self) -> bool:
        """The text gives a span it lasted ("1939-05-11/1939-09-16", "throughout 1939–1941"),
        as against one date known only to a month or year."""
        return self.date_end is not None and self.last_day is not None

    @property
    def reporters(self) -> list[str | None]:
        return list(dict.fromkeys(e.reporter for e in self.evidence))

    def to_dict(self) -> dict[str, Any]:
        return {**{name: getattr(self, name) for name in RECORD_FIELDS},
                "evidence": [e.to_dict() for e in self.evidence]}


# The fields an EventRecord takes from the stored event, each named as its column is.
RECORD_FIELDS = tuple(f.name for f in fields(EventRecord) if f.name != "evidence")


def load_events(store: Store, sides: Iterable[str] | None = None) -> list[EventRecord]:
    """Every stored event with its evidence, in date order; with ``sides`` (two sides, as codes
    or names: "USSR", "Japan"), only the events between them, either way. An unknown side raises
    ValueError."""
    if sides is None:
        rows = queries.events(store)
    else:
        a, b = (side_code(side) for side in sides)
        rows = queries.events_between_sides(store, a, b)
    reporters = _ReporterIndex(store, {row.source_id for row in rows})
    records = []
    for row in rows:
        cited, reporter = reporters.note(row.source_id, row.footnote)
        evidence = Evidence(row.path, row.source_id, row.sentence, row.evidence_start, row.evidence_end,
                            row.source_start, row.source_end, row.footnote, cited, reporter)
        records.append(EventRecord(**{name: getattr(row, name) for name in RECORD_FIELDS}, evidence=[evidence]))
    return records


class _ReporterIndex:
    """The citations of each note and the side that reports what the note sources, read once per source."""

    def __init__(self, store: Store, source_ids: set[str]):
        self.store = store
        self.sender_sides = queries.report_sides(store, source_ids)
        self.by_source: dict[str, dict[int | None, list[dict[str, Any]]]] = {}
        self.named_sides: dict[str, str | None] = {}

    def note(self, source_id: str, footnote: int | None) -> tuple[tuple[str, ...], str | None]:
        citations = self._citations(source_id).get(footnote, []) if footnote is not None else []
        cited = tuple(c["text"] for c in citations)
        if source_id in self.sender_sides:
            return cited, self.sender_sides[source_id]
        sides = (side for c in citations if (side := citation_side(c["kind"], json.loads(c["fields"]))))
        return cited, next(sides, None) or self._newspaper_in_store(citations)

    def _citations(self, source_id: str) -> dict[int | None, list[dict[str, Any]]]:
        if source_id not in self.by_source:
            notes: dict[int | None, list[dict[str, Any]]] = {}
            for row in queries.items(self.store, "citations", source_id):
                notes.setdefault(row["footnote"], []).append(row)
            self.by_source[source_id] = notes
        return self.by_source[source_id]

    def _newspaper_in_store(self, citations: list[dict[str, Any]]) -> str | None:
        """A newspaper the authority file lacks may still carry a side in the store's entities."""
        for c in citations:
            title = json.loads(c["fields"]).get("title") if c["kind"] == "newspaper" else None
            if title:
                if title not in self.named_sides:
                    self.named_sides[title] = queries.entity_side(self.store, title)
                if self.named_sides[title]:
                    return self.named_sides[title]
        return None


def citation_side(kind: str, fields: dict[str, Any]) -> str | None:
    """The side whose papers a citation points to: an archive's or a series' country, a newspaper's side."""
    cited = fields.get("resolved") if kind == "ibid" and isinstance(fields.get("resolved"), dict) else fields
    side = country_side(cited.get("country")) or series_side(cited.get("series"))
    if side or kind != "newspaper":
        return side
    return _organization_side(fields.get("title"))


def _organization_side(name: str | None) -> str | None:
    if not name:
        return None
    entities = authority.authorities().entities
    sides = [entities[i].side for kind, i in authority.lookup(name) if kind == "organization" and i in entities]
    return next((s for s in sides if s), None)
