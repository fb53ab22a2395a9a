"""Every query legation makes of a store, by name: what the command line, the web app, the exports
and the analyses read, and the lookups of the writer.

Each query is registered in ``QUERIES`` with its SQL, so that one test can plan them all
(``tests/test_query_plans.py`` runs EXPLAIN QUERY PLAN on each over a store of the examples and
fails on a full scan of a table). A query that must read a whole table — a corpus-wide count or
ranking, an export of everything — says why in ``scans``; every other one is answered from an
index. Values from a request reach SQL only as parameters; a set of ids is passed as one JSON
array and read with ``json_each``, so that each query's text is fixed.

Callers outside ``legation.store`` never write SQL: they call the functions below (or the
``Store`` methods built on them), which return plain rows (dicts) or typed records
(``StoredEvent``).
"""

from __future__ import annotations

import json
import sqlite3
import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable

from legation.store.columns import EVENT_COLUMNS, StoredEvent

if TYPE_CHECKING:
    from legation.store.sqlite import Store

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Query:
    name: str
    sql: str
    scans: str | None = None  # why this query reads a whole table (or a whole index), when it must


QUERIES: dict[str, Query] = {}


def named(name: str, sql: str, scans: str | None = None) -> Query:
    if name in QUERIES:
        raise ValueError(f"two queries named {name}")
    QUERIES[name] = query = Query(name, textwrap.dedent(sql).strip(), scans)
    return query


def connection(store: "Store | sqlite3.Connection") -> sqlite3.Connection:
    return store if isinstance(store, sqlite3.Connection) else store.db


def fetch(store: "Store | sqlite3.Connection", query: Query, params: Any = ()) -> list[sqlite3.Row]:
    return connection(store).execute(query.sql, params).fetchall()


def first(store: "Store | sqlite3.Connection", query: Query, params: Any = ()) -> sqlite3.Row | None:
    return connection(store).execute(query.sql, params).fetchone()


def scalar(store: "Store | sqlite3.Connection", query: Query, params: Any = ()) -> Any:
    row = first(store, query, params)
    return row[0] if row else None


def dicts(store: "Store | sqlite3.Connection", query: Query, params: Any = ()) -> list[Row]:
    return [dict(row) for row in fetch(store, query, params)]


def id_list(ids: Iterable[Any]) -> str:
    """A set of ids as the one parameter ``json_each`` reads."""
    return json.dumps(sorted(set(ids), key=str), ensure_ascii=False)


@dataclass(frozen=True, slots=True)
class Order:
    """The order a list is read in: one of its sort keys, ascending or descending."""

    key: str
    descending: bool = False


def order_by(columns: tuple[str, ...], descending: bool, then: str) -> str:
    """An ORDER BY list: each of ``columns`` the way asked, with what has no value (undated,
    unnamed) last either way, then the tie-breakers ``then`` (always ascending, so a page
    boundary never falls between equals at random)."""
    way = "DESC" if descending else "ASC"
    return ", ".join([f"{column} {way} NULLS LAST" for column in columns] + ([then] if then else []))


def sorted_queries(name: str, sql: str, keys: dict[str, tuple[str, ...]], then: str,
                   scans: str | None = None) -> dict[Order, Query]:
    """One named query per sort key of a list and direction, ``{order}`` in ``sql`` standing for
    its ORDER BY list: the order is part of each query's fixed text, so what a request asks for
    only chooses among them (a key not in ``keys`` has no query)."""
    return {Order(key, descending): named(f"{name}_by_{key}_{'desc' if descending else 'asc'}",
                                          sql.replace("{order}", order_by(columns, descending, then)), scans)
            for key, columns in keys.items() for descending in (False, True)}


IN_IDS = "(SELECT value FROM json_each(:ids))"
WHOLE_STORE = "an export or a corpus-wide figure: every row is read, once"

# --- the writer's lookups ----------------------------------------------------------------------

SOURCE_BY_SHA = named("source_by_sha", "SELECT id, path, layers FROM sources WHERE sha256 = ?")
SOURCES_TO_REPLACE = named("sources_to_replace", """
    SELECT id, work_id FROM sources WHERE path = :path OR sha256 = :sha256""")
WORK_BY_KEY = named("work_by_key", "SELECT * FROM works WHERE key = ?")
DELETE_SOURCES = named("delete_sources", "DELETE FROM sources WHERE path = :path OR sha256 = :sha256")
DROP_ORPHAN_WORKS = named("drop_orphan_works", f"""
    DELETE FROM works WHERE id IN {IN_IDS} AND NOT EXISTS (SELECT 1 FROM sources WHERE work_id = works.id)""")
CHANGES = named("changes", "SELECT value FROM meta WHERE key = 'changes'")
SCHEMA_VERSION = named("schema_version", "SELECT value FROM meta WHERE key = 'schema_version'")

# --- works and sources ---------------------------------------------------------------------------

# what the works page counts for each source it shows, each linking to where the document view lists it
COUNTED = ("footnotes", "citations", "bib_references", "persons", "quotes", "events", "diagnostics")

WORKS_COUNT = named("works_count", "SELECT count(*) FROM works",
                    scans="the number of works on the works page: a count of the (small) works table")
# a work's sources, and the citations their notes make, counted from the indexes (works.id the work)
SOURCES_OF_WORK = "(SELECT count(*) FROM sources s WHERE s.work_id = works.id)"
CITATIONS_OF_WORK = ("(SELECT count(*) FROM citations c WHERE c.source_id IN "
                     "(SELECT id FROM sources s WHERE s.work_id = works.id))")
# the works page's orders: as stored (the order the works were first ingested in), by title, year,
# the number of its documents, or the citations in their notes
WORK_SORTS = {"added": ("id",), "title": ("title COLLATE NOCASE",), "year": ("year",),
              "sources": (SOURCES_OF_WORK,), "citations": (CITATIONS_OF_WORK,)}
WORKS_IN_ORDER = Order("added")
WORKS_PAGE = sorted_queries("works_page", "SELECT * FROM works ORDER BY {order} LIMIT :limit OFFSET :offset",
                            WORK_SORTS, "id", scans="one page of works in the order asked: the works table holds "
                                                    "a row per work (an article, a volume), not per document")
WORK_BY_ID = named("work_by_id", "SELECT * FROM works WHERE id = ?")
WORK_SOURCE_COUNT = named("work_source_count", "SELECT count(*) FROM sources WHERE work_id = ?")
WORK_CITATION_COUNT = named("work_citation_count", """
    SELECT count(*) FROM citations WHERE source_id IN (SELECT id FROM sources WHERE work_id = ?)""")
# a work's documents in the order asked: file order (a volume's documents by number), date, heading
# (a report's own), or how many of a table's items each holds (the columns of its table)
SOURCE_SORTS = {"document": ("s.path",), "date": ("r.date",), "heading": ("r.heading COLLATE NOCASE",),
                **{{"bib_references": "references"}.get(table, table):
                   (f"(SELECT count(*) FROM {table} x WHERE x.source_id = s.id)",) for table in COUNTED}}
