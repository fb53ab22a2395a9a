"""Bibliographies kept in the store: a historian's Zotero library, and the citations linked to it.

A bibliography given to ``legation ingest`` (CSL-JSON or BibTeX, ``legation.ingest.bibliography``)
is kept as a row of ``libraries`` (known by the sha256 of its bytes, as a source is: the same
file again changes nothing; a changed file at the same path replaces its earlier version) and
its items as rows of ``library_items``: each with its key, its position among the file's items
(``seq``) and its character offsets in the file, as a Reference (``data``) and as CSL-JSON.

Citations are linked to the items by key (``intext_citations.library``; a note citation's
``library`` column and ``fields``), when a document is extracted with the library in hand
(``legation.pipeline``) and, when a library is added or replaced, by linking every stored
document's citations again in the same transaction (``add_library``): a document ingested
before its bibliography links to it too. The linking itself is the extractors' (the caller
passes it in: the store does not read citations).
"""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Callable, Iterable

from legation.ingest.bibliography import Library
from legation.model import Citation, Diagnostic, InTextCitation, Reference
from legation.store.columns import DIAGNOSTICS
from legation.store.queries import ITEMS_OF_SOURCE, Order, Row, dicts, fetch, first, named, scalar, sorted_queries

if TYPE_CHECKING:
    from legation.store.sqlite import Store

# Link a document's citations to the library, in place; the diagnostics of in-text citations that
# stay without a work (legation.extract.library.relink, with the library's items in it).
Linker = Callable[[list[InTextCitation], list[Citation], list[Reference]], list[Diagnostic]]

LIBRARY_SCHEMA = """
CREATE TABLE IF NOT EXISTS libraries (    -- a bibliography given to ingest: a Zotero export (v8)
    id TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL,
    format TEXT NOT NULL,          -- csljson | bibtex
    size INTEGER NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS libraries_path ON libraries(path);
CREATE TABLE IF NOT EXISTS library_items (
    library_id TEXT NOT NULL REFERENCES libraries(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,          -- the item's position among the file's items, from 0
    key TEXT NOT NULL,             -- its citation key: what a citation's link names
    type TEXT, year INTEGER, title TEXT,
    source_start INTEGER NOT NULL, source_end INTEGER NOT NULL,  -- the item's characters in the file
    data TEXT NOT NULL,            -- the item as a Reference
    csl TEXT NOT NULL,             -- the item as CSL-JSON
    PRIMARY KEY (library_id, seq)
);
CREATE INDEX IF NOT EXISTS library_items_key ON library_items(key);
CREATE INDEX IF NOT EXISTS intext_citations_library ON intext_citations(library) WHERE library IS NOT NULL;
CREATE INDEX IF NOT EXISTS citations_library ON citations(library) WHERE library IS NOT NULL;
"""

# --- the writer's -----------------------------------------------------------------------------------

LIBRARY_BY_SHA = named("library_by_sha", "SELECT id, path FROM libraries WHERE sha256 = ?")
DELETE_LIBRARIES = named("delete_libraries", "DELETE FROM libraries WHERE path = :path OR sha256 = :sha256")
LIBRARY_INSERT = named("library_insert", """
    INSERT INTO libraries (id, sha256, path, format, size, ingested_at) VALUES (?, ?, ?, ?, ?, ?)""")
