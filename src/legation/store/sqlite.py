"""The SQLite store: a versioned schema, atomic and idempotent ingestion, and its queries.

One transaction per source: a source is stored whole or not at all. A source is known by the
sha256 of its bytes, so ingesting the same file again changes nothing; a changed file at the
same path replaces its earlier version. Works are merged by DOI (else by title and year): an
article's full text and its journal abstract page become two sources of one work.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from legation.model import Citation, Document
from legation.store.search import INDEX_SCHEMA, index_source, rebuild_index, unindex_sources

SCHEMA_VERSION = 4  # v4: the full-text indexes are part of the schema, kept up to date by add_document

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
    fields TEXT NOT NULL,
    PRIMARY KEY (source_id, seq)
);
CREATE INDEX IF NOT EXISTS citations_file ON citations(archive_id, fond, opis, papka, delo);
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
    PRIMARY KEY (source_id, seq)
);
CREATE TABLE IF NOT EXISTS persons (
    source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    id TEXT NOT NULL, name TEXT NOT NULL, side TEXT, wikidata TEXT, is_author INTEGER NOT NULL,
    mentions INTEGER NOT NULL, data TEXT NOT NULL,
    PRIMARY KEY (source_id, id)
);
CREATE INDEX IF NOT EXISTS persons_id ON persons(id);
CREATE TABLE IF NOT EXISTS entities (     -- organisations and places
    source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    id TEXT NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL, side TEXT, mentions INTEGER NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (source_id, id)
);
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
CREATE TABLE IF NOT EXISTS diagnostics (
    source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    code TEXT NOT NULL, message TEXT NOT NULL, footnote INTEGER,
    source_start INTEGER, source_end INTEGER,
    PRIMARY KEY (source_id, seq)
);
""" + INDEX_SCHEMA  # the full-text indexes of search.py

