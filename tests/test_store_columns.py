"""The store's tables are the model's dataclasses: every field of a stored item is a column (or in
the item's JSON, or said not to be stored, with why), the INSERTs are made from the fields, and
an event comes back as one typed record. An older store gains what schemas 5 and 6 add, once."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import fields, make_dataclass

import pytest

from legation.model import Event, Mention
from legation.store import queries
from legation.store.columns import EVENT_COLUMNS, EVENTS, ITEM_TABLES, MENTIONS, StoredEvent, Table
from legation.store.sqlite import SCHEMA_VERSION, Store


def table_columns(db: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in db.execute(f"PRAGMA table_info({table})")}


@pytest.mark.parametrize("table", ITEM_TABLES, ids=lambda t: t.name)
def test_every_field_of_an_item_is_stored_or_said_not_to_be(table, seeds_store):
    columns = table_columns(seeds_store.db, table.name)
    keys = {"source_id", "seq"} if table.seq else {"source_id"}
    assert set(table.columns) | keys == columns  # the INSERT fills every column, and names no other
    for f in fields(table.model):
        stored = (f.name in table.columns or f.name in table.spans or f.name in table.not_stored
                  or (table.json is not None and table.promoted is not None))  # the rest is in the item's JSON
        assert stored, f"{table.model.__name__}.{f.name}"
    assert all(len(why) > 20 for why in table.not_stored.values())


def test_sources_and_works_are_stored_from_their_fields(seeds_store):
    from legation.model import Source, Work
    from legation.store.columns import SOURCE_INSERT, WORK_COLUMNS, WORK_NOT_STORED

    assert {f.name for f in fields(Source)} <= table_columns(seeds_store.db, "sources")
    assert all(f"{f.name}," in SOURCE_INSERT for f in fields(Source))
    assert set(WORK_COLUMNS) | {"id"} == table_columns(seeds_store.db, "works")
    assert {f.name for f in fields(Work)} == set(WORK_COLUMNS) - {"key"} | set(WORK_NOT_STORED)


def test_a_new_model_field_cannot_be_forgotten(tmp_path):
    """A field added to Mention is named in the INSERT at once: storing fails until the schema has it."""
    grown = make_dataclass("GrownMention", [("confidence", float, 1.0)], bases=(Mention,))
    table = Table("mentions", grown, ("mentions",))
    assert table.columns[-1] == "confidence" and "confidence" in table.insert
    with Store(tmp_path / "s.db") as store:
        store.db.execute("INSERT INTO sources (id, sha256, path, format, size, work_json, text, body, ingested_at) "
                         "VALUES ('s', 'h', 'p', 'text', 1, '{}', 't', 't', 'now')")
        item = grown("text", "Tokyo", 0, 5)
        with pytest.raises(sqlite3.OperationalError, match="no column named confidence"):
            store.db.executemany(table.insert, [table.row("s", 0, item)])
        store.db.executemany(MENTIONS.insert, [MENTIONS.row("s", 0, item)])  # as the model is today, it stores


def test_a_table_refuses_a_field_the_model_lacks():
    with pytest.raises(TypeError, match="no field wrong"):
        Table("events", Event, ("events",), not_stored={"wrong": "a field of another model"})


def test_an_event_comes_back_as_a_typed_record(seeds_store, seed_doc):
    assert [f.name for f in fields(StoredEvent)] == [*EVENT_COLUMNS, "path", "sentence"]
    assert EVENT_COLUMNS[2:] == EVENTS.field_columns
    stored = queries.events_of_source(seeds_store, seed_doc.source.id)
    assert len(stored) == len(seed_doc.events)
    for record, event in zip(stored, seed_doc.events):
        for f in fields(Event):
            if f.name == "evidence":
                assert (record.evidence_start, record.evidence_end) == (event.evidence.start, event.evidence.end)
            else:
                assert getattr(record, f.name) == getattr(event, f.name), f.name
        assert record.sentence == seed_doc.body[event.evidence.start:event.evidence.end]
        assert record.path == seed_doc.source.path and record["date"] == record.date
    assert set(stored[0].to_dict()) == {f.name for f in fields(StoredEvent)}


def test_an_author_year_citation_keeps_whether_it_is_narrative(seeds_store, seed_doc):
    stored = queries.items(seeds_store, "intext_citations", seed_doc.source.id)
    assert [bool(row["narrative"]) for row in stored] == [c.narrative for c in seed_doc.intext_citations]
    assert [(row["start"], row["end"], row["key"]) for row in stored] == \
        [(c.start, c.end, c.key) for c in seed_doc.intext_citations]


def test_every_events_query_is_the_one_query(seeds_store):
    """The events with their evidence are read by one SELECT: each events query is it, filtered."""
    for name, query in queries.QUERIES.items():
        if "FROM events e JOIN sources s" in query.sql:
            assert query.sql.startswith(queries.EVENTS_WITH_EVIDENCE), name


@pytest.fixture()
def schema_4_store(tmp_path, seeds_db):
    """The seeds store as schema 4 left it: without the indexes of schema 5, intext_citations without
    narrative, citations_file instead of citations_archive, no count of changes, the full-text
    index over bodies only (schema 6 indexes whole texts), and no libraries (schema 8)."""
    path = tmp_path / "v4.db"
    shutil.copy(seeds_db, path)
    db = sqlite3.connect(path)
    for index in ("sources_work", "sources_paths", "citations_archive", "persons_rank", "entities_id",
                  "entities_name", "quotes_addressee", "quotes_date", "events_sides", "events_source",
                  "events_target"):
        db.execute(f"DROP INDEX {index}")
    db.execute("CREATE INDEX citations_file ON citations(archive_id, fond, opis, papka, delo)")
    db.execute("ALTER TABLE intext_citations DROP COLUMN narrative")
    for table in ("intext_citations", "citations"):  # schema 8: the links to a library's items
        db.execute(f"DROP INDEX {table}_library")
        db.execute(f"ALTER TABLE {table} DROP COLUMN library")
    db.execute("DROP TABLE library_items")
    db.execute("DROP TABLE libraries")
    db.execute("DELETE FROM meta WHERE key = 'changes'")
    db.execute("DROP TABLE search_texts")
    db.execute("CREATE VIRTUAL TABLE search_bodies USING fts5(body, content='sources', content_rowid='rowid', "
               "tokenize='unicode61 remove_diacritics 2')")
    db.execute("INSERT INTO search_bodies(search_bodies) VALUES ('rebuild')")
    db.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    db.commit()
    db.close()
    return path


def test_a_schema_4_store_is_upgraded_once(schema_4_store):
    with Store(schema_4_store) as store:
        assert store.schema_version() == SCHEMA_VERSION == 8
        indexes = {row[0] for row in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"citations_archive", "persons_rank", "events_sides", "quotes_date"} <= indexes
        assert "citations_file" not in indexes
        assert "narrative" in table_columns(store.db, "intext_citations")
        assert "library" in table_columns(store.db, "intext_citations") and "library" in table_columns(store.db,
                                                                                                         "citations")
        assert {"libraries", "library_items"} <= {r[0] for r in store.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert store.db.execute("SELECT count(*) FROM intext_citations WHERE narrative = 0").fetchone()[0] > 0
        stamp = queries.scalar(store, queries.CHANGES)
        assert stamp is not None
        from legation.store.search import search
        assert search(store.db, "Smetanin")
        assert search(store.db, "0146")  # the index is rebuilt over whole texts: notes are searched
        assert "search_bodies" not in {r[0] for r in store.db.execute("SELECT name FROM sqlite_master")}
        for index in ("search_texts", "search_quotes"):
            store.db.execute(f"INSERT INTO {index}({index}) VALUES ('integrity-check')")
    with Store(schema_4_store) as again:  # once: nothing is written the second time
        assert queries.scalar(again, queries.CHANGES) == stamp


def test_the_stamp_changes_when_a_document_is_stored_and_only_then(tmp_path, seeds_db, abstract_doc):
    from legation.store.search import store_stamp

    path = tmp_path / "s.db"
    shutil.copy(seeds_db, path)
    with Store(path) as store:
        before = store_stamp(store)
        assert store.add_document(abstract_doc) is False  # already stored: nothing changes
        assert store_stamp(store) == before
    with Store(path, readonly=True) as reader:
        assert store_stamp(reader) == before


def test_a_replaced_file_leaves_no_work_behind_and_keeps_the_others(tmp_path, seeds_db):
    from legation.pipeline import extract_file

    path = tmp_path / "s.db"
    shutil.copy(seeds_db, path)
    note = tmp_path / "note.md"
    note.write_text("# Fisheries in 1939\n\nThe talks on the fisheries ended in Moscow.\n", encoding="utf-8")
    with Store(path) as store:
        works_before = queries.works_page(store)[0]
        store.add_document(extract_file(note))
        assert queries.works_page(store)[0] == works_before + 1
        note.write_text("# The fisheries convention\n\nIt was signed in Moscow.\n", encoding="utf-8")
        store.add_document(extract_file(note))
        titles = [w["title"] for w in store.works()]
        assert len(titles) == works_before + 1 and "Fisheries in 1939" not in titles
        assert all(w["source_count"] == len(w["sources"]) >= 1 for w in store.works())