SOURCES_IN_ORDER = Order("document")
WORK_SOURCES_PAGE = sorted_queries("work_sources_page", """
    SELECT s.id, s.path, r.heading, r.date FROM sources s LEFT JOIN reports r ON r.source_id = s.id
    WHERE s.work_id = :work ORDER BY {order} LIMIT :limit OFFSET :offset""", SOURCE_SORTS, "s.path")
WORK_DESCRIPTIONS = named("work_descriptions", """
    SELECT work_json, json_group_array(id) AS ids FROM sources WHERE work_id = ? GROUP BY work_json""")
WORK_REFERENCE_LABELS = named("work_reference_labels", """
    SELECT r.source_id, r.id, r.label FROM bib_references r
    WHERE r.source_id IN (SELECT id FROM sources WHERE work_id = ?)""")
SOURCE_VIEW = named("source_view", """
    SELECT s.id, s.path, s.format, s.body, s.layers, s.ingested_at, s.work_id, w.title AS work_title
    FROM sources s LEFT JOIN works w ON w.id = s.work_id WHERE s.id = ?""")
SOURCE_ROW = named("source_row", "SELECT * FROM sources WHERE id = ?")
SOURCE_TEXT = named("source_text", "SELECT text FROM sources WHERE id = ?")
SOURCE_BODY = named("source_body", "SELECT body FROM sources WHERE id = ?")
REPORT_OF_SOURCE = named("report_of_source", "SELECT * FROM reports WHERE source_id = ?")
ARTICLE_SOURCES = named("article_sources", """
    SELECT id, path FROM sources s WHERE body != '' AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.source_id = s.id)
    ORDER BY path""", scans="the TEI export chooses among every stored article, reading each source once")

COUNTS_OF_SOURCES = {table: named(f"count_{table}_of_sources", f"""
    SELECT source_id, count(*) FROM {table} WHERE source_id IN {IN_IDS} GROUP BY source_id""") for table in COUNTED}
# one table's rows of one source, in order (what the document view and the TEI export place)
ITEMS_OF_SOURCE = {table: named(f"{table}_of_source", f"SELECT * FROM {table} WHERE source_id = ? ORDER BY seq")
                   for table in ("footnotes", "citations", "bib_references", "intext_citations", "mentions", "dates",
                                 "quotes", "diagnostics")}
ACTORS_OF_SOURCE = named("actors_of_source", """
    SELECT 'person' AS kind, id, name, side, data FROM persons WHERE source_id = :source
    UNION ALL SELECT kind, id, name, side, data FROM entities WHERE source_id = :source
    ORDER BY kind, id""")
ARCHIVAL_CITATIONS_OF_SOURCE = named("archival_citations_of_source", """
    SELECT * FROM citations WHERE source_id = ? AND archive_id IS NOT NULL ORDER BY seq""")
TABLE_COUNTS = {table: named(f"count_{table}", f"SELECT count(*) FROM {table}",
                             scans="the store's size, for `legation report`: a count of every row")
                for table in ("works", "sources", "reports", "footnotes", "citations", "bib_references",
                              "intext_citations", "diagnostics", "persons", "entities", "mentions", "dates", "quotes",
                              "events")}


WORK_FIELDS = ("title", "journal", "year", "volume", "issue", "pages")  # what two sources of a work may disagree on


def works_page(store: "Store", limit: int | None = None, offset: int = 0, sources_shown: int | None = None,
               order: Order = WORKS_IN_ORDER) -> tuple[int, list[Row]]:
    """How many works there are, and a page of them in ``order`` (a key of WORK_SORTS), each with
    its first ``sources_shown`` sources (all without it), how many it has and the citations they
    make, and what its sources disagree on."""
    total = scalar(store, WORKS_COUNT)
    rows = fetch(store, WORKS_PAGE[order], {"limit": -1 if limit is None else limit, "offset": offset})
    return total, [_work(store, row, sources_shown) for row in rows]


def work(store: "Store", work_id: int, sources_shown: int | None = None, offset: int = 0,
         order: Order = SOURCES_IN_ORDER) -> Row | None:
    """A work, with a page of its sources in ``order`` (a key of SOURCE_SORTS)."""
    row = first(store, WORK_BY_ID, (work_id,))
    return _work(store, row, sources_shown, offset, order) if row else None


def _work(store: "Store", row: sqlite3.Row, sources_shown: int | None, offset: int = 0,
          order: Order = SOURCES_IN_ORDER) -> Row:
    found = dict(row)
    found["authors"] = json.loads(row["authors"])
    found["source_count"] = scalar(store, WORK_SOURCE_COUNT, (row["id"],))
    found["citations"] = scalar(store, WORK_CITATION_COUNT, (row["id"],))
    found["sources"] = dicts(store, WORK_SOURCES_PAGE[order], {"work": row["id"], "offset": offset,
                                                               "limit": -1 if sources_shown is None else sources_shown})
    found["differences"] = _differences(store, row["id"]) if found["source_count"] > 1 else []
    return found


def _differences(store: "Store", work_id: int) -> list[Row]:
    """Metadata fields and reference-list entries on which a work's sources differ."""
    differences: list[Row] = []
    # each description once, with the sources giving it (the reports of a volume all give the same)
    descriptions = [(json.loads(r["work_json"]), json.loads(r["ids"])) for r in fetch(store, WORK_DESCRIPTIONS,
                                                                                       (work_id,))]
    sources = [r["id"] for r in fetch(store, WORK_SOURCES_PAGE[SOURCES_IN_ORDER], {"work": work_id, "limit": -1,
                                                                                     "offset": 0})]
    for name in (*WORK_FIELDS, "authors") if len(descriptions) > 1 else ():
        if len({json.dumps(w.get(name)) for w, _ in descriptions}) > 1:
            values = {sid: w.get(name) for w, ids in descriptions for sid in ids}
            differences.append({"field": name, "values": {sid: values[sid] for sid in sources}})
    entries: dict[str, dict[str, str]] = {sid: {} for sid in sources}
    for r in fetch(store, WORK_REFERENCE_LABELS, (work_id,)):
        entries[r["source_id"]][r["id"]] = r["label"]
    every = {rid: label for found in entries.values() for rid, label in found.items()}
    for rid in sorted(every):
        having = [sid for sid, found in entries.items() if rid in found]
        if len(having) < len(entries):
            differences.append({"field": "reference", "id": rid, "label": every[rid], "only_in": having})
    return differences


def counts_by_source(store: "Store", source_ids: Iterable[str]) -> dict[str, dict[str, int]]:
    """For the sources named: source id -> table -> how many rows of it the source holds (COUNTED)."""
    ids = id_list(source_ids)
    counts: dict[str, dict[str, int]] = {}
    for table, query in COUNTS_OF_SOURCES.items():
        for row in fetch(store, query, {"ids": ids}):
            counts.setdefault(row[0], {})[table] = row[1]
    return counts