LIBRARY_ITEM_INSERT = named("library_item_insert", """
    INSERT INTO library_items (library_id, seq, key, type, year, title, source_start, source_end, data, csl)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
RELINKING = "a library was added or replaced: every stored citation is linked to it anew, once"
LIBRARY_REFERENCES = named("library_references", "SELECT data FROM library_items ORDER BY library_id, seq",
                           scans="every item of the libraries: what a document's citations are linked against")
INTEXT_TO_LINK = named("intext_to_link", "SELECT * FROM intext_citations ORDER BY source_id, seq", scans=RELINKING)
NOTES_TO_LINK = named("notes_to_link", """
    SELECT source_id, seq, fields FROM citations WHERE kind IN ('published', 'ibid') ORDER BY source_id, seq""",
                      scans=RELINKING)
SET_INTEXT_LIBRARY = named("set_intext_library", """
    UPDATE intext_citations SET library = :library WHERE source_id = :source AND seq = :seq""")
DROP_INTEXT = named("drop_intext", "DELETE FROM intext_citations WHERE source_id = :source AND seq = :seq")
SET_NOTE_LIBRARY = named("set_note_library", """
    UPDATE citations SET library = :library,
           fields = CASE WHEN :library IS NULL THEN json_remove(fields, '$.library')
                         ELSE json_set(fields, '$.library', :library) END
    WHERE source_id = :source AND seq = :seq""")
UNLINKED_DIAGNOSTIC = "citation-without-reference"
DROP_UNLINKED_DIAGNOSTICS = named("drop_unlinked_diagnostics", f"""
    DELETE FROM diagnostics WHERE source_id = ? AND code = '{UNLINKED_DIAGNOSTIC}'""")
NEXT_DIAGNOSTIC = named("next_diagnostic", "SELECT coalesce(max(seq), -1) + 1 FROM diagnostics WHERE source_id = ?")

# --- reading ------------------------------------------------------------------------------------------

LIBRARIES_ALL = named("libraries_all", """
    SELECT l.*, (SELECT count(*) FROM library_items i WHERE i.library_id = l.id) AS items FROM libraries l
    ORDER BY l.path""", scans="the libraries given to ingest, each once (a handful of files)")
# an item with its file and the citations linked to it counted, in the text and in notes
ITEMS_WITH_COUNTS = """
    SELECT i.*, l.path,
           (SELECT count(*) FROM intext_citations t WHERE t.library = i.key) AS in_text,
           (SELECT count(*) FROM citations c WHERE c.library = i.key) AS in_notes
    FROM library_items i JOIN libraries l ON l.id = i.library_id"""
LIBRARY_ITEMS_ALL = named("library_items_all", f"{ITEMS_WITH_COUNTS} ORDER BY l.path, i.seq",
                          scans="every item of the libraries with its citations counted: `legation library`")
LIBRARY_ITEM = named("library_item", """
    SELECT i.*, l.path FROM library_items i JOIN libraries l ON l.id = i.library_id WHERE i.key = ?
    ORDER BY l.path, i.seq""")
ITEM_CITATIONS = named("item_citations", """
    SELECT 'text' AS place, t.source_id, s.path, NULL AS footnote, t.text, t.pages, t.start, t."end",
           t.source_start, t.source_end
    FROM intext_citations t JOIN sources s ON s.id = t.source_id WHERE t.library = :key
    UNION ALL
    SELECT 'note', c.source_id, s.path, c.footnote, c.text, json_extract(c.fields, '$.pages'), NULL, NULL,
           c.source_start, c.source_end
    FROM citations c JOIN sources s ON s.id = c.source_id WHERE c.library = :key
    ORDER BY 3, 9""")
# the web app's list of items, a page at a time in the order asked: as in their files, by key, first
# author's (or editor's) family name, year, title, CSL type, or the citations in the text or in notes
FIRST_NAME = "coalesce(json_extract(i.data, '$.authors[0].family'), json_extract(i.data, '$.editors[0].family'))"
ITEM_SORTS = {"file": ("l.path", "i.seq"), "key": ("i.key",), "author": (f"{FIRST_NAME} COLLATE NOCASE",),
              "year": ("i.year",), "title": ("i.title COLLATE NOCASE",), "type": ("i.type",), "text": ("in_text",),
              "notes": ("in_notes",)}
ITEMS_IN_ORDER = Order("file")
LIBRARY_ITEMS_PAGE = sorted_queries("library_items_page",
                                    f"{ITEMS_WITH_COUNTS} ORDER BY {{order}} LIMIT :limit OFFSET :offset",
                                    ITEM_SORTS, "l.path, i.seq",
                                    scans="one page of the libraries' items in the order asked: a library holds a "
                                          "historian's bibliography (hundreds or thousands of items), not the corpus")
LIBRARY_ITEMS_COUNT = named("library_items_count", "SELECT count(*) FROM library_items",
                            scans="how many items the libraries hold, for the web app's list: one count")
# where an item is cited, a page at a time in each file's order: an in-text citation with the words
# around it; a note's citation with its note and the sentence the note's marker closes
ITEM_CITING_PAGE = named("item_citing_page", """
    SELECT 'text' AS place, t.source_id, s.path, NULL AS footnote, t.text, t.pages, t.start, t."end",
           substr(s.body, max(t.start - 79, 1), min(t.start, 80)) AS before,
           substr(s.body, t."end" + 1, 80) AS after,
           NULL AS sentence, NULL AS note, t.source_start
    FROM intext_citations t JOIN sources s ON s.id = t.source_id WHERE t.library = :key
    UNION ALL
    SELECT 'note', c.source_id, s.path, c.footnote, c.text, json_extract(c.fields, '$.pages'), f.anchor_start,
           f.anchor_end, NULL, NULL, substr(s.body, f.anchor_start + 1, f.anchor_end - f.anchor_start), f.text,
           c.source_start
    FROM citations c JOIN sources s ON s.id = c.source_id
    LEFT JOIN footnotes f ON f.source_id = c.source_id AND f.number = c.footnote
    WHERE c.library = :key
    ORDER BY path, source_start LIMIT :limit OFFSET :offset""")
ITEM_CITING_COUNT = named("item_citing_count", """
    SELECT (SELECT count(*) FROM intext_citations WHERE library = :key)
         + (SELECT count(*) FROM citations WHERE library = :key)""")
LINKED_OF_LIBRARY = named("linked_of_library", """
    SELECT (SELECT count(*) FROM intext_citations WHERE library IN (SELECT key FROM library_items WHERE library_id = :id))
         + (SELECT count(*) FROM citations WHERE library IN (SELECT key FROM library_items WHERE library_id = :id))""")


def has_library(store: "Store", sha256: str) -> bool:
    return library_path(store, sha256) is not None


def library_path(store: "Store", sha256: str) -> str | None:
    """The path a bibliography of this content is kept under, if it is."""
    row = first(store, LIBRARY_BY_SHA, (sha256,))
    return row["path"] if row else None


def add_library(store: "Store", library: Library, linking: Callable[[list[Reference]], Linker]) -> bool:
    """Keep a bibliography (False when this exact file is kept already) and link every stored
    citation to the libraries as they now are, in one transaction. ``linking`` makes the linker
    from the items of every library kept."""
    if has_library(store, library.sha256):
        return False
    with store.writing():
        store.db.execute(DELETE_LIBRARIES.sql, {"path": library.path, "sha256": library.sha256})
        store.db.execute(LIBRARY_INSERT.sql, (library.id, library.sha256, library.path, library.format, library.size,
                                              datetime.now(timezone.utc).isoformat(timespec="seconds")))
        store.db.executemany(LIBRARY_ITEM_INSERT.sql, [
            (library.id, seq, ref.id, ref.type, ref.year, ref.title, ref.source_start, ref.source_end,
             json.dumps(ref.to_dict(), ensure_ascii=False), json.dumps(csl, ensure_ascii=False))
            for seq, (ref, csl) in enumerate(zip(library.items, library.csl))])
        relink(store, linking(references(store)))
    return True


def references(store: "Store") -> list[Reference]:
    """Every item of the libraries kept, as References (``id`` its key), in file order."""
    return [Reference(**json.loads(row["data"])) for row in fetch(store, LIBRARY_REFERENCES)]


INTEXT_FIELDS = tuple(f.name for f in fields(InTextCitation))


def relink(store: "Store", link: Linker) -> int:
    """Link every stored document's citations with ``link`` (inside the caller's transaction);
    write what changed: the links, the in-text citations a narrative reading no work backs any
    longer (gone, as extraction drops them), the diagnostics of those without a work. Returns
    how many citations' links changed."""
    changed = 0
    intext = _by_source(fetch(store, INTEXT_TO_LINK))
    notes = _by_source(fetch(store, NOTES_TO_LINK))
    for source in sorted(set(intext) | set(notes)):
        cited = [InTextCitation(**{name: row[name] for name in INTEXT_FIELDS}) for row in intext.get(source, [])]
        for citation in cited:
            citation.narrative = bool(citation.narrative)
        in_notes = [_citation(row["fields"]) for row in notes.get(source, [])]
        before = [c.library for c in cited], [c.fields.get("library") for c in in_notes]
        own = [Reference(**json.loads(row["data"])) for row in dicts(store, ITEMS_OF_SOURCE["bib_references"], (source,))] \
            if in_notes else []
        unlinked = link(cited, in_notes, own)
        after = [c.library for c in cited], [c.fields.get("library") for c in in_notes]
        if before == after:
            continue
        for row, citation, old in zip(intext.get(source, []), cited, before[0]):
            if citation.library == old:
                continue
            changed += 1
            if citation.narrative and citation.reference is None and citation.library is None:
                store.db.execute(DROP_INTEXT.sql, {"source": source, "seq": row["seq"]})
            else:
                store.db.execute(SET_INTEXT_LIBRARY.sql, {"source": source, "seq": row["seq"],
                                                          "library": citation.library})
        for row, citation, old in zip(notes.get(source, []), in_notes, before[1]):
            if citation.fields.get("library") != old:
                changed += 1
                store.db.execute(SET_NOTE_LIBRARY.sql, {"source": source, "seq": row["seq"],
                                                        "library": citation.fields.get("library")})
        if before[0] != after[0]:
            _replace_unlinked(store, source, unlinked)
    return changed


