"""A report of a collection, extracted as a document of its own: its sender acts in the first
person, its undated events take its date, it is stored with its metadata, and its JSON entry
places everything in the collection file's text."""

import json

import jsonschema
import pytest

from legation.ingest.units import Unit
from legation.model import Report, Source, Work, collection_to_dict
from legation.pipeline import extract_unit, unit_source
from legation.store.sqlite import Store
from conftest import REPO

SCHEMA = json.loads((REPO / "docs" / "json-contract.schema.json").read_text())

TELEGRAM = """Telegram 1234
The Ambassador in Japan (Grew) to the Secretary of State
Tokyo, September 8, 1939—noon.

I called on the Foreign Minister this morning and protested against the arrest of two American citizens.[^1]

The Soviet Ambassador told me that Moscow welcomed the armistice.

Grew

[^1]: 894.00/1234.
"""
PREFIX = "Some earlier report.\n\n\n"


@pytest.fixture(scope="module")
def unit():
    container = Source(id="c0ffee00c0ffee00", path="reports.txt", format="text", sha256="c0ffee00" * 8, size=500)
    start = len(PREFIX)
    report = Report(id="r2", start=start, end=start + len(TELEGRAM), type="telegram", own_number="1234",
                    date="1939-09-08", time="12:00", place="Tokyo", sender="Grew",
                    sender_role="The Ambassador in Japan (Grew)", sender_side="USA",
                    recipient="Secretary of State", recipient_role="the Secretary of State", recipient_side="USA")
    return Unit(container, TELEGRAM, report, Work(title="Telegrams from Tokyo"))


@pytest.fixture(scope="module")
def doc(unit):
    return extract_unit(unit)


def test_a_report_is_its_own_source_within_its_file(unit, doc):
    assert doc.source.path == "reports.txt#r2"
    assert doc.source == unit_source(unit)
    assert doc.source.sha256 != unit.source.sha256
    assert doc.work.title == "Telegrams from Tokyo"


def test_the_sender_is_a_person_and_acts_in_the_first_person(doc):
    grew = next(p for p in doc.persons if p.name == "Grew" or "Grew" in p.variants)
    assert doc.report.sender_person == grew.id and grew.side == "USA"
    protest = [e for e in doc.events if e.plover == "ACCUSE" or e.type.startswith("11") or e.type.startswith("13")]
    assert protest, [(e.type, e.trigger) for e in doc.events]
    assert protest[0].source == grew.id and protest[0].source_side == "USA"


def test_undated_events_take_the_report_date(doc):
    assert doc.events and all(e.date for e in doc.events)
    inherited = [e for e in doc.events if e.date_precision == "report"]
    assert all(e.date == "1939-09-08" for e in inherited)


def test_the_json_entry_places_items_in_the_file_text(unit, doc):
    out = collection_to_dict(unit.source, doc.work, [doc], [])
    jsonschema.validate(out, SCHEMA)
    entry = out["documents"][0]
    assert (entry["id"], entry["type"], entry["date"], entry["time"], entry["sender"]) == \
        ("r2", "telegram", "1939-09-08", "12:00", "Grew")
    file_text = PREFIX + TELEGRAM
    assert file_text[entry["start"]:entry["end"]] == TELEGRAM
    for event in entry["events"]:
        assert event["source_start"] >= entry["start"] and event["source_end"] <= entry["end"]
        assert file_text[event["source_start"]:event["source_end"]] == TELEGRAM[
            event["source_start"] - entry["start"]:event["source_end"] - entry["start"]]
    note = entry["footnotes"][0]
    assert file_text[note["source_start"]:note["source_end"]] == "[^1]: 894.00/1234."


def test_the_store_keeps_the_report_metadata_and_is_idempotent(tmp_path, unit, doc):
    with Store(tmp_path / "s.db") as store:
        assert store.add_document(doc)
        assert not store.add_document(doc)
        row = dict(store.db.execute("SELECT * FROM reports").fetchone())
        assert (row["file"], row["id"], row["date"], row["sender"], row["sender_side"]) == \
            ("reports.txt", "r2", "1939-09-08", "Grew", "USA")
        assert row["sender_person"] == doc.report.sender_person
        assert store.counts()["reports"] == 1
        store.db.execute("DELETE FROM sources")
        assert store.counts()["reports"] == 0  # a report goes with its source


def test_you_in_a_report_is_its_recipient():
    text = ("The Secretary of State to the Ambassador in Japan (Grew)\nWashington, September 9, 1939.\n\n"
            "The Department thanks you for your report and will consult you before any protest.\n")
    container = Source(id="beef00beef00beef", path="reply.txt", format="text", sha256="beef0000" * 8, size=len(text))
    report = Report(id="r1", start=0, end=len(text), date="1939-09-09", sender="Secretary of State",
                    sender_role="The Secretary of State", sender_side="USA", recipient="Grew",
                    recipient_role="the Ambassador in Japan (Grew)", recipient_side="USA")
    doc = extract_unit(Unit(container, text, report))
    grew = doc.report.recipient_person
    assert grew is not None
    consulted = [e for e in doc.events if e.target == grew]
    assert consulted, [(e.type, e.source, e.target, e.trigger) for e in doc.events]
    assert all(e.target_side == "USA" for e in consulted)


def test_a_volume_read_twice_is_not_held_between_the_passes(monkeypatch):
    """A TEI volume above HELD_TEI_BYTES is read twice, one report at a time: while the first
    pass gathers what the volume says of its people, the reports already read are let go."""
    import gc

    from legation import pipeline
    from legation.extract.identities import CollectionPeople

    monkeypatch.setattr(pipeline, "HELD_TEI_BYTES", 0)
    alive = []
    add_report = CollectionPeople.add_report
    gc.collect()
    held_elsewhere = {id(o) for o in gc.get_objects() if isinstance(o, Unit)}  # other tests' fixtures

    def add(self, report, layout, participants=()):
        gc.collect()
        alive.append(sum(isinstance(o, Unit) and id(o) not in held_elsewhere for o in gc.get_objects()))
        return add_report(self, report, layout, participants)

    monkeypatch.setattr(CollectionPeople, "add_report", add)
    units = list(pipeline.read_collection(REPO / "examples" / "corpus" / "frus1949v07p2-excerpt.xml"))
    assert len(alive) == len(units) == 32
    assert max(alive) <= 2  # the report being read (and the first, kept to start the pass)
