"""The SQLite store: a versioned schema, atomic and idempotent ingestion, and its queries.

One transaction per source: a source is stored whole or not at all. A source is known by the
sha256 of its bytes, so ingesting the same file again changes nothing; a changed file at the
same path replaces its earlier version. Works are merged by DOI (else by title and year): an
article's full text and its journal abstract page become two sources of one work.

The rows of each table are made from the model's dataclasses (``store/columns.py``); what is read
is read by the named queries of ``store/queries.py``, each answered from an index of the schema.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from legation.model import Document
from legation.store import queries as q
from legation.store.columns import (ACTORS_TABLES, APPARATUS_TABLES, REPORTS, SOURCE_INSERT, WORK_INSERT, StoredEvent,
                                    source_row, work_row)
from legation.store.queries import WORK_FIELDS, folio_label  # noqa: F401  (folio_label: read from here too)
from legation.store.corrections import apply_to_source
from legation.store.library import LIBRARY_SCHEMA
from legation.store.search import INDEX_SCHEMA, index_source, rebuild_index, unindex_sources

# v4: the full-text indexes are part of the schema, kept up to date by add_document
# v5: indexes for every query (store/queries.py) at the size of a series; intext_citations.narrative;
#     meta 'changes' counts the documents stored, so a reader knows what it computed is still current
# v8: bibliographies given to ingest (libraries, library_items) and the links of citations to their items
SCHEMA_VERSION = 8

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS works (
    id INTEGER PRIMARY KEY,
    key TEXT UNIQUE,               -- Work.id: doi:…, else title:…:year; NULL keeps a source on its own
    doi TEXT,
    title TEXT, authors TEXT, journal TEXT, year INTEGER, volume TEXT, issue TEXT, pages TEXT
);
CREATE TABLE IF NOT EXISTS sources (
    id TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL,
    format TEXT NOT NULL,
    size INTEGER NOT NULL,
    work_id INTEGER REFERENCES works(id),
    work_json TEXT NOT NULL,       -- the work as this source describes it
    text TEXT NOT NULL,            -- the decoded original: offsets point into it
    body TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    layers TEXT NOT NULL DEFAULT 'apparatus'  -- the extraction layers stored for this source
);
CREATE INDEX IF NOT EXISTS sources_path ON sources(path);
CREATE INDEX IF NOT EXISTS sources_work ON sources(work_id, path);
CREATE INDEX IF NOT EXISTS sources_paths ON sources(id, path);  -- corpus order (by path) from the index alone
CREATE TABLE IF NOT EXISTS footnotes (
    source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    number INTEGER, number_inferred INTEGER NOT NULL, text TEXT NOT NULL,
    anchor_start INTEGER, anchor_end INTEGER, source_start INTEGER, source_end INTEGER,
    PRIMARY KEY (source_id, seq)
);
CREATE TABLE IF NOT EXISTS citations (
    source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    footnote INTEGER, kind TEXT NOT NULL, text TEXT NOT NULL,
    source_start INTEGER, source_end INTEGER,
    -- the archive file cited, also for an Ibid that repeats an archival citation; archive_id is
    -- the scheme's id, or the name as written for an archive not in the scheme table
    archive TEXT, archive_id TEXT, fond TEXT, opis TEXT, papka TEXT, delo TEXT,
    folio_first INTEGER, folio_last INTEGER, verso INTEGER,
    library TEXT,                  -- v8: the key of the library item a published work's citation names
    fields TEXT NOT NULL,
    PRIMARY KEY (source_id, seq)
);
-- the citation index: an archive file's citations, and all the figures of its entry, from the index alone
CREATE INDEX IF NOT EXISTS citations_archive ON citations(archive_id, fond, opis, papka, delo, archive, source_id,
                                                        footnote, folio_first, folio_last, verso);
CREATE TABLE IF NOT EXISTS bib_references (
    source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    id TEXT NOT NULL, label TEXT, year INTEGER, title TEXT, text TEXT NOT NULL,
    source_start INTEGER, source_end INTEGER,
    data TEXT NOT NULL,
    PRIMARY KEY (source_id, seq)
);
CREATE TABLE IF NOT EXISTS intext_citations (
    source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    key TEXT, year INTEGER, pages TEXT, reference TEXT,
    source_start INTEGER, source_end INTEGER,
    narrative INTEGER NOT NULL DEFAULT 0,  -- v5: "Hosoya (1976, p. 193)", the name standing in the sentence
    library TEXT,                  -- v8: the key of the library item it cites (store/library.py)
    PRIMARY KEY (source_id, seq)
);
CREATE TABLE IF NOT EXISTS persons (
    source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    id TEXT NOT NULL, name TEXT NOT NULL, side TEXT, wikidata TEXT, is_author INTEGER NOT NULL,
    mentions INTEGER NOT NULL, data TEXT NOT NULL,
    PRIMARY KEY (source_id, id)
);
CREATE INDEX IF NOT EXISTS persons_id ON persons(id);
-- people ranked by mentions, and counted, from the index alone
CREATE INDEX IF NOT EXISTS persons_rank ON persons(is_author, id, side, name, mentions, wikidata);
CREATE TABLE IF NOT EXISTS entities (     -- organisations and places
    source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    id TEXT NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL, side TEXT, mentions INTEGER NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (source_id, id)
);
CREATE INDEX IF NOT EXISTS entities_id ON entities(id);
CREATE INDEX IF NOT EXISTS entities_name ON entities(lower(name));
CREATE TABLE IF NOT EXISTS mentions (
    source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL, entity TEXT, text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    source_start INTEGER, source_end INTEGER, method TEXT,
    PRIMARY KEY (source_id, seq)
);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity);
CREATE TABLE IF NOT EXISTS dates (
    source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    iso TEXT, iso_end TEXT, precision TEXT, date_edtf TEXT, year_inferred INTEGER NOT NULL,
    source_start INTEGER, source_end INTEGER,
    PRIMARY KEY (source_id, seq)
);
CREATE TABLE IF NOT EXISTS quotes (
    source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    speaker TEXT, speaker_text TEXT, addressee TEXT, date TEXT, medium TEXT, footnote INTEGER,
    source_start INTEGER, source_end INTEGER,
    PRIMARY KEY (source_id, seq)
);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker);
CREATE INDEX IF NOT EXISTS quotes_addressee ON quotes(addressee);
CREATE INDEX IF NOT EXISTS quotes_date ON quotes(date);
CREATE TABLE IF NOT EXISTS events (
    source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    type TEXT NOT NULL, plover TEXT, goldstein REAL,
    source TEXT, target TEXT, source_side TEXT, target_side TEXT,
    date TEXT, date_end TEXT, date_precision TEXT, date_edtf TEXT, place TEXT, footnote INTEGER,
    name TEXT, trigger TEXT, evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL,
    source_start INTEGER, source_end INTEGER,
    PRIMARY KEY (source_id, seq)
);
CREATE INDEX IF NOT EXISTS events_date ON events(date);
CREATE INDEX IF NOT EXISTS events_sides ON events(source_side, target_side);
CREATE INDEX IF NOT EXISTS events_source ON events(source);
CREATE INDEX IF NOT EXISTS events_target ON events(target);
CREATE TABLE IF NOT EXISTS reports (     -- a source that is one report of a collection file (v3)
    source_id TEXT PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
    file TEXT NOT NULL,            -- the collection's path; sources.path is FILE#id
    id TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    heading TEXT, type TEXT, number TEXT, own_number TEXT, date TEXT, time TEXT,
    place TEXT, place_supplied INTEGER NOT NULL, received TEXT,
    sender TEXT, recipient TEXT, sender_role TEXT, recipient_role TEXT, sender_side TEXT, recipient_side TEXT,
    sender_person TEXT, recipient_person TEXT, classification TEXT, source_note TEXT, chapter TEXT, line INTEGER,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS reports_file ON reports(file, start);
CREATE INDEX IF NOT EXISTS reports_date ON reports(date);
CREATE TABLE IF NOT EXISTS corrections (  -- a historian's, applied again after every ingest (v7)
    key TEXT PRIMARY KEY,          -- kind and target: one correction of a kind per target
    kind TEXT NOT NULL,
    sha256 TEXT,                   -- the source an event correction is of
    person TEXT,                   -- the person a side correction is of
    data TEXT NOT NULL             -- legation.store.corrections.Correction as JSON
);
CREATE INDEX IF NOT EXISTS corrections_sha256 ON corrections(sha256);
CREATE INDEX IF NOT EXISTS corrections_person ON corrections(person);
CREATE TABLE IF NOT EXISTS diagnostics (
    source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    code TEXT NOT NULL, message TEXT NOT NULL, footnote INTEGER,
    source_start INTEGER, source_end INTEGER,
    PRIMARY KEY (source_id, seq)
);
""" + INDEX_SCHEMA + LIBRARY_SCHEMA  # the full-text indexes of search.py; the libraries of library.py