def source(store: "Store", source_id: str) -> Row | None:
    row = first(store, SOURCE_VIEW, (source_id,))
    return dict(row) if row else None


def source_row(store: "Store", source_id: str) -> sqlite3.Row | None:
    return first(store, SOURCE_ROW, (source_id,))


def source_text(store: "Store", source_id: str) -> str:
    """The text a source's offsets point into (a PDF's or DOCX's extracted text, a file's own)."""
    return scalar(store, SOURCE_TEXT, (source_id,)) or ""


def source_body(store: "Store", source_id: str) -> str:
    return scalar(store, SOURCE_BODY, (source_id,)) or ""


def report(store: "Store", source_id: str) -> Row | None:
    row = first(store, REPORT_OF_SOURCE, (source_id,))
    return dict(row) if row else None


def items(store: "Store", table: str, source_id: str) -> list[Row]:
    """One table's rows for a source, in order (``table`` is one of ITEMS_OF_SOURCE's)."""
    return dicts(store, ITEMS_OF_SOURCE[table], (source_id,))


def actors_of_source(store: "Store", source_id: str) -> list[sqlite3.Row]:
    """The people, organisations and places of a source, by kind and id, with their records."""
    return fetch(store, ACTORS_OF_SOURCE, {"source": source_id})


def named_entities(store: "Store", source_id: str) -> dict[str, Row]:
    """Person and entity ids of a source -> their name, side and kind."""
    return {r["id"]: {"name": r["name"], "side": r["side"], "kind": r["kind"]}
            for r in sorted(actors_of_source(store, source_id), key=lambda r: r["kind"] != "person")}  # an entity wins


def article_sources(store: "Store") -> list[sqlite3.Row]:
    """The sources with running text of their own that are not one report of a collection."""
    return fetch(store, ARTICLE_SOURCES)


def counts(store: "Store") -> dict[str, int]:
    return {table: scalar(store, query) for table, query in TABLE_COUNTS.items()}


# --- events --------------------------------------------------------------------------------------

# The one query of events with their evidence: every column of the events table (made from the
# model's Event), the file's path and the sentence that reports the event; read as StoredEvent.
EVENTS_WITH_EVIDENCE = (
    "SELECT " + ", ".join(f'e."{c}"' for c in EVENT_COLUMNS) + ", s.path, "
    "substr(s.body, e.evidence_start + 1, e.evidence_end - e.evidence_start) AS sentence "
    "FROM events e JOIN sources s ON s.id = e.source_id")
IN_DATE_ORDER = "ORDER BY e.date IS NULL, e.date, s.path, e.seq"

EVENTS_ALL = named("events_all", f"{EVENTS_WITH_EVIDENCE} {IN_DATE_ORDER}",
                   scans="every event in date order: the exports, and `legation events` with no range")
# dates are ISO prefixes: an event overlaps [start, end] when it ends on or after start and begins
# on or before the last day of end ("1939-09" <= "1939-09-99")
EVENTS_IN_RANGE = named("events_in_range", f"""
    {EVENTS_WITH_EVIDENCE}
    WHERE e.date <= :end || '-99' AND coalesce(e.date_end, e.date) >= :start {IN_DATE_ORDER}""")
EVENTS_BETWEEN_SIDES = named("events_between_sides", f"""
    {EVENTS_WITH_EVIDENCE}
    WHERE (e.source_side = :a AND e.target_side = :b) OR (e.source_side = :b AND e.target_side = :a) {IN_DATE_ORDER}""")
EVENTS_OF_PERSON = named("events_of_person", f"""
    {EVENTS_WITH_EVIDENCE} WHERE e.source = :person OR e.target = :person {IN_DATE_ORDER}
    LIMIT :limit OFFSET :offset""")
EVENTS_OF_PERSON_COUNT = named("events_of_person_count", """
    SELECT count(*) FROM events WHERE source = :person OR target = :person""")
EVENTS_BETWEEN_PEOPLE = named("events_between_people", f"""
    {EVENTS_WITH_EVIDENCE}
    WHERE (e.source = :a AND e.target = :b) OR (e.source = :b AND e.target = :a) {IN_DATE_ORDER}""")
EVENTS_OF_SOURCE = named("events_of_source", f"{EVENTS_WITH_EVIDENCE} WHERE e.source_id = ? ORDER BY e.seq")


def _events(store: "Store", query: Query, params: Any = ()) -> list[StoredEvent]:
    return [StoredEvent(*row) for row in connection(store).execute(query.sql, params)]


def events(store: "Store", start: str | None = None, end: str | None = None) -> list[StoredEvent]:
    """Events whose dates overlap [start, end] (ISO prefixes such as 1939-09), in date order."""
    if start is None and end is None:
        return _events(store, EVENTS_ALL)
    return _events(store, EVENTS_IN_RANGE, {"start": start or "", "end": end or "9999"})


def events_between_sides(store: "Store", a: str, b: str) -> list[StoredEvent]:
    """The events from either side to the other (side codes as stored), in date order."""
    return _events(store, EVENTS_BETWEEN_SIDES, {"a": a, "b": b})


def events_of_person(store: "Store", person_id: str, limit: int | None = None,
                     offset: int = 0) -> tuple[int, list[StoredEvent]]:
    """How many events a person is the source or target of, and those of a page, in date order."""
    total = scalar(store, EVENTS_OF_PERSON_COUNT, {"person": person_id})
    found = _events(store, EVENTS_OF_PERSON, {"person": person_id, "limit": -1 if limit is None else limit,
                                              "offset": offset})
    return total, found


def events_between_people(store: "Store", a: str, b: str) -> list[StoredEvent]:
    """The events between two people, either way: the evidence of a network link."""
    return _events(store, EVENTS_BETWEEN_PEOPLE, {"a": a, "b": b})


def events_of_source(store: "Store", source_id: str) -> list[StoredEvent]:
    return _events(store, EVENTS_OF_SOURCE, (source_id,))


# --- what the analyses read beside the events ------------------------------------------------------

REPORT_SIDES = named("report_sides", f"""
    SELECT source_id, sender_side FROM reports WHERE source_id IN {IN_IDS} AND sender_side IS NOT NULL""")
ENTITY_SIDE_NAMED = named("entity_side_named", """
    SELECT side FROM entities WHERE lower(name) = lower(?) AND side IS NOT NULL LIMIT 1""")
ACTOR_PEOPLE = named("actor_people", """
    SELECT id, min(name) AS name, max(side) AS side FROM persons WHERE is_author = 0 GROUP BY id""")
OCCASIONS = named("occasions", """
    SELECT source, target, date, date_end, type FROM events WHERE source IS NOT NULL AND target IS NOT NULL
    UNION ALL
    SELECT speaker, addressee, date, NULL, NULL FROM quotes WHERE speaker IS NOT NULL AND addressee IS NOT NULL""",
                  scans="the whole network: every event and quotation between two named people")