WORK_FIELDS = ("title", "journal", "year", "volume", "issue", "pages")


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
            row = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except sqlite3.OperationalError:
            return 0
        return int(row[0]) if row else 0

    def _check_schema(self) -> None:
        """A store of this schema, or a StoreError saying what the file is instead."""
        try:
            row = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
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
        # v1 stored the apparatus only: its sources gain the layers column (so re-ingesting them
        # adds the actors layer) and the actors tables are created empty
        upgrade = "ALTER TABLE sources ADD COLUMN layers TEXT NOT NULL DEFAULT 'apparatus';" if version == 1 else ""
        self.db.execute("BEGIN IMMEDIATE")  # one migration at a time: a second writer waits, then finds it done
        try:
            if self.schema_version() == SCHEMA_VERSION:
                self.db.execute("COMMIT")
                return
            for statement in _statements(f"{upgrade}\n{SCHEMA}"):
                self.db.execute(statement)
            if version:  # an older store: its documents are indexed once, here
                rebuild_index(self.db)
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

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
        row = self.db.execute("SELECT layers FROM sources WHERE sha256 = ?", (sha256,)).fetchone()
        return row is not None and set(layers) <= set(row["layers"].split(","))

    def source_path(self, sha256: str) -> str | None:
        """The path this exact content is stored under, if it is."""
        row = self.db.execute("SELECT path FROM sources WHERE sha256 = ?", (sha256,)).fetchone()
        return row["path"] if row else None

    def add_document(self, doc: Document, layers: tuple[str, ...] = ("apparatus", "actors")) -> bool:
        """Store a document in one transaction. False when its exact content is already stored
        with these layers; the same content extracted with more layers replaces the earlier row."""
        if self.has_source(doc.source.sha256, layers):
            return False
        with self._transaction():
            # a changed file, or the same one extracted with more layers
            replaced = [row[0] for row in self.db.execute("SELECT id FROM sources WHERE path = ? OR sha256 = ?",
                                                          (doc.source.path, doc.source.sha256))]
            unindex_sources(self.db, replaced)
            self.db.execute("DELETE FROM sources WHERE path = ? OR sha256 = ?", (doc.source.path, doc.source.sha256))
            work_id = self._work_id(doc)
            src = doc.source
            self.db.execute(
                "INSERT INTO sources VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (src.id, src.sha256, src.path, src.format, src.size, work_id,
                 json.dumps(doc.work.to_dict(), ensure_ascii=False), doc.text, doc.body,
                 datetime.now(timezone.utc).isoformat(timespec="seconds"), ",".join(layers)),
            )
            self._insert_apparatus(doc)
            if doc.report is not None:
                self._insert_report(doc)
            if "actors" in layers:
                self._insert_actors(doc)
            index_source(self.db, src.id)
            self._drop_orphan_works()
        return True

    def _work_id(self, doc: Document) -> int:
        work = doc.work
        if work.id:
            row = self.db.execute("SELECT * FROM works WHERE key = ?", (work.id,)).fetchone()
            if row is not None:
                # fill what the earlier source lacked (the abstract page knows the volume)
                for field in WORK_FIELDS:
                    if row[field] is None and getattr(work, field) is not None:
                        self.db.execute(f"UPDATE works SET {field} = ? WHERE id = ?", (getattr(work, field), row["id"]))
                if not json.loads(row["authors"]) and work.authors:
                    self.db.execute("UPDATE works SET authors = ? WHERE id = ?",
                                    (json.dumps(work.authors, ensure_ascii=False), row["id"]))
                return row["id"]
        cursor = self.db.execute(
            "INSERT INTO works (key, doi, title, authors, journal, year, volume, issue, pages) VALUES (?,?,?,?,?,?,?,?,?)",
            (work.id, work.doi, work.title, json.dumps(work.authors, ensure_ascii=False), work.journal, work.year,
             work.volume, work.issue, work.pages),
        )
        return cursor.lastrowid

    def _insert_apparatus(self, doc: Document) -> None:
        sid = doc.source.id
        self.db.executemany(
            "INSERT INTO footnotes VALUES (?,?,?,?,?,?,?,?,?)",
            [(sid, i, f.number, int(f.number_inferred), f.text,
              f.anchor.start if f.anchor else None, f.anchor.end if f.anchor else None,
              f.source_start, f.source_end) for i, f in enumerate(doc.footnotes)],
        )
        self.db.executemany(
            "INSERT INTO citations VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(sid, i, c.footnote, c.kind, c.text, c.source_start, c.source_end, *_archive_file(c),
              json.dumps(c.to_dict(), ensure_ascii=False)) for i, c in enumerate(doc.citations)],
        )
        self.db.executemany(
            "INSERT INTO bib_references VALUES (?,?,?,?,?,?,?,?,?,?)",
            [(sid, i, r.id, r.label, r.year, r.title, r.text, r.source_start, r.source_end,
              json.dumps(r.to_dict(), ensure_ascii=False)) for i, r in enumerate(doc.references)],
        )
        self.db.executemany(
            "INSERT INTO intext_citations VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [(sid, i, c.text, c.start, c.end, c.key, c.year, c.pages, c.reference, c.source_start,
              c.source_end) for i, c in enumerate(doc.intext_citations)],
        )
        self.db.executemany(
            "INSERT INTO diagnostics VALUES (?,?,?,?,?,?,?)",
            [(sid, i, d.code, d.message, d.footnote, d.source_start, d.source_end)
             for i, d in enumerate(doc.diagnostics)],
        )

    def _insert_report(self, doc: Document) -> None:
        r = doc.report
        file = doc.source.path.rsplit("#", 1)[0]
        self.db.execute(
            f"INSERT INTO reports VALUES ({','.join('?' * 27)})",
            (doc.source.id, file, r.id, r.start, r.end, r.heading, r.type, r.number, r.own_number, r.date, r.time,
             r.place, int(r.place_supplied), r.received, r.sender, r.recipient, r.sender_role, r.recipient_role,
             r.sender_side, r.recipient_side, r.sender_person, r.recipient_person, r.classification, r.source_note,
             r.chapter, r.line, json.dumps(r.to_dict(), ensure_ascii=False)))

    def _insert_actors(self, doc: Document) -> None:
        sid = doc.source.id
        self.db.executemany(
            "INSERT INTO persons VALUES (?,?,?,?,?,?,?,?)",
            [(sid, p.id, p.name, p.side, p.wikidata, int(p.is_author), p.mentions,
              json.dumps(p.to_dict(), ensure_ascii=False)) for p in doc.persons],
        )
        self.db.executemany(
            "INSERT INTO entities VALUES (?,?,?,?,?,?,?)",
            [(sid, e.id, e.kind, e.name, e.side, e.mentions, json.dumps(e.to_dict(), ensure_ascii=False))
             for e in (*doc.organizations, *doc.places)],
        )
        self._insert_rows("mentions", sid, doc.mentions,
                          ("kind", "entity", "text", "start", "end", "source_start", "source_end", "method"))
        self._insert_rows("dates", sid, doc.dates, ("text", "start", "end", "iso", "iso_end", "precision", "date_edtf",
                                                    "year_inferred", "source_start", "source_end"))
        self._insert_rows("quotes", sid, doc.quotes, ("text", "start", "end", "speaker", "speaker_text", "addressee",
                                                      "date", "medium", "footnote", "source_start", "source_end"))
        self.db.executemany(
            f"INSERT INTO events VALUES ({','.join('?' * 21)})",
            [(sid, i, e.type, e.plover, e.goldstein, e.source, e.target, e.source_side, e.target_side, e.date,
              e.date_end, e.date_precision, e.date_edtf, e.place, e.footnote, e.name, e.trigger,
              e.evidence.start, e.evidence.end, e.source_start, e.source_end) for i, e in enumerate(doc.events)],
        )

    def _insert_rows(self, table: str, sid: str, items: list[Any], columns: tuple[str, ...]) -> None:
        """Items whose attributes are named like the table's columns, after (source_id, seq)."""
        marks = ",".join("?" * (len(columns) + 2))
        self.db.executemany(f"INSERT INTO {table} VALUES ({marks})",
                            [(sid, i, *(getattr(item, c) for c in columns)) for i, item in enumerate(items)])

    def _drop_orphan_works(self) -> None:
        self.db.execute("DELETE FROM works WHERE id NOT IN (SELECT work_id FROM sources WHERE work_id IS NOT NULL)")

    # --- reading ---------------------------------------------------------------------------

    def works(self) -> list[dict[str, Any]]:
        """Works with their sources and what the sources disagree on."""
        works = []
        for row in self.db.execute("SELECT * FROM works ORDER BY id"):
            sources = self.db.execute(
                "SELECT id, path, work_json FROM sources WHERE work_id = ? ORDER BY path", (row["id"],)).fetchall()
            work = {k: row[k] for k in row.keys()}
            work["authors"] = json.loads(row["authors"])
            work["sources"] = [{"id": s["id"], "path": s["path"]} for s in sources]
            work["differences"] = self._differences(sources)
            works.append(work)
        return works

    def _differences(self, sources: list[sqlite3.Row]) -> list[dict[str, Any]]:
        """Metadata fields and reference-list entries on which a work's sources differ."""
        if len(sources) < 2:
            return []
        differences = []
        described = {s["id"]: json.loads(s["work_json"]) for s in sources}
        for field in (*WORK_FIELDS, "authors"):
            values = {sid: w.get(field) for sid, w in described.items()}
            if len({json.dumps(v) for v in values.values()}) > 1:
                differences.append({"field": field, "values": values})
        entries = {s["id"]: {r["id"]: r["label"] for r in self.db.execute(
            "SELECT id, label FROM bib_references WHERE source_id = ?", (s["id"],))} for s in sources}
        every = {rid: label for found in entries.values() for rid, label in found.items()}
        for rid in sorted(every):
            having = [sid for sid, found in entries.items() if rid in found]
            if len(having) < len(entries):
                differences.append({"field": "reference", "id": rid, "label": every[rid], "only_in": having})
        return differences

    def citation_index(self) -> list[dict[str, Any]]:
        """Archive files ranked by the number of notes citing them, with the folios cited."""
        rows = self.db.execute("""
            SELECT archive_id, min(archive) AS archive, fond, opis, papka, delo,
                   count(DISTINCT source_id || ':' || coalesce(footnote, '')) AS notes,
                   count(*) AS citations
            FROM citations WHERE archive_id IS NOT NULL
            GROUP BY archive_id, fond, opis, papka, delo
            ORDER BY notes DESC, archive_id, fond, opis, papka, delo
        """).fetchall()
        index = []
        for row in rows:
            key = (row["archive_id"], row["fond"], row["opis"], row["papka"], row["delo"])
            folios = self.db.execute("""
                SELECT DISTINCT folio_first, folio_last, verso FROM citations
                WHERE archive_id IS ? AND fond IS ? AND opis IS ? AND papka IS ? AND delo IS ?
                ORDER BY folio_first, folio_last""", key).fetchall()
            notes = self.db.execute("""
                SELECT DISTINCT source_id, footnote FROM citations
                WHERE archive_id IS ? AND fond IS ? AND opis IS ? AND papka IS ? AND delo IS ?
                ORDER BY source_id, footnote""", key).fetchall()
            index.append({
                "archive": row["archive"], "archive_id": row["archive_id"], "fond": row["fond"],
                "opis": row["opis"], "papka": row["papka"], "delo": row["delo"],
                "notes": row["notes"], "citations": row["citations"],
                "folios": [folio_label(f) for f in folios if f["folio_first"] is not None],
                "cited_in": [{"source": n["source_id"], "footnote": n["footnote"]} for n in notes],
            })
        return index

    def references(self) -> list[dict[str, Any]]:
        """Every reference once per work (a work's several sources repeat its reference list)."""
        rows = self.db.execute("""
            SELECT r.data, s.work_id FROM bib_references r JOIN sources s ON s.id = r.source_id
            ORDER BY s.work_id,
                     -- the source that cites its references (the full text) speaks for the work
                     (SELECT count(*) FROM intext_citations i WHERE i.source_id = s.id) DESC,
                     s.path, r.seq""").fetchall()
        seen: set[tuple[int, str]] = set()
        refs = []
        for row in rows:
            data = json.loads(row["data"])
            key = (row["work_id"], data["id"])
            if key not in seen:
                seen.add(key)
                refs.append(data)
        return refs

    def diagnostics(self) -> list[sqlite3.Row]:
        return self.db.execute("""
            SELECT s.path, d.code, d.message, d.footnote, d.source_start, d.source_end
            FROM diagnostics d JOIN sources s ON s.id = d.source_id ORDER BY s.path, d.seq""").fetchall()

    def people(self, side: str | None = None, authors: bool = False) -> list[dict[str, Any]]:
        """People across the corpus, one row per person id: the historical actors by default,
        the scholars cited in the apparatus with ``authors=True``. Mentions and quotes counted."""
        rows = self.db.execute("""
            SELECT p.id, min(p.name) AS name, max(p.side) AS side, max(p.wikidata) AS wikidata,
                   sum(p.mentions) AS mentions, count(DISTINCT p.source_id) AS sources,
                   (SELECT count(*) FROM quotes q WHERE q.speaker = p.id) AS quotes,
                   json_group_array(json(p.data)) AS records
            FROM persons p WHERE p.is_author = ? AND (? IS NULL OR p.side = ?)
            GROUP BY p.id ORDER BY mentions DESC, p.id""", (int(authors), side, side)).fetchall()
        people = []
        for row in rows:
            records = json.loads(row["records"])
            variants = sorted({v for r in records for v in r["variants"]})
            roles = [role for r in records for role in r["roles"]]
            people.append({"id": row["id"], "name": row["name"], "side": row["side"], "wikidata": row["wikidata"],
                           "mentions": row["mentions"], "sources": row["sources"], "quotes": row["quotes"],
                           "variants": variants, "roles": _unique(roles)})
        return people

    def quotes(self, speaker: str | None = None) -> list[dict[str, Any]]:
        """Quotations in corpus order; ``speaker`` matches a person id or, case-blind, a name or variant."""
        rows = self.db.execute("""
            SELECT q.*, s.path, p.name AS speaker_name
            FROM quotes q JOIN sources s ON s.id = q.source_id
            LEFT JOIN persons p ON p.source_id = q.source_id AND p.id = q.speaker
            LEFT JOIN entities e ON e.source_id = q.source_id AND e.id = q.speaker
            WHERE ? IS NULL OR q.speaker = ? OR instr(lower(coalesce(p.data, e.data, '')), lower(?)) > 0
            ORDER BY s.path, q.seq""", (speaker, speaker, speaker)).fetchall()
        return [dict(row) for row in rows]

    def events(self, start: str | None = None, end: str | None = None) -> list[dict[str, Any]]:
        """Events whose dates overlap [start, end] (ISO prefixes such as 1939-09), in date order."""
        rows = self.db.execute("""
            SELECT e.*, s.path FROM events e JOIN sources s ON s.id = e.source_id
            WHERE (? IS NULL OR coalesce(e.date_end, e.date) >= ?)
              AND (? IS NULL OR e.date <= ? || '-99')
            ORDER BY e.date IS NULL, e.date, s.path, e.seq""", (start, start, end, end)).fetchall()
        return [dict(row) for row in rows]

    def counts(self) -> dict[str, int]:
        tables = ("works", "sources", "reports", "footnotes", "citations", "bib_references", "intext_citations",
                  "diagnostics", "persons", "entities", "mentions", "dates", "quotes", "events")
        return {t: self.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def _archive_file(c: Citation) -> tuple:
    """The archival columns of a citation: its own, or those of the citation an Ibid repeats
    (with the Ibid's own folios when it gives them). The file's identity is archival_key's, so an
    archive missing from the scheme table is indexed under its name as written."""
    if c.file is None:
        return (None,) * 9
    archive_key, fond, opis, papka, delo = c.file
    cited = c.fields["resolved"] if c.kind == "ibid" else c
    fields = cited.fields
    first, last = (c.fields.get("page_first"), c.fields.get("page_last")) if c.kind == "ibid" else (None, None)
    if first is None:
        first, last = fields.get("folio_first"), fields.get("folio_last")
    verso = fields.get("verso")
    return (fields.get("archive"), archive_key, fond, opis, papka, delo, first, last,
            None if verso is None else int(verso))


def _unique(items: list[Any]) -> list[Any]:
    seen: set[str] = set()
    kept = []
    for item in items:
        key = json.dumps(item, sort_keys=True)
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def folio_label(row: sqlite3.Row | dict[str, Any]) -> str:
    """ "258–259", "1 v.": the folios a citation row cites."""
    first, last = row["folio_first"], row["folio_last"]
    label = str(first) if last in (None, first) else f"{first}–{last}"
    return label + (" v." if row["verso"] else "")
