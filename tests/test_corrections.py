"""A historian's corrections: kept apart from the machine's reading, applied again after every
ingest, reflected in the relations, shared as JSON Lines."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from legation.analyze.evidence import load_events
from legation.analyze.relations import relations
from legation.cli import app
from legation.errors import InputError
from legation.store.corrections import Correction, correct, corrections, event_target, import_jsonl
from legation.store.sqlite import Store

runner = CliRunner()


@pytest.fixture()
def store_path(tmp_path, seeds_db):
    path = tmp_path / "seeds.db"
    shutil.copy(seeds_db, path)
    return path


def ussr_japan(store) -> int:
    return sum(row.count for row in relations(load_events(store), "USSR", "JPN", "1939-01", "1941-12").rows)


def test_a_side_corrected_holds_everywhere_and_moves_the_relations(store_path):
    with Store(store_path) as store:
        before = ussr_japan(store)
        acted = store.db.execute("SELECT count(*) FROM events WHERE source = 'smetanin' AND target_side = 'JPN'"
                                 ).fetchone()[0]
        assert acted > 0
        done = correct(store, Correction("side", {"person": "smetanin"}, {"side": "JPN"}, by="A. Historian"))
        assert done.machine == {"side": "USSR"} and done.made
        sides = {r[0] for r in store.db.execute("SELECT side FROM persons WHERE id = 'smetanin'")}
        assert sides == {"JPN"}
        assert store.db.execute("SELECT count(*) FROM events WHERE source = 'smetanin' AND source_side != 'JPN'"
                                ).fetchone()[0] == 0
        assert ussr_japan(store) < before  # his acts towards Japan are no longer USSR–Japan ones


def test_an_event_correction_outlives_the_source_being_stored_again(store_path, seed_doc):
    with Store(store_path) as store:
        source_id = seed_doc.source.id
        seq = store.db.execute("SELECT seq FROM events WHERE source_id = ? ORDER BY seq", (source_id,)).fetchone()[0]
        target = event_target(store, source_id, seq)
        same = ("SELECT count(*) FROM events WHERE source_id = ? AND evidence_start = ? AND evidence_end = ? "
                "AND coalesce(source, '') = ? AND coalesce(target, '') = ?")
        key = (source_id, target["start"], target["end"], target["actor"] or "", target["acted"] or "")
        correct(store, Correction("reject-event", target, by="A. Historian"))
        count = store.db.execute("SELECT count(*) FROM events WHERE source_id = ?", (source_id,)).fetchone()[0]
        store.db.execute("DELETE FROM sources WHERE id = ?", (source_id,))  # as a re-extraction replaces it
        store.db.commit()
        assert store.add_document(seed_doc)
        again = store.db.execute("SELECT count(*) FROM events WHERE source_id = ?", (source_id,)).fetchone()[0]
        assert again == count == len(seed_doc.events) - 1
        assert store.db.execute(same, key).fetchone()[0] == 0  # that one, and only that one, stays rejected


def test_a_recoded_and_redated_event_takes_its_code_score_and_date(store_path, seed_doc):
    with Store(store_path) as store:
        target = event_target(store, seed_doc.source.id, 1)
        correct(store, Correction("recode-event", target, {"type": "036"}))
        correct(store, Correction("event-date", target, {"date": "1940-06"}))
        row = store.db.execute("SELECT type, plover, goldstein, date, date_precision FROM events "
                               "WHERE source_id = ? AND evidence_start = ? AND coalesce(source, '') = ? "
                               "AND coalesce(target, '') = ?",
                               (seed_doc.source.id, target["start"], target["actor"] or "", target["acted"] or "")
                               ).fetchone()
        assert row[0] == "036" and row[2] == 4.0 and row[3:] == ("1940-06", "month")


def test_corrections_travel_to_a_fresh_store_through_the_command_line(store_path, tmp_path, seeds_db):
    result = runner.invoke(app, ["correct", "--person", "smetanin", "--side", "Japan", "--by", "A. Historian",
                                 "--db", str(store_path)])
    assert result.exit_code == 0, result.output
    shared = tmp_path / "corrections.jsonl"
    assert runner.invoke(app, ["corrections", "export", str(shared), "--db", str(store_path)]).exit_code == 0
    [line] = shared.read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["value"] == {"side": "JPN"} and json.loads(line)["by"] == "A. Historian"
    fresh = tmp_path / "fresh.db"
    shutil.copy(seeds_db, fresh)
    assert runner.invoke(app, ["corrections", "import", str(shared), "--db", str(fresh)]).exit_code == 0
    with Store(fresh) as store:
        assert {r[0] for r in store.db.execute("SELECT side FROM persons WHERE id = 'smetanin'")} == {"JPN"}
        assert [c.kind for c in corrections(store)] == ["side"]


def test_a_person_corrected_before_a_source_is_ingested_is_corrected_in_it(tmp_path, abstract_doc, seed_doc):
    with Store(tmp_path / "s.db") as store:
        store.add_document(abstract_doc)
        correct(store, Correction("side", {"person": "smetanin"}, {"side": "JPN"}))
        store.add_document(seed_doc)  # ingested after the correction: it applies on the way in
        assert {r[0] for r in store.db.execute("SELECT side FROM persons WHERE id = 'smetanin'")} == {"JPN"}


def test_a_bad_corrections_file_is_one_clear_error_and_records_nothing(store_path, tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"kind": "side", "target": {"person": "smetanin"}, "value": {"side": "JPN"}}\n{"kind": "wish"}\n')
    with Store(store_path) as store:
        with pytest.raises(InputError, match="bad.jsonl: line 2"):
            import_jsonl(store, path)
        assert corrections(store) == []
    result = runner.invoke(app, ["correct", "--source", "nope", "--event", "1", "--reject", "--db", str(store_path)])
    assert result.exit_code == 2 and "no event 1 in source nope" in result.stderr