# a period's occasions: a superset (dates are ISO prefixes; ``low`` is a year, ``high`` a last day),
# which the network then reads exactly
OCCASIONS_IN_PERIOD = named("occasions_in_period", """
    SELECT source, target, date, date_end, type FROM events
    WHERE date <= :high AND coalesce(date_end, date) >= :low AND source IS NOT NULL AND target IS NOT NULL
    UNION ALL
    SELECT speaker, addressee, date, NULL, NULL FROM quotes
    WHERE date BETWEEN :low AND :high AND speaker IS NOT NULL AND addressee IS NOT NULL""")


def report_sides(store: "Store", source_ids: Iterable[str]) -> dict[str, str]:
    """source id -> its sender's side, for those of the sources named that are reports of a collection."""
    return {row[0]: row[1] for row in fetch(store, REPORT_SIDES, {"ids": id_list(source_ids)})}


def entity_side(store: "Store", name: str) -> str | None:
    """The side the store gives an organisation or place of this name (case-blind), if any."""
    return scalar(store, ENTITY_SIDE_NAMED, (name,))


def actor_people(store: "Store") -> dict[str, tuple[str, str | None]]:
    """Person id -> (name, side), for the historical actors (not the scholars cited)."""
    return {row[0]: (row[1], row[2]) for row in fetch(store, ACTOR_PEOPLE)}


def occasions(store: "Store", low: str | None = None, high: str | None = None) -> list[sqlite3.Row]:
    """(person, person, date, date_end, CAMEO code or None for a quotation) for every event and
    quotation with both ends named; with ``low``/``high`` (ISO days), those that may overlap them."""
    if low is None and high is None:
        return fetch(store, OCCASIONS)
    return fetch(store, OCCASIONS_IN_PERIOD, {"low": (low or "0000")[:4], "high": high or "9999"})


# --- people ------------------------------------------------------------------------------------------

# the people page's orders, each over every person of the list (one row per person id): by name,
# side, mentions, the sources naming them, or the quotations they speak
PEOPLE_SORTS = {"name": ("min(name) COLLATE NOCASE",), "side": ("max(side)",), "mentions": ("sum(mentions)",),
                "sources": ("count(*)",), "quotes": ("(SELECT count(*) FROM quotes q WHERE q.speaker = persons.id)",)}
PEOPLE_IN_ORDER = Order("mentions", descending=True)  # the most mentioned first
PEOPLE_RANKED = sorted_queries("people_ranked", """
    SELECT id, min(name) AS name, max(side) AS side, max(wikidata) AS wikidata, sum(mentions) AS mentions,
           count(*) AS sources
    FROM persons WHERE is_author = :authors AND (:side IS NULL OR side = :side)
    GROUP BY id ORDER BY {order} LIMIT :limit OFFSET :offset""", PEOPLE_SORTS, "id")
PEOPLE_COUNT = named("people_count", """
    SELECT count(DISTINCT id) FROM persons WHERE is_author = :authors AND (:side IS NULL OR side = :side)""")
PEOPLE_RECORDS = named("people_records", f"""
    SELECT id, data FROM persons
    WHERE id IN {IN_IDS} AND is_author = :authors AND (:side IS NULL OR side = :side)""")
# the first ``:roles`` roles each person of a page is known by, read from their first ROLE_RECORDS
# records at most (a person named in thousands of reports is not read whole to show three roles)
ROLE_RECORDS = 200
PEOPLE_ROLES_SHOWN = named("people_roles_shown", f"""
    SELECT j.value AS id, (SELECT json_group_array(json(role)) FROM (
        SELECT DISTINCT r.value AS role
        FROM (SELECT data FROM persons WHERE id = j.value AND is_author = :authors AND (:side IS NULL OR side = :side)
              LIMIT {ROLE_RECORDS}) p, json_each(p.data, '$.roles') r
        LIMIT :roles)) AS roles
    FROM json_each(:ids) j""")
QUOTES_SPOKEN_BY = named("quotes_spoken_by", f"""
    SELECT speaker, count(*) FROM quotes WHERE speaker IN {IN_IDS} GROUP BY speaker""")
PERSON_RECORDS = named("person_records", """
    SELECT source_id, name, side, wikidata, is_author, mentions, data FROM persons WHERE id = ?""")
PERSON_MENTIONS = named("person_mentions", """
    SELECT k.source_id, k.path, m.start, m."end", m.text,
           substr(s.body, max(m.start - 80, 1), min(m.start, 80)) AS before,
           substr(s.body, m."end" + 1, 80) AS after
    FROM (SELECT m.source_id, m.seq, s.path FROM mentions m JOIN sources s ON s.id = m.source_id
          WHERE m.entity = :person ORDER BY s.path, m.start LIMIT :limit) k
    JOIN mentions m ON m.source_id = k.source_id AND m.seq = k.seq JOIN sources s ON s.id = k.source_id
    ORDER BY k.path, m.start""")
NAMES_OF_PERSONS = named("names_of_persons", f"""
    SELECT id, min(name) FROM persons WHERE is_author IN (0, 1) AND id IN {IN_IDS} GROUP BY id""")  # persons_rank
NAMES_OF_ENTITIES = named("names_of_entities", f"""
    SELECT id, min(name) FROM entities WHERE id IN {IN_IDS} GROUP BY id""")


def people(store: "Store", side: str | None = None, authors: bool = False, limit: int | None = None,
           offset: int = 0, roles: int | None = None, order: Order = PEOPLE_IN_ORDER) -> tuple[int, list[Row]]:
    """How many people there are, and a page of them in ``order`` (a key of PEOPLE_SORTS; the most
    mentioned first by default): one row per person id (the historical actors by default, the
    scholars cited with ``authors=True``), mentions, sources and quotations counted. Each with
    every name form and role it has in the store; or, with ``roles=N``, with only its first N
    roles (no name forms), read without all its records."""
    params = {"authors": int(authors), "side": side}
    total = scalar(store, PEOPLE_COUNT, params)
    rows = dicts(store, PEOPLE_RANKED[order], {**params, "limit": -1 if limit is None else limit, "offset": offset})
    ids = id_list(row["id"] for row in rows)
    quotes = dict(fetch(store, QUOTES_SPOKEN_BY, {"ids": ids}))
    if roles is not None:
        shown = {r["id"]: json.loads(r["roles"]) for r in fetch(store, PEOPLE_ROLES_SHOWN,
                                                                {**params, "ids": ids, "roles": roles})}
        return total, [row | {"quotes": quotes.get(row["id"], 0), "roles": shown.get(row["id"], [])} for row in rows]
    records: dict[str, list[dict[str, Any]]] = {}
    for r in fetch(store, PEOPLE_RECORDS, {**params, "ids": ids}):
        records.setdefault(r["id"], []).append(json.loads(r["data"]))
    found = []
    for row in rows:
        mine = records.get(row["id"], [])
        found.append(row | {"quotes": quotes.get(row["id"], 0),
                            "variants": sorted({v for r in mine for v in r["variants"]}),
                            "roles": unique([role for r in mine for role in r["roles"]])})
    return total, found


