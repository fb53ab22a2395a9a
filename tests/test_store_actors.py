"""The store's actors layer: people, quotes, events and dates persisted and queried; v1 stores upgraded."""

import sqlite3

import pytest

from legation.ingest.source import read_source
from legation.model import DateMention, Entity, Event, Mention, Person, Quote, Role, Span
from legation.pipeline import extract_text
from legation.store.sqlite import SCHEMA_VERSION, Store

TEXT = ("On November 25, 1939, Smetanin presented his credentials. “We are glad,” Smetanin wrote to Molotov.<sup>1</sup>\n\n"
        "<sup>1</sup> AVP RF. F. 0146. Op. 22. Pap. 192. D. 13. L. 258.\n")


@pytest.fixture()
def doc(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(TEXT)
    source, text = read_source(path)
    doc = extract_text(source, text, ("apparatus",))
    body = doc.body
    at = body.index("Smetanin")
    doc.persons = [Person("smetanin", "Konstantin Aleksandrovich Smetanin", ["Smetanin", "K. A. Smetanin"],
                          [Role("plenipotentiary representative in Japan", "1939-11", "1942")], "USSR", "Q4381180",
                          mentions=2),
                   Person("molotov", "Vyacheslav Molotov", ["Molotov"], [], "USSR", mentions=1),
                   Person("molodyakov", "Vasilii Molodyakov", ["Molodyakov"], is_author=True, mentions=1)]
    doc.places = [Entity("japan", "place", "Japan", ["Japan"], "JPN")]
    doc.mentions = [Mention("person", "Smetanin", at, at + 8, "smetanin")]
    doc.dates = [DateMention("November 25, 1939", 3, 20, "1939-11-25", "day", "1939-11-25")]
    quoted = body.index("We are glad")
    doc.quotes = [Quote("We are glad,", quoted, quoted + 12, "smetanin", "Smetanin", "molotov", "1939-11-25",
                        "letter", 1)]
    doc.events = [Event("032", "CONSULT", 1.9, "smetanin", "JPN", "USSR", "JPN", "1939-11-25", "day",
                        Span(0, body.index(".") + 1), trigger="presented his credentials", footnote=1),
                  Event("190", "ASSAULT", -10.0, "USSR", "JPN", "USSR", "JPN", "1939-05-11", "day", Span(0, 5),
                        date_end="1939-09-16", name="Khalkhin Gol")]
    return doc


def test_actors_round_trip(tmp_path, doc):
    with Store(tmp_path / "s.db") as store:
        assert store.add_document(doc)
        counts = store.counts()
        assert (counts["persons"], counts["entities"], counts["mentions"], counts["dates"], counts["quotes"],
                counts["events"]) == (3, 1, 1, 1, 1, 2)
        [smetanin, molotov] = store.people()
        assert smetanin["id"] == "smetanin" and smetanin["quotes"] == 1 and smetanin["side"] == "USSR"
        assert smetanin["roles"][0]["from"] == "1939-11" and "K. A. Smetanin" in smetanin["variants"]
        assert [p["id"] for p in store.people(authors=True)] == ["molodyakov"]
        assert store.people(side="JPN") == []
        assert [q["speaker_name"] for q in store.quotes("k. a. smetanin")] == ["Konstantin Aleksandrovich Smetanin"]
        assert store.quotes("Molodyakov") == []


def test_events_overlapping_a_range(tmp_path, doc):
    with Store(tmp_path / "s.db") as store:
        store.add_document(doc)
        # the Khalkhin Gol interval overlaps August 1939 although it starts in May
        assert [e["name"] for e in store.events("1939-08", "1939-08")] == ["Khalkhin Gol"]
        assert [e["type"] for e in store.events("1939-11", "1939-12")] == ["032"]
        assert len(store.events()) == 2
        assert store.events("1940-01", None) == []


def test_more_layers_replace_an_apparatus_only_row(tmp_path, doc):
    with Store(tmp_path / "s.db") as store:
        assert store.add_document(doc, ("apparatus",))
        assert store.counts()["quotes"] == 0  # the apparatus layer stores no actors
        assert store.has_source(doc.source.sha256, ("apparatus",))
        assert not store.has_source(doc.source.sha256, ("apparatus", "actors"))
        assert store.add_document(doc, ("apparatus", "actors"))
        assert store.counts()["sources"] == 1 and store.counts()["quotes"] == 1
        assert store.add_document(doc, ("apparatus",)) is False  # already has more


def test_a_version_1_store_is_upgraded(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.executescript("""
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO meta VALUES ('schema_version', '1');
        CREATE TABLE sources (id TEXT PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, path TEXT NOT NULL,
            format TEXT NOT NULL, size INTEGER NOT NULL, work_id INTEGER, work_json TEXT NOT NULL,
            text TEXT NOT NULL, body TEXT NOT NULL, ingested_at TEXT NOT NULL);
        INSERT INTO sources VALUES ('s1', 'abc', 'a.md', 'markdown', 1, NULL, '{}', 't', 't', 'now');
    """)
    db.close()
    with Store(path) as store:
        assert store.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == str(SCHEMA_VERSION)
        assert store.has_source("abc", ("apparatus",)) and not store.has_source("abc", ("apparatus", "actors"))
        assert store.counts()["events"] == 0