# Columns added to a table after it was first made: an older store gains them on migration.
ADDED_COLUMNS = (("sources", "layers", "TEXT NOT NULL DEFAULT 'apparatus'"),  # v2
                 ("intext_citations", "narrative", "INTEGER NOT NULL DEFAULT 0"),  # v5
                 ("intext_citations", "library", "TEXT"), ("citations", "library", "TEXT"))  # v8
DROPPED_INDEXES = ("citations_file",)  # v5: citations_archive holds its columns and more


class StoreError(Exception):
    pass


def _statements(script: str) -> list[str]:
    """The SQL statements of a script, whole (a ';' in a comment does not end one)."""
    statements, pending = [], ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    return [s for s in statements if s.rstrip(";").strip()]


def _connect_readonly(path: str) -> sqlite3.Connection:
    """A connection that cannot write: the file opened read-only, and queries only."""
    if not Path(path).is_file():
        raise StoreError(f"{path}: no such store (legation ingest FILES --db {path} makes one)")
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    db = sqlite3.connect(uri, uri=True, isolation_level=None)
    db.row_factory = sqlite3.Row
    db.execute("PRAGMA query_only = ON")
    return db


class Store:
    """A legation store. Opened to write (the default), it is created or upgraded to this
    schema; opened ``readonly``, it must already be a store of this schema, and nothing is
    created, migrated or written (a foreign SQLite file is refused and left as it was)."""

    def __init__(self, path: str | Path = "legation.db", *, readonly: bool = False):
        self.path = str(path)
        self.readonly = readonly
        if readonly:
            self.db = _connect_readonly(self.path)
            self._check_schema()
            return
        # autocommit mode: transactions are opened and closed explicitly, one per source
        self.db = sqlite3.connect(self.path, isolation_level=None)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA journal_mode = WAL")
        self._migrate()

    def schema_version(self) -> int:
        """The store's schema version; 0 for a new database."""
        try:
            row = q.first(self, q.SCHEMA_VERSION)
        except sqlite3.OperationalError:
            return 0
        return int(row[0]) if row else 0

    def _check_schema(self) -> None:
        """A store of this schema, or a StoreError saying what the file is instead."""
        try:
            row = q.first(self, q.SCHEMA_VERSION)
        except sqlite3.DatabaseError as problem:  # no meta table, or not SQLite at all
            self.db.close()
            reason = "file is not a database" if "not a database" in str(problem) else "no legation tables in it"
            raise StoreError(f"{self.path}: not a legation store ({reason})") from None
        version = int(row[0]) if row else 0
        if version != SCHEMA_VERSION:
            self.db.close()
            if version > SCHEMA_VERSION:
                raise StoreError(f"{self.path}: store schema {version} is newer than this legation ({SCHEMA_VERSION})")
            raise StoreError(f"{self.path}: store schema {version} is older than this legation ({SCHEMA_VERSION}); "
                             f"legation migrate --db {self.path} upgrades it")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self) -> None:
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: store schema {version} is newer than this legation ({SCHEMA_VERSION})")
        if version == SCHEMA_VERSION:
            return  # nothing to write
        self.db.execute("BEGIN IMMEDIATE")  # one migration at a time: a second writer waits, then finds it done
        try:
            if self.schema_version() == SCHEMA_VERSION:
                self.db.execute("COMMIT")
                return
            # an older store: its tables gain the columns added since (a table it lacks is made whole
            # below), the indexes replaced are dropped, then every table and index is made that is missing
            for table, column, declaration in ADDED_COLUMNS:
                present = {row[1] for row in self.db.execute(f"PRAGMA table_info({table})")}
                if present and column not in present:
                    self.db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {declaration}")
            for index in DROPPED_INDEXES:
                self.db.execute(f"DROP INDEX IF EXISTS {index}")
            for statement in _statements(SCHEMA):
                self.db.execute(statement)
            if version and version < 6:  # a store from before the index of whole texts: built once
                self.db.execute("DROP TABLE IF EXISTS search_bodies")  # v4–5: bodies only
                rebuild_index(self.db)
            self.db.execute("INSERT OR IGNORE INTO meta VALUES ('changes', '0')")
            self._changed()
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    @contextmanager
    def writing(self) -> Iterator[None]:
        """One transaction of changes to what the store holds (a correction), counted as a change."""
        with self._transaction():
            yield
            self._changed()

    def _changed(self) -> None:
        """Count one change of what the store holds (search.store_stamp reads the count)."""
        self.db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'changes'")

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # --- writing ---------------------------------------------------------------------------

    def has_source(self, sha256: str, layers: tuple[str, ...] = ("apparatus",)) -> bool:
        """Whether this exact content is stored with at least these extraction layers."""
        row = q.first(self, q.SOURCE_BY_SHA, (sha256,))
        return row is not None and set(layers) <= set(row["layers"].split(","))

    def source_path(self, sha256: str) -> str | None:
        """The path this exact content is stored under, if it is."""
        row = q.first(self, q.SOURCE_BY_SHA, (sha256,))
        return row["path"] if row else None

    def add_document(self, doc: Document, layers: tuple[str, ...] = ("apparatus", "actors")) -> bool:
        """Store a document in one transaction. False when its exact content is already stored
        with these layers; the same content extracted with more layers replaces the earlier row."""
        if self.has_source(doc.source.sha256, layers):
            return False
        src = doc.source
        with self._transaction():
            # a changed file, or the same one extracted with more layers
            same = {"path": src.path, "sha256": src.sha256}
            replaced = q.fetch(self, q.SOURCES_TO_REPLACE, same)
            unindex_sources(self.db, [row["id"] for row in replaced])
            self.db.execute(q.DELETE_SOURCES.sql, same)
            work_id = self._work_id(doc)
            self.db.execute(SOURCE_INSERT, source_row(
                src, work_id, json.dumps(doc.work.to_dict(), ensure_ascii=False), doc.text, doc.body,
                datetime.now(timezone.utc).isoformat(timespec="seconds"), ",".join(layers)))
            self._insert_apparatus(doc)
            if doc.report is not None:
                self._insert_report(doc)
            if "actors" in layers:
                self._insert_actors(doc)
            apply_to_source(self, src.id, src.sha256)  # a historian's corrections outlive a re-ingest
            index_source(self.db, src.id)
            # the works only the replaced rows had
            self.db.execute(q.DROP_ORPHAN_WORKS.sql, {"ids": q.id_list(row["work_id"] for row in replaced
                                                                        if row["work_id"] is not None)})
            self._changed()
        return True

    def _insert_apparatus(self, doc: Document) -> None:
        for table in APPARATUS_TABLES:
            self.db.executemany(table.insert, table.rows(doc.source.id, doc))

    def _insert_report(self, doc: Document) -> None:
        file = doc.source.path.rsplit("#", 1)[0]  # the collection's path; sources.path is FILE#id
        self.db.execute(REPORTS.insert, REPORTS.row(doc.source.id, 0, doc.report, file))

    def _insert_actors(self, doc: Document) -> None:
        for table in ACTORS_TABLES:
            self.db.executemany(table.insert, table.rows(doc.source.id, doc))

    def _work_id(self, doc: Document) -> int:
        work = doc.work
        if work.id:
            row = q.first(self, q.WORK_BY_KEY, (work.id,))
            if row is not None:
                # fill what the earlier source lacked (the abstract page knows the volume)
                for field in WORK_FIELDS:
                    if row[field] is None and getattr(work, field) is not None:
                        self.db.execute(f"UPDATE works SET {field} = ? WHERE id = ?", (getattr(work, field), row["id"]))
                if not json.loads(row["authors"]) and work.authors:
                    self.db.execute("UPDATE works SET authors = ? WHERE id = ?",
                                    (json.dumps(work.authors, ensure_ascii=False), row["id"]))
                return row["id"]
        return self.db.execute(WORK_INSERT, work_row(work)).lastrowid

    # --- reading (the queries themselves are in store/queries.py) ------------------------------

    def works(self) -> list[dict[str, Any]]:
        """Works with all their sources and what the sources disagree on."""
        return q.works_page(self)[1]

    def citation_index(self) -> list[dict[str, Any]]:
        """Archive files ranked by the number of notes citing them, with the folios cited."""
        return q.citation_index(self)[1]

    def references(self) -> list[dict[str, Any]]:
        """Every reference once per work (a work's several sources repeat its reference list)."""
        return q.references(self)

    def diagnostics(self) -> list[dict[str, Any]]:
        return q.diagnostics(self)

    def people(self, side: str | None = None, authors: bool = False, top: int | None = None) -> list[dict[str, Any]]:
        """People across the corpus, one row per person id, most mentioned first: the historical
        actors by default, the scholars cited in the apparatus with ``authors=True``. Mentions and
        quotes counted, every name form and role."""
        return q.people(self, side, authors, limit=top)[1]

    def quotes(self, speaker: str | None = None) -> list[dict[str, Any]]:
        """Quotations in corpus order; ``speaker`` matches a person id or, case-blind, a name or variant."""
        return q.quotes(self, speaker)[1]

    def events(self, start: str | None = None, end: str | None = None) -> list[StoredEvent]:
        """Events whose dates overlap [start, end] (ISO prefixes such as 1939-09), in date order."""
        return q.events(self, start, end)

    def counts(self) -> dict[str, int]:
        return q.counts(self)