def person(store: "Store", person_id: str) -> Row | None:
    """A person across the store: name, side, name forms, every role once (with the source that
    tells it), mentions and the sources naming them."""
    records = fetch(store, PERSON_RECORDS, (person_id,))
    if not records:
        return None
    data = [json.loads(r["data"]) for r in records]
    # one entry per title and dates; the first source that tells it is its evidence
    roles: dict[tuple, dict[str, Any]] = {}
    for record, d in zip(records, data):
        for role in d["roles"]:
            roles.setdefault((role["title"], role.get("from"), role.get("to")), role | {"source_id": record["source_id"]})
    return {"id": person_id, "name": min(r["name"] for r in records),
            "side": max((r["side"] for r in records if r["side"]), default=None),
            "wikidata": max((r["wikidata"] for r in records if r["wikidata"]), default=None),
            "is_author": any(r["is_author"] for r in records),
            "mentions": sum(r["mentions"] for r in records),
            "variants": sorted({v for d in data for v in d["variants"]}),
            "roles": sorted(roles.values(), key=lambda role: (role.get("from") or "", role["title"])),
            "sources": [r["source_id"] for r in records]}


def person_mentions(store: "Store", person_id: str, limit: int) -> list[Row]:
    """The first ``limit`` mentions of a person in corpus order, with the words around each."""
    return dicts(store, PERSON_MENTIONS, {"person": person_id, "limit": limit})


def names(store: "Store", ids: Iterable[str]) -> dict[str, str]:
    """Person and entity ids -> a name, for the ids given."""
    ids = [i for i in ids if i]
    if not ids:
        return {}
    found = {r[0]: r[1] for r in fetch(store, NAMES_OF_ENTITIES, {"ids": id_list(ids)})}
    found.update({r[0]: r[1] for r in fetch(store, NAMES_OF_PERSONS, {"ids": id_list(ids)})})
    return found


def unique(items: list[Any]) -> list[Any]:
    seen: set[str] = set()
    kept = []
    for item in items:
        key = json.dumps(item, sort_keys=True)
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


# --- quotations ----------------------------------------------------------------------------------

QUOTE_JOINS = """
    LEFT JOIN persons p ON p.source_id = q.source_id AND p.id = q.speaker
    LEFT JOIN entities e ON e.source_id = q.source_id AND e.id = q.speaker"""
# the speaker's side, looked up only when a side is asked for
QUOTE_FILTERS = """
    AND (:addressee IS NULL OR q.addressee = :addressee)
    AND (:side IS NULL OR coalesce((SELECT side FROM persons WHERE source_id = q.source_id AND id = q.speaker),
                                   (SELECT side FROM entities WHERE source_id = q.source_id AND id = q.speaker)) = :side)
    AND (:start IS NULL OR q.date >= :start)
    AND (:end IS NULL OR q.date <= :end || '-99')
    AND (:medium IS NULL OR q.medium = :medium)"""
# What leads each filtered list: the speakers asked for, else the addressee, else the period, else
# every quotation. Each is answered from its index; the other filters are checked on what it finds.
QUOTE_LEADS = {
    "speakers": ("q.speaker IN (SELECT value FROM json_each(:speakers))", None),
    "addressee": ("q.addressee = :addressee", None),
    "period": ("q.date BETWEEN coalesce(:start, '') AND coalesce(:end, '9999') || '-99'", None),
    "all": ("1", "the list of every quotation (or of a side's or a medium's) and its true total read every "
                 "quotation once"),
}
QUOTES_COUNT = {lead: named(f"quotes_count_by_{lead}", f"""
    SELECT count(*) FROM quotes q WHERE {where} {QUOTE_FILTERS}""", scans) for lead, (where, scans) in QUOTE_LEADS.items()}
# the quotations page's orders: corpus order (file, then place in it), date, or the speaker's name
# (as the quotation's source names them, looked up by its key)
QUOTE_SORTS = {"document": ("s.path", "q.seq"), "date": ("q.date",),
               "speaker": ("coalesce((SELECT name FROM persons WHERE source_id = q.source_id AND id = q.speaker), "
                           "(SELECT name FROM entities WHERE source_id = q.source_id AND id = q.speaker), "
                           "q.speaker_text) COLLATE NOCASE",)}
QUOTES_IN_ORDER = Order("document")
# a page: the quotations' places in the order asked first (read from indexes), then what is shown
# of each, in that order again (the same aliases, so the same ORDER BY)
QUOTES_PAGE = {lead: sorted_queries(f"quotes_page_{lead}", f"""
    SELECT q.*, s.path, coalesce(p.name, e.name) AS speaker_name, coalesce(p.side, e.side) AS speaker_side,
           CASE WHEN p.id IS NOT NULL THEN 'person' ELSE e.kind END AS speaker_kind, pa.name AS addressee_name
    FROM (SELECT q.rowid AS quote FROM quotes q JOIN sources s ON s.id = q.source_id
          WHERE {where} {QUOTE_FILTERS} ORDER BY {{order}} LIMIT :limit OFFSET :offset) k
    JOIN quotes q ON q.rowid = k.quote JOIN sources s ON s.id = q.source_id {QUOTE_JOINS}
    LEFT JOIN persons pa ON pa.source_id = q.source_id AND pa.id = q.addressee
    ORDER BY {{order}}""", QUOTE_SORTS, "s.path, q.seq", scans) for lead, (where, scans) in QUOTE_LEADS.items()}
# the speakers a name form stands for: their id, or any name form a source gives them. A name form
# may be any part of a speaker's record, so every quotation that has a speaker is read (through
# quotes_speaker, with its speaker's record): the one filter of the quotations page not answered
# from an index; a person's own page asks by id (speaker_ids), which is.
QUOTE_SPEAKERS_NAMED = named("quote_speakers_named", f"""
    SELECT DISTINCT q.speaker FROM quotes q {QUOTE_JOINS}
    WHERE q.speaker IS NOT NULL
      AND (q.speaker = :form OR instr(lower(coalesce(p.data, e.data, '')), lower(:form)) > 0)""")
QUOTES_BETWEEN_PEOPLE = named("quotes_between_people", """
    SELECT q.*, s.path FROM quotes q JOIN sources s ON s.id = q.source_id
    WHERE (q.speaker = :a AND q.addressee = :b) OR (q.speaker = :b AND q.addressee = :a)
    ORDER BY s.path, q.seq""")


def speakers_named(store: "Store", form: str) -> list[str]:
    """The speaker ids a person id or a name form (case-blind, any part of a record) stands for."""
    return [row[0] for row in fetch(store, QUOTE_SPEAKERS_NAMED, {"form": form})]


