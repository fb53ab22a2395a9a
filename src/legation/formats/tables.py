"""The store as flat tables for spreadsheets and Palladio: one row per item, a header row, dates
in ISO, actors by label as well as by id, and every row pointing back to its file, its note and
the archive file that note cites.

Tables: events, people, quotes, citations, places, organisations, reports. ``store_tables``
builds them; ``write_csv`` writes one CSV file per table, ``to_json`` one JSON object of them all.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path
from typing import Any

from legation.store import queries
from legation.store.sqlite import Store

Row = dict[str, Any]
TABLES = ("events", "people", "quotes", "citations", "places", "organisations", "reports")
# A list in one spreadsheet cell (name variants, roles, the citations of a note).
CELL_SEPARATOR = "; "
ARCHIVE_LEVELS = (("fond", "f."), ("opis", "op."), ("papka", "pap."), ("delo", "d."))


def store_tables(store: Store) -> dict[str, list[Row]]:
    labels = _Labels(store)
    notes = _Notes(store)
    return {
        "events": _events(store, labels, notes),
        "people": _people(store),
        "quotes": _quotes(store, labels, notes),
        "citations": _citations(store, notes),
        "places": _entities(store, "place"),
        "organisations": _entities(store, "organization"),
        "reports": _reports(store),
    }


def write_csv(tables: dict[str, list[Row]], directory: str | Path) -> list[Path]:
    """One ``<table>.csv`` per table (UTF-8, header row even when empty); the paths written."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in tables.items():
        path = directory / f"{name}.csv"
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(COLUMNS[name]))
            writer.writeheader()
            writer.writerows({k: "" if v is None else v for k, v in row.items()} for row in rows)
        written.append(path)
    return written


def to_json(tables: dict[str, list[Row]]) -> str:
    return json.dumps(tables, ensure_ascii=False, indent=2)


def archive_file_label(row: sqlite3.Row | Row) -> str | None:
    """ "AVP RF, f. 0146, op. 22, pap. 192, d. 13" for a row with the store's archival columns."""
    if not row["archive_id"]:
        return None
    levels = [f"{short} {row[level]}" for level, short in ARCHIVE_LEVELS if row[level]]
    return ", ".join([row["archive_id"], *levels])


# --- the tables --------------------------------------------------------------------------------

def _events(store: Store, labels: "_Labels", notes: "_Notes") -> list[Row]:
    return [{
        "source_id": e.source_id, "seq": e.seq, "date": e.date, "date_end": e.date_end,
        "date_precision": e.date_precision, "date_edtf": e.date_edtf,
        "cameo": e.type, "plover": e.plover, "goldstein": e.goldstein,
        "source": e.source, "source_label": labels.of(e.source_id, e.source), "source_side": e.source_side,
        "target": e.target, "target_label": labels.of(e.source_id, e.target), "target_side": e.target_side,
        "place": e.place, "name": e.name, "trigger": e.trigger, "evidence": e.sentence,
        **notes.columns(e.source_id, e.footnote),
        "file": e.path, "evidence_start": e.evidence_start, "evidence_end": e.evidence_end,
        "source_start": e.source_start, "source_end": e.source_end,
    } for e in queries.events(store)]


def _people(store: Store) -> list[Row]:
    people = [(p, False) for p in store.people()] + [(p, True) for p in store.people(authors=True)]
    return [{
        "id": p["id"], "name": p["name"], "side": p["side"], "is_author": int(author), "wikidata": p["wikidata"],
        "mentions": p["mentions"], "quotes": p["quotes"], "sources": p["sources"],
        "roles": CELL_SEPARATOR.join(role_label(role) for role in p["roles"]),
        "first_role_from": min((r["from"] for r in p["roles"] if r.get("from")), default=None),
        "variants": CELL_SEPARATOR.join(v for v in p["variants"] if v != p["name"]),
    } for p, author in people]


def _quotes(store: Store, labels: "_Labels", notes: "_Notes") -> list[Row]:
    return [{
        "source_id": q["source_id"], "seq": q["seq"], "date": q["date"],
        "speaker": q["speaker"], "speaker_label": labels.of(q["source_id"], q["speaker"]) or q["speaker_text"],
        "speaker_side": labels.side(q["source_id"], q["speaker"]), "speaker_text": q["speaker_text"],
        "addressee": q["addressee"], "addressee_label": labels.of(q["source_id"], q["addressee"]),
        "medium": q["medium"], "text": q["text"], **notes.columns(q["source_id"], q["footnote"]),
        "file": q["path"], "start": q["start"], "end": q["end"],
        "source_start": q["source_start"], "source_end": q["source_end"],
    } for q in store.quotes()]


def _citations(store: Store, notes: "_Notes") -> list[Row]:
    table = []
    for r in queries.citations_with_path(store):
        fields = json.loads(r["fields"])
        table.append({
            "source_id": r["source_id"], "seq": r["seq"], "footnote": r["footnote"],
            "footnote_text": notes.text(r["source_id"], r["footnote"]), "kind": r["kind"],
            "source_type": fields.get("source_type"), "text": r["text"], "archive_file": archive_file_label(r),
            "archive": r["archive"], "archive_id": r["archive_id"], "fond": r["fond"], "opis": r["opis"],
            "papka": r["papka"], "delo": r["delo"], "folio_first": r["folio_first"], "folio_last": r["folio_last"],
            "verso": r["verso"], "series": fields.get("series"), "title": fields.get("title"),
            "date": fields.get("date"), "pages": fields.get("pages"),
            "file": r["path"], "source_start": r["source_start"], "source_end": r["source_end"],
        })
    return table