def _replace_unlinked(store: "Store", source: str, unlinked: list[Diagnostic]) -> None:
    store.db.execute(DROP_UNLINKED_DIAGNOSTICS.sql, (source,))
    seq = scalar(store, NEXT_DIAGNOSTIC, (source,))
    store.db.executemany(DIAGNOSTICS.insert, [DIAGNOSTICS.row(source, seq + n, d) for n, d in enumerate(unlinked)])


def _by_source(rows: Iterable) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for row in rows:
        grouped.setdefault(row["source_id"], []).append(row)
    return grouped


def _citation(stored: str) -> Citation:
    """A note citation as stored (its fields' JSON holds the citation whole)."""
    data = json.loads(stored)
    place = {name: data.pop(name, None) for name in ("kind", "text", "start", "end", "footnote", "source_start",
                                                        "source_end")}
    return Citation(place["kind"], place["text"] or "", place["start"] or 0, place["end"] or 0, data,
                    place["footnote"], place["source_start"], place["source_end"])


def libraries(store: "Store") -> list[Row]:
    return dicts(store, LIBRARIES_ALL)


def library_items(store: "Store") -> list[Row]:
    """Every item of the libraries with its file and how many citations link to it."""
    found = dicts(store, LIBRARY_ITEMS_ALL)
    for row in found:
        row["csl"] = json.loads(row["csl"])
        row.pop("data")
    return found