def quotes(store: "Store", speaker: str | None = None, addressee: str | None = None, side: str | None = None,
           start: str | None = None, end: str | None = None, medium: str | None = None, limit: int | None = None,
           offset: int = 0, speaker_ids: list[str] | None = None,
           order: Order = QUOTES_IN_ORDER) -> tuple[int, list[Row]]:
    """Quotations matching every filter given, in ``order`` (a key of QUOTE_SORTS; corpus order by
    default), with their speaker's name and side, and how many match in all. ``speaker`` is an id
    or, case-blind, a name form (``speaker_ids`` the ids themselves); ``start`` and ``end`` are ISO
    prefixes the quote's date must fall between."""
    if speaker is not None and speaker_ids is None:
        speaker_ids = speakers_named(store, speaker)
    lead = ("speakers" if speaker_ids is not None else "addressee" if addressee is not None
            else "period" if start is not None or end is not None else "all")
    params = {"speakers": id_list(speaker_ids or ()), "addressee": addressee, "side": side, "start": start,
              "end": end, "medium": medium}
    total = scalar(store, QUOTES_COUNT[lead], params)
    page = {**params, "limit": -1 if limit is None else limit, "offset": offset}
    return total, dicts(store, QUOTES_PAGE[lead][order], page)


def quotes_between_people(store: "Store", a: str, b: str) -> list[Row]:
    return dicts(store, QUOTES_BETWEEN_PEOPLE, {"a": a, "b": b})


# --- the citation index ----------------------------------------------------------------------------

FILE_COLUMNS = ("archive_id", "fond", "opis", "papka", "delo")
THE_FILE = "archive_id = :archive_id AND fond IS :fond AND opis IS :opis AND papka IS :papka AND delo IS :delo"
FILE_FIGURES = """
    SELECT archive_id, min(archive) AS archive, fond, opis, papka, delo,
           count(DISTINCT source_id || ':' || coalesce(footnote, '')) AS notes, count(*) AS citations
    FROM citations"""
# the citation index's orders: by the file itself (its archive's name, then fond, opis, papka and
# delo, numbers as numbers: "F. 5" before "F. 0146"), the notes citing it, or its citations
FILE_SORTS = {"file": ("coalesce(min(archive), archive_id) COLLATE NOCASE",
                       *(sql for level in FILE_COLUMNS[1:] for sql in (f"CAST({level} AS INTEGER)", level))),
              "notes": ("notes",), "citations": ("citations",)}
FILES_IN_ORDER = Order("notes", descending=True)  # the most cited first
ARCHIVE_FILES_RANKED = sorted_queries("archive_files_ranked", f"""
    {FILE_FIGURES} WHERE archive_id IS NOT NULL
    GROUP BY archive_id, fond, opis, papka, delo
    ORDER BY {{order}} LIMIT :limit OFFSET :offset""", FILE_SORTS, "archive_id, fond, opis, papka, delo")
ARCHIVE_FILES_COUNT = named("archive_files_count", """
    SELECT count(*) FROM (SELECT 1 FROM citations WHERE archive_id IS NOT NULL
                          GROUP BY archive_id, fond, opis, papka, delo)""")
ARCHIVE_FILE = named("archive_file", f"{FILE_FIGURES} WHERE {THE_FILE} GROUP BY archive_id, fond, opis, papka, delo")
FILE_FOLIOS = named("file_folios", f"""
    SELECT DISTINCT folio_first, folio_last, verso FROM citations WHERE {THE_FILE} ORDER BY folio_first, folio_last""")
FILE_CITING_NOTES = named("file_citing_notes", f"""
    SELECT DISTINCT source_id, footnote FROM citations WHERE {THE_FILE} ORDER BY source_id, footnote""")
FILE_NOTES = f"""
    SELECT DISTINCT c.source_id, s.path, c.footnote, f.text AS note, f.anchor_start, f.anchor_end,
           substr(s.body, f.anchor_start + 1, f.anchor_end - f.anchor_start) AS sentence,
           c.folio_first, c.folio_last, c.verso, c.text AS citation
    FROM citations c JOIN sources s ON s.id = c.source_id
    LEFT JOIN footnotes f ON f.source_id = c.source_id AND f.number = c.footnote
    WHERE c.{THE_FILE.replace(' AND ', ' AND c.')}"""
# the notes citing a file in corpus order (file, note), or by the folios they cite
FILE_NOTE_SORTS = {"document": ("s.path", "c.footnote"), "folio": ("c.folio_first", "c.folio_last")}
FILE_NOTES_IN_ORDER = Order("document")
FILE_NOTES_PAGE = sorted_queries("file_notes_page", f"{FILE_NOTES} ORDER BY {{order}} LIMIT :limit OFFSET :offset",
                                 FILE_NOTE_SORTS, "s.path, c.footnote, c.seq")
FILE_NOTES_COUNT = named("file_notes_count", f"SELECT count(*) FROM ({FILE_NOTES})")


def file_key(row: Row | sqlite3.Row) -> str:
    """An archive file's key for a URL: its five identifying columns joined by '|'."""
    return "|".join("" if row[c] is None else str(row[c]) for c in FILE_COLUMNS)


def parse_file_key(key: str) -> tuple[str | None, ...] | None:
    parts = key.split("|")
    if len(parts) != len(FILE_COLUMNS) or not parts[0]:
        return None
    return tuple(p or None for p in parts)


def folio_label(row: sqlite3.Row | Row) -> str:
    """ "258–259", "1 v.": the folios a citation row cites."""
    first_, last = row["folio_first"], row["folio_last"]
    label = str(first_) if last in (None, first_) else f"{first_}–{last}"
    return label + (" v." if row["verso"] else "")


def _file_params(row: Row | sqlite3.Row | tuple) -> dict[str, Any]:
    values = tuple(row[c] for c in FILE_COLUMNS) if not isinstance(row, tuple) else row
    return dict(zip(FILE_COLUMNS, values))


def _file_entry(store: "Store", row: sqlite3.Row, cited_in: bool) -> Row:
    key = _file_params(row)
    entry = {"archive": row["archive"], **key, "notes": row["notes"], "citations": row["citations"],
             "folios": [folio_label(f) for f in fetch(store, FILE_FOLIOS, key) if f["folio_first"] is not None]}
    if cited_in:
        entry["cited_in"] = [{"source": n["source_id"], "footnote": n["footnote"]}
                             for n in fetch(store, FILE_CITING_NOTES, key)]
    return entry


def citation_index(store: "Store", limit: int | None = None, offset: int = 0, cited_in: bool = True,
                   order: Order = FILES_IN_ORDER) -> tuple[int, list[Row]]:
    """How many archive files are cited, and a page of them in ``order`` (a key of FILE_SORTS;
    ranked by the number of notes citing them by default), with the folios cited (and, with
    ``cited_in``, every note citing each)."""
    total = scalar(store, ARCHIVE_FILES_COUNT)
    rows = fetch(store, ARCHIVE_FILES_RANKED[order], {"limit": -1 if limit is None else limit, "offset": offset})
    return total, [_file_entry(store, row, cited_in) for row in rows]


def archive_file(store: "Store", key: tuple[str | None, ...]) -> Row | None:
    """One archive file's entry of the citation index, by its five columns."""
    row = first(store, ARCHIVE_FILE, _file_params(key))
    return _file_entry(store, row, cited_in=True) if row else None