def _entities(store: Store, kind: str) -> list[Row]:
    table = []
    for r in queries.entities_ranked(store, kind):
        records = json.loads(r["records"])
        variants = sorted({v for record in records for v in record.get("variants", [])} - {r["name"]})
        wikidata = next((record["wikidata"] for record in records if record.get("wikidata")), None)
        table.append({"id": r["id"], "name": r["name"], "side": r["side"], "wikidata": wikidata,
                      "mentions": r["mentions"], "sources": r["sources"], "variants": CELL_SEPARATOR.join(variants)})
    return table


def _reports(store: Store) -> list[Row]:
    return [{column: r[column] for column in COLUMNS["reports"]} for r in queries.all_reports(store)]


# Each table's columns, in order: the header of a table with no rows (a spreadsheet or Palladio
# opens an empty table the same way as a full one).
COLUMNS = {
    "events": ("source_id", "seq", "date", "date_end", "date_precision", "date_edtf", "cameo", "plover", "goldstein",
               "source", "source_label", "source_side", "target", "target_label", "target_side", "place", "name",
               "trigger", "evidence", "footnote", "footnote_text", "cited", "archive_file", "file", "evidence_start",
               "evidence_end", "source_start", "source_end"),
    "people": ("id", "name", "side", "is_author", "wikidata", "mentions", "quotes", "sources", "roles",
               "first_role_from", "variants"),
    "quotes": ("source_id", "seq", "date", "speaker", "speaker_label", "speaker_side", "speaker_text", "addressee",
               "addressee_label", "medium", "text", "footnote", "footnote_text", "cited", "archive_file", "file",
               "start", "end", "source_start", "source_end"),
    "citations": ("source_id", "seq", "footnote", "footnote_text", "kind", "source_type", "text", "archive_file",
                  "archive", "archive_id", "fond", "opis", "papka", "delo", "folio_first", "folio_last", "verso",
                  "series", "title", "date", "pages", "file", "source_start", "source_end"),
    "places": ("id", "name", "side", "wikidata", "mentions", "sources", "variants"),
    "organisations": ("id", "name", "side", "wikidata", "mentions", "sources", "variants"),
    "reports": ("source_id", "file", "id", "start", "end", "heading", "type", "number", "own_number", "date", "time",
                "place", "place_supplied", "received", "sender", "recipient", "sender_role", "recipient_role",
                "sender_side", "recipient_side", "sender_person", "recipient_person", "classification",
                "source_note", "chapter", "line"),
}


def role_label(role: dict[str, Any]) -> str:
    held = "–".join(dict.fromkeys(part for part in (role.get("from"), role.get("to")) if part))  # a day once
    return f"{role['title']} ({held})" if held else role["title"]


# --- labels and notes --------------------------------------------------------------------------

class _Labels:
    """The name and side of an actor id: a person's or an entity's (as its own source names it,
    else as any source does); a side code ("USSR") is its own label."""

    def __init__(self, store: Store):
        self.by_source: dict[tuple[str, str], tuple[str, str | None]] = {}
        self.anywhere: dict[str, tuple[str, str | None]] = {}
        for row in queries.actor_labels(store):
            self.by_source[(row["source_id"], row["id"])] = (row["name"], row["side"])
            self.anywhere.setdefault(row["id"], (row["name"], row["side"]))

    def _found(self, source_id: str, actor: str | None) -> tuple[str, str | None] | None:
        if not actor:
            return None
        return self.by_source.get((source_id, actor)) or self.anywhere.get(actor)

    def of(self, source_id: str, actor: str | None) -> str | None:
        found = self._found(source_id, actor)
        return found[0] if found else actor

    def side(self, source_id: str, actor: str | None) -> str | None:
        found = self._found(source_id, actor)
        return found[1] if found else None


class _Notes:
    """Each note's text, its citations as written and the archive files it cites."""

    def __init__(self, store: Store):
        self.texts = {(r["source_id"], r["number"]): r["text"] for r in queries.note_texts(store)}
        self.cited: dict[tuple[str, int], list[str]] = {}
        self.files: dict[tuple[str, int], list[str]] = {}
        for r in queries.note_citations(store):
            key = (r["source_id"], r["footnote"])
            self.cited.setdefault(key, []).append(r["text"])
            label = archive_file_label(r)
            if label and label not in self.files.get(key, []):
                self.files.setdefault(key, []).append(label)

    def text(self, source_id: str, number: int | None) -> str | None:
        return self.texts.get((source_id, number))

    def columns(self, source_id: str, number: int | None) -> Row:
        key = (source_id, number)
        return {"footnote": number, "footnote_text": self.texts.get(key),
                "cited": CELL_SEPARATOR.join(self.cited.get(key, [])) or None,
                "archive_file": CELL_SEPARATOR.join(self.files.get(key, [])) or None}
