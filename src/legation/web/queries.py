"""Read-only queries the web pages need beyond those of ``Store``: one source with its layers,
counts per source, a person's record, filtered quotations, the sentences a note supports.
Every value from a request reaches SQL as a parameter."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from legation.store.sqlite import Store

# what the works page counts for each source, each linking to where the document view lists it
COUNTED = ("footnotes", "citations", "bib_references", "persons", "quotes", "events", "diagnostics")
FILE_COLUMNS = ("archive_id", "fond", "opis", "papka", "delo")


def rows(db: sqlite3.Connection, sql: str, params: tuple = ()) -> list[dict[str, Any]]:
    return [dict(row) for row in db.execute(sql, params)]


def counts_by_source(store: Store) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for table in COUNTED:
        for row in store.db.execute(f"SELECT source_id, count(*) FROM {table} GROUP BY source_id"):
            counts.setdefault(row[0], {})[table] = row[1]
    return counts


def source(store: Store, source_id: str) -> dict[str, Any] | None:
    row = store.db.execute("""
        SELECT s.id, s.path, s.format, s.body, s.layers, s.ingested_at, s.work_id, w.title AS work_title
        FROM sources s LEFT JOIN works w ON w.id = s.work_id WHERE s.id = ?""", (source_id,)).fetchone()
    return dict(row) if row else None


def source_text(store: Store, source_id: str) -> str:
    """The text a source's offsets point into (a PDF's or DOCX's extracted text, a file's own)."""
    row = store.db.execute("SELECT text FROM sources WHERE id = ?", (source_id,)).fetchone()
    return row[0] if row else ""


def report(store: Store, source_id: str) -> dict[str, Any] | None:
    row = store.db.execute("SELECT * FROM reports WHERE source_id = ?", (source_id,)).fetchone()
    return dict(row) if row else None


def layer(store: Store, table: str, source_id: str) -> list[dict[str, Any]]:
    """One table's rows for a source, in order (``table`` is one of the store's, never user input)."""
    return rows(store.db, f"SELECT * FROM {table} WHERE source_id = ? ORDER BY seq", (source_id,))


def named_entities(store: Store, source_id: str) -> dict[str, dict[str, Any]]:
    """Person and entity ids of a source -> their name, side and kind."""
    found = {r["id"]: {"name": r["name"], "side": r["side"], "kind": "person"}
             for r in store.db.execute("SELECT id, name, side FROM persons WHERE source_id = ?", (source_id,))}
    for r in store.db.execute("SELECT id, name, side, kind FROM entities WHERE source_id = ?", (source_id,)):
        found[r["id"]] = {"name": r["name"], "side": r["side"], "kind": r["kind"]}
    return found


def file_key(row: dict[str, Any] | sqlite3.Row) -> str:
    """An archive file's key for a URL: its five identifying columns joined by '|'."""
    return "|".join("" if row[c] is None else str(row[c]) for c in FILE_COLUMNS)


def parse_file_key(key: str) -> tuple[str | None, ...] | None:
    parts = key.split("|")
    if len(parts) != len(FILE_COLUMNS) or not parts[0]:
        return None
    return tuple(p or None for p in parts)


def note_files(store: Store, source_id: str) -> dict[int, list[dict[str, Any]]]:
    """Footnote number -> the citations of that note, with the archive file key when archival."""
    notes: dict[int, list[dict[str, Any]]] = {}
    for row in store.db.execute("SELECT * FROM citations WHERE source_id = ? ORDER BY seq", (source_id,)):
        item = dict(row)
        item["fields"] = json.loads(row["fields"])
        item["file_key"] = file_key(row) if row["archive_id"] else None
        notes.setdefault(row["footnote"], []).append(item)
    return notes


def file_notes(store: Store, key: tuple[str | None, ...]) -> list[dict[str, Any]]:
    """The notes citing one archive file, each with the sentence its marker closes."""
    return rows(store.db, """
        SELECT DISTINCT c.source_id, s.path, c.footnote, f.text AS note, f.anchor_start, f.anchor_end,
               substr(s.body, f.anchor_start + 1, f.anchor_end - f.anchor_start) AS sentence,
               c.folio_first, c.folio_last, c.verso, c.text AS citation
        FROM citations c JOIN sources s ON s.id = c.source_id
        LEFT JOIN footnotes f ON f.source_id = c.source_id AND f.number = c.footnote
        WHERE c.archive_id IS ? AND c.fond IS ? AND c.opis IS ? AND c.papka IS ? AND c.delo IS ?
        ORDER BY s.path, c.footnote, c.seq""", key)


def person(store: Store, person_id: str) -> dict[str, Any] | None:
    records = store.db.execute("SELECT source_id, name, side, wikidata, is_author, mentions, data FROM persons "
                               "WHERE id = ?", (person_id,)).fetchall()
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