def file_notes(store: "Store", key: tuple[str | None, ...], limit: int | None = None, offset: int = 0,
               order: Order = FILE_NOTES_IN_ORDER) -> tuple[int, list[Row]]:
    """The notes citing one archive file, each with the sentence its marker closes: how many, and
    a page in ``order`` (a key of FILE_NOTE_SORTS)."""
    params = _file_params(key)
    total = scalar(store, FILE_NOTES_COUNT, params)
    page = {**params, "limit": -1 if limit is None else limit, "offset": offset}
    return total, dicts(store, FILE_NOTES_PAGE[order], page)


def note_files(store: "Store", source_id: str) -> dict[int, list[Row]]:
    """Footnote number -> the citations of that note, with the archive file key when archival."""
    notes: dict[int, list[Row]] = {}
    for row in fetch(store, ITEMS_OF_SOURCE["citations"], (source_id,)):
        item = dict(row)
        item["fields"] = json.loads(row["fields"])
        item["file_key"] = file_key(row) if row["archive_id"] else None
        notes.setdefault(row["footnote"], []).append(item)
    return notes


def archive_files_of_notes(store: "Store", notes: set[tuple[str, int]]) -> dict[tuple[str, int], list[Row]]:
    """(source id, footnote number) -> the archive files that note cites, for the notes asked."""
    found: dict[tuple[str, int], list[Row]] = {}
    for source_id in sorted({s for s, _ in notes}):
        for row in fetch(store, ARCHIVAL_CITATIONS_OF_SOURCE, (source_id,)):
            if (source_id, row["footnote"]) in notes:
                found.setdefault((source_id, row["footnote"]), []).append(
                    {"key": file_key(row), "text": row["text"], "archive_id": row["archive_id"]})
    return found


# --- exports and the consistency report ---------------------------------------------------------------

REFERENCES_BY_WORK = named("references_by_work", """
    SELECT r.data, s.work_id FROM bib_references r JOIN sources s ON s.id = r.source_id
    ORDER BY s.work_id,
             -- the source that cites its references (the full text) speaks for the work
             (SELECT count(*) FROM intext_citations i WHERE i.source_id = s.id) DESC,
             s.path, r.seq""", scans=WHOLE_STORE)
DIAGNOSTICS_ALL = named("diagnostics_all", """
    SELECT s.path, d.code, d.message, d.footnote, d.source_start, d.source_end
    FROM diagnostics d JOIN sources s ON s.id = d.source_id ORDER BY s.path, d.seq""",
                        scans="the consistency report of the whole store")
CITATIONS_ALL = named("citations_all", """
    SELECT c.*, s.path FROM citations c JOIN sources s ON s.id = c.source_id ORDER BY s.path, c.seq""",
                      scans=WHOLE_STORE)
NOTE_TEXTS = named("note_texts", "SELECT source_id, number, text FROM footnotes WHERE number IS NOT NULL",
                   scans=WHOLE_STORE)
NOTE_CITATIONS = named("note_citations", """
    SELECT * FROM citations WHERE footnote IS NOT NULL ORDER BY source_id, seq""", scans=WHOLE_STORE)
ACTOR_LABELS = named("actor_labels", """
    SELECT source_id, id, name, side FROM persons UNION ALL SELECT source_id, id, name, side FROM entities""",
                     scans=WHOLE_STORE)
ENTITIES_RANKED = named("entities_ranked", """
    SELECT id, min(name) AS name, max(side) AS side, sum(mentions) AS mentions,
           count(DISTINCT source_id) AS sources, json_group_array(json(data)) AS records
    FROM entities WHERE kind = ? GROUP BY id ORDER BY mentions DESC, id""", scans=WHOLE_STORE)
REPORTS_ALL = named("reports_all", "SELECT * FROM reports ORDER BY file, start", scans=WHOLE_STORE)


def references(store: "Store") -> list[dict[str, Any]]:
    """Every reference once per work (a work's several sources repeat its reference list)."""
    seen: set[tuple[int, str]] = set()
    refs = []
    for row in fetch(store, REFERENCES_BY_WORK):
        data = json.loads(row["data"])
        key = (row["work_id"], data["id"])
        if key not in seen:
            seen.add(key)
            refs.append(data)
    return refs


def diagnostics(store: "Store") -> list[Row]:
    return dicts(store, DIAGNOSTICS_ALL)


def citations_with_path(store: "Store") -> list[sqlite3.Row]:
    """Every citation, with its file's path, in corpus order."""
    return fetch(store, CITATIONS_ALL)


def note_texts(store: "Store") -> list[sqlite3.Row]:
    return fetch(store, NOTE_TEXTS)


def note_citations(store: "Store") -> list[sqlite3.Row]:
    return fetch(store, NOTE_CITATIONS)


def actor_labels(store: "Store") -> list[sqlite3.Row]:
    """(source_id, id, name, side) of every person and entity record."""
    return fetch(store, ACTOR_LABELS)


def entities_ranked(store: "Store", kind: str) -> list[sqlite3.Row]:
    return fetch(store, ENTITIES_RANKED, (kind,))


def all_reports(store: "Store") -> list[sqlite3.Row]:
    return fetch(store, REPORTS_ALL)


# --- corrections (legation.store.corrections) ---------------------------------------------------

CORRECTION_SAVE = named("correction_save", """
    INSERT OR REPLACE INTO corrections(key, kind, sha256, person, data) VALUES (?, ?, ?, ?, ?)""")
CORRECTIONS_OF_SOURCE = named("corrections_of_source", "SELECT data FROM corrections WHERE sha256 = ?")
CORRECTIONS_OF_PERSON = named("corrections_of_person", "SELECT data FROM corrections WHERE person = ?")
CORRECTIONS_OF_PEOPLE = named("corrections_of_people", """
    SELECT DISTINCT c.data FROM persons p JOIN corrections c ON c.person = p.id WHERE p.source_id = ?""")
CORRECTIONS_ALL = named("corrections_all", "SELECT key, kind, data FROM corrections ORDER BY rowid",
                        scans="every correction, to apply or list them (a historian's handful, not the corpus)")
CORRECT_PERSON_SIDE = named("correct_person_side", """
    UPDATE persons SET side = :side WHERE id = :person AND (:source IS NULL OR source_id = :source)""")
CORRECT_EVENT_SOURCE_SIDE = named("correct_event_source_side", """
    UPDATE events SET source_side = :side WHERE source = :person AND (:source IS NULL OR source_id = :source)""")
CORRECT_EVENT_TARGET_SIDE = named("correct_event_target_side", """
    UPDATE events SET target_side = :side WHERE target = :person AND (:source IS NULL OR source_id = :source)""")
# an event as a re-extraction gives it back: its sentence, and who acts on whom in it
_EVENT_AT = ("source_id = :source AND evidence_start = :start AND evidence_end = :end "
             "AND coalesce(source, '') = :actor AND coalesce(target, '') = :acted")