def library_item(store: "Store", key: str, citations: bool = True) -> Row | None:
    """The item of that key (the first library's, where two have it), with its citations (all of
    them; without, with ``citations=False``: ``item_citing`` reads them a page at a time)."""
    rows = dicts(store, LIBRARY_ITEM, (key,))
    if not rows:
        return None
    item = _item(rows[0])
    if citations:
        item["citations"] = dicts(store, ITEM_CITATIONS, {"key": key})
    return item


def items_page(store: "Store", limit: int | None = None, offset: int = 0,
               order: Order = ITEMS_IN_ORDER) -> tuple[int, list[Row]]:
    """How many items the libraries hold, and a page of them in ``order`` (a key of ITEM_SORTS),
    each with its file, its CSL-JSON and Reference, and the citations linked to it counted."""
    total = scalar(store, LIBRARY_ITEMS_COUNT)
    page = {"limit": -1 if limit is None else limit, "offset": offset}
    return total, [_item(row) for row in dicts(store, LIBRARY_ITEMS_PAGE[order], page)]


def _item(row: Row) -> Row:
    """An item's row with its CSL-JSON (``csl``) and its Reference (``reference``) read."""
    row["csl"] = json.loads(row["csl"])
    row["reference"] = json.loads(row.pop("data"))
    return row


def item_citing(store: "Store", key: str, limit: int | None = None, offset: int = 0) -> tuple[int, list[Row]]:
    """How many citations link to the item of that key, and a page of them in each file's order:
    in the text (``place`` "text": the citation's offsets in the body and the words around it) or
    in a note (``place`` "note": the note, and the sentence its marker closes as ``start``/``end``)."""
    total = scalar(store, ITEM_CITING_COUNT, {"key": key}) or 0
    return total, dicts(store, ITEM_CITING_PAGE, {"key": key, "limit": -1 if limit is None else limit,
                                                  "offset": offset})


def linked_of_library(store: "Store", library_id: str) -> int:
    """How many citations (in the text and in notes) link to the items of one library."""
    return scalar(store, LINKED_OF_LIBRARY, {"id": library_id}) or 0