def person_mentions(store: Store, person_id: str, limit: int) -> list[dict[str, Any]]:
    return rows(store.db, """
        SELECT m.source_id, s.path, m.start, m."end", m.text,
               substr(s.body, max(m.start - 80, 1), min(m.start, 80)) AS before,
               substr(s.body, m."end" + 1, 80) AS after
        FROM mentions m JOIN sources s ON s.id = m.source_id
        WHERE m.entity = ? ORDER BY s.path, m.start LIMIT ?""", (person_id, limit))


def person_events(store: Store, person_id: str) -> list[dict[str, Any]]:
    return rows(store.db, """
        SELECT e.*, s.path, substr(s.body, e.evidence_start + 1, e.evidence_end - e.evidence_start) AS sentence
        FROM events e JOIN sources s ON s.id = e.source_id
        WHERE e.source = ? OR e.target = ? ORDER BY e.date IS NULL, e.date, s.path, e.seq""", (person_id, person_id))


def quotes(store: Store, speaker: str | None = None, addressee: str | None = None, side: str | None = None,
           start: str | None = None, end: str | None = None, medium: str | None = None,
           limit: int = 500) -> tuple[int, list[dict[str, Any]]]:
    """Quotations matching every filter given, in corpus order, with their speaker's name and
    side, and how many match in all. ``speaker`` is an id or, case-blind, a name form; ``start``
    and ``end`` are ISO prefixes the quote's date must fall between."""
    where = """
        FROM quotes q JOIN sources s ON s.id = q.source_id
        LEFT JOIN persons p ON p.source_id = q.source_id AND p.id = q.speaker
        LEFT JOIN entities e ON e.source_id = q.source_id AND e.id = q.speaker
        LEFT JOIN persons pa ON pa.source_id = q.source_id AND pa.id = q.addressee
        WHERE (:speaker IS NULL OR q.speaker = :speaker
               OR instr(lower(coalesce(p.data, e.data, '')), lower(:speaker)) > 0)
          AND (:addressee IS NULL OR q.addressee = :addressee)
          AND (:side IS NULL OR coalesce(p.side, e.side) = :side)
          AND (:start IS NULL OR q.date >= :start)
          AND (:end IS NULL OR q.date <= :end || '-99')
          AND (:medium IS NULL OR q.medium = :medium)"""
    params = {"speaker": speaker, "addressee": addressee, "side": side, "start": start, "end": end, "medium": medium}
    total = store.db.execute(f"SELECT count(*) {where}", params).fetchone()[0]
    found = rows(store.db, f"""
        SELECT q.*, s.path, coalesce(p.name, e.name) AS speaker_name, coalesce(p.side, e.side) AS speaker_side,
               CASE WHEN p.id IS NOT NULL THEN 'person' ELSE e.kind END AS speaker_kind,
               pa.name AS addressee_name {where} ORDER BY s.path, q.seq LIMIT :limit""", {**params, "limit": limit})
    return total, found


def archive_files_of_notes(store: Store, notes: set[tuple[str, int]]) -> dict[tuple[str, int], list[dict[str, Any]]]:
    """(source id, footnote number) -> the archive files that note cites, for the notes asked."""
    found: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for source_id in {s for s, _ in notes}:
        for row in store.db.execute("SELECT * FROM citations WHERE source_id = ? AND archive_id IS NOT NULL "
                                    "ORDER BY seq", (source_id,)):
            if (source_id, row["footnote"]) in notes:
                found.setdefault((source_id, row["footnote"]), []).append(
                    {"key": file_key(row), "text": row["text"], "archive_id": row["archive_id"]})
    return found


def link_occasions(store: Store, a: str, b: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The events and quotations between two people, either way: the evidence of a network link."""
    events = rows(store.db, """
        SELECT e.*, s.path, substr(s.body, e.evidence_start + 1, e.evidence_end - e.evidence_start) AS sentence
        FROM events e JOIN sources s ON s.id = e.source_id
        WHERE (e.source = ? AND e.target = ?) OR (e.source = ? AND e.target = ?)
        ORDER BY e.date IS NULL, e.date, s.path, e.seq""", (a, b, b, a))
    said = rows(store.db, """
        SELECT q.*, s.path FROM quotes q JOIN sources s ON s.id = q.source_id
        WHERE (q.speaker = ? AND q.addressee = ?) OR (q.speaker = ? AND q.addressee = ?)
        ORDER BY s.path, q.seq""", (a, b, b, a))
    return events, said


def names(store: Store, ids: set[str]) -> dict[str, str]:
    """Person and entity ids -> a name, for the ids given."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    found = {r[0]: r[1] for r in store.db.execute(
        f"SELECT id, min(name) FROM entities WHERE id IN ({marks}) GROUP BY id", tuple(ids))}
    found.update({r[0]: r[1] for r in store.db.execute(
        f"SELECT id, min(name) FROM persons WHERE id IN ({marks}) GROUP BY id", tuple(ids))})
    return found