REJECT_EVENT = named("reject_event", f"DELETE FROM events WHERE {_EVENT_AT}")
RECODE_EVENT = named("recode_event", f"""
    UPDATE events SET type = :type, plover = :plover, goldstein = :goldstein WHERE {_EVENT_AT}""")
REDATE_EVENT = named("redate_event", f"""
    UPDATE events SET date = :date, date_end = :date_end, date_precision = :precision, date_edtf = :date
    WHERE {_EVENT_AT}""")
EVENT_READ = named("event_read", f"SELECT type, goldstein, date, date_end FROM events WHERE {_EVENT_AT}")
EVENT_FOR_CORRECTION = named("event_for_correction", """
    SELECT s.sha256, e.evidence_start, e.evidence_end, e.source, e.target FROM events e
    JOIN sources s ON s.id = e.source_id
    WHERE e.source_id = ? AND e.seq = ?""")
PERSON_SIDE_READ = named("person_side_read", """
    SELECT side, count(*) AS n FROM persons WHERE id = ? GROUP BY side ORDER BY n DESC LIMIT 1""")
CORRECTION_BY_KEY = named("correction_by_key", "SELECT data FROM corrections WHERE key = ?")
MERGES_OF_PERSON = named("merges_of_person", "SELECT data FROM corrections WHERE person = ? AND kind = 'merge-person'")
# the merges into a person and the mentions said to be theirs, shown on their page
CORRECTIONS_INTO_PERSON = named("corrections_into_person", """
    SELECT data FROM corrections WHERE kind IN ('merge-person', 'split-mention') AND json_extract(data, '$.value.person') = ?
    ORDER BY rowid""", scans="the corrections naming a person as who another is: a historian's handful, not the corpus")
SOURCE_SHA = named("source_sha", "SELECT sha256 FROM sources WHERE id = ?")
# a person's record in one source, rewritten whole when it is merged, split or re-dated
PERSON_IN_SOURCE = named("person_in_source", "SELECT * FROM persons WHERE source_id = ? AND id = ?")
PERSON_ROW_SAVE = named("person_row_save", """
    UPDATE persons SET id = :into, name = :name, side = :side, mentions = :mentions, data = :data
    WHERE source_id = :source AND id = :person""")
PERSON_ROW_ADD = named("person_row_add", """
    INSERT INTO persons (source_id, id, name, side, wikidata, is_author, mentions, data)
    VALUES (:source, :into, :name, :side, :wikidata, 0, :mentions, :data)""")
PERSON_ROW_DROP = named("person_row_drop", "DELETE FROM persons WHERE source_id = :source AND id = :person")
# what the store reads of a person across its sources: their most frequent name, a side and a Wikidata id
PERSON_READING = named("person_reading", """
    SELECT name, max(side) AS side, max(wikidata) AS wikidata FROM persons WHERE id = ?
    GROUP BY name ORDER BY count(*) DESC, name LIMIT 1""")
# who is named where in a source: a person's mentions, the quotations and events they are in
MENTION_AT = named("mention_at", """
    SELECT seq, kind, entity, text, start, "end" FROM mentions WHERE source_id = ? AND start = ? AND "end" = ?""")
MENTIONS_OF_PERSON_IN_SOURCE = named("mentions_of_person_in_source", """
    SELECT seq, text, start, "end" FROM mentions WHERE source_id = :source AND entity = :person ORDER BY start""")
QUOTES_OF_PERSON_IN_SOURCE = named("quotes_of_person_in_source", """
    SELECT seq, start, "end" FROM quotes WHERE source_id = :source AND (speaker = :person OR addressee = :person)""")
EVENTS_OF_PERSON_IN_SOURCE = named("events_of_person_in_source", """
    SELECT seq, evidence_start, evidence_end FROM events WHERE source_id = :source AND (source = :person OR target = :person)""")
# a person's place taken by another (:into) in a source: in every row, or (:seq) in one; an
# event's side follows them (:side; with :keep, an unknown :side keeps the side it had)
MENTIONS_MOVED = named("mentions_moved", """
    UPDATE mentions SET entity = :into WHERE source_id = :source AND (:seq IS NULL OR seq = :seq) AND entity IS :person""")
QUOTES_MOVED = named("quotes_moved", """
    UPDATE quotes SET speaker = CASE WHEN speaker = :person THEN :into ELSE speaker END,
                      addressee = CASE WHEN addressee = :person THEN :into ELSE addressee END
    WHERE source_id = :source AND (:seq IS NULL OR seq = :seq) AND (speaker = :person OR addressee = :person)""")
EVENTS_MOVED = named("events_moved", """
    UPDATE events SET
        source_side = CASE WHEN source = :person THEN coalesce(:side, CASE WHEN :keep THEN source_side END)
                           ELSE source_side END,
        target_side = CASE WHEN target = :person THEN coalesce(:side, CASE WHEN :keep THEN target_side END)
                           ELSE target_side END,
        source = CASE WHEN source = :person THEN :into ELSE source END,
        target = CASE WHEN target = :person THEN :into ELSE target END
    WHERE source_id = :source AND (:seq IS NULL OR seq = :seq) AND (source = :person OR target = :person)""")
# a citation by its place in the file (what a re-ingest keeps), a note's citations, the Ibids of a source
CITATION_AT = named("citation_at", "SELECT * FROM citations WHERE source_id = ? AND source_start = ? AND source_end = ?")
CITATIONS_OF_NOTE = named("citations_of_note", "SELECT * FROM citations WHERE source_id = ? AND footnote = ? ORDER BY seq")
CITATION_BY_SEQ = named("citation_by_seq", "SELECT * FROM citations WHERE source_id = ? AND seq = ?")
IBIDS_OF_SOURCE = named("ibids_of_source", "SELECT * FROM citations WHERE source_id = ? AND kind = 'ibid' ORDER BY seq")
CITATION_SAVE = named("citation_save", """
    UPDATE citations SET kind = :kind, fields = :fields, archive = :archive, archive_id = :archive_id, fond = :fond,
                         opis = :opis, papka = :papka, delo = :delo, folio_first = :folio_first,
                         folio_last = :folio_last, verso = :verso
    WHERE source_id = :source AND seq = :seq""")
EVENT_BY_SEQ = named("event_by_seq", f"{EVENTS_WITH_EVIDENCE} WHERE e.source_id = ? AND e.seq = ?")


def event_of_source(store: "Store", source_id: str, seq: int) -> StoredEvent | None:
    found = _events(store, EVENT_BY_SEQ, (source_id, seq))
    return found[0] if found else None


def citation_of_source(store: "Store", source_id: str, seq: int) -> Row | None:
    row = first(store, CITATION_BY_SEQ, (source_id, seq))
    return dict(row) if row else None


def citations_of_note(store: "Store", source_id: str, footnote: int) -> list[Row]:
    return dicts(store, CITATIONS_OF_NOTE, (source_id, footnote))
