"""The command line on collections of reports: `extract --json` gives a `documents` list, `ingest`
stores one source per report, idempotently, and a broken volume keeps the reports before the break."""

import json
import sqlite3

import jsonschema
import pytest
from typer.testing import CliRunner

from legation.cli import app
from conftest import FIXTURES, REPO, shared_path

runner = CliRunner()
SCHEMA = json.loads((REPO / "docs" / "json-contract.schema.json").read_text())
TEI = FIXTURES / "tei"
FRUS_1949 = shared_path("data", "frus", "frus1949v07p2.xml")
DOCUMENT_FIELDS = ("id", "heading", "type", "number", "date", "time", "place", "sender", "recipient",
                   "classification", "source_note", "start", "end")

TELEGRAMS = """Telegram 1234
The Ambassador in Japan (Grew) to the Secretary of State
Tokyo, September 8, 1939—noon.
[Received September 8—9:15 a. m.]

I called on the Foreign Minister this morning and protested against the arrest of two American citizens.

Grew


Telegram 99
The Secretary of State to the Ambassador in Japan (Grew)
Washington, September 9, 1939—6 p. m.

Your 1234. The Department approves your protest.

Hull
"""


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_extract_json_of_a_tei_volume_lists_its_documents():
    result = run("extract", TEI / "newer.xml", "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    jsonschema.validate(out, SCHEMA)
    assert out["source"]["format"] == "tei" and out["work"]["title"] == "A Test Volume in the Newer Encoding"
    first = out["documents"][0]
    assert all(field in first for field in DOCUMENT_FIELDS)
    assert (first["id"], first["date"], first["time"], first["sender"], first["recipient"]) == \
        ("d1", "1941-01-10", "18:00+09:00", "Embassy in Japan", "Department of State")
    assert out["body"] == "" and out["footnotes"] == []  # everything is in the documents


def test_extract_json_of_a_text_file_of_reports(tmp_path):
    path = tmp_path / "telegrams.txt"
    path.write_text(TELEGRAMS, encoding="utf-8")
    result = run("extract", path, "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    jsonschema.validate(out, SCHEMA)
    first, second = out["documents"]
    assert (first["type"], first["number"], first["date"], first["time"], first["place"]) == \
        ("telegram", "1234", "1939-09-08", "12:00", "Tokyo")
    assert (first["sender"], first["recipient"], second["sender"], second["recipient"]) == \
        ("Grew", "Secretary of State", "Secretary of State", "Grew")
    assert TELEGRAMS[first["start"]:first["end"]].startswith("Telegram 1234")
    assert TELEGRAMS[second["start"]:second["end"]].startswith("Telegram 99")
    protest = [e for e in first["events"] if e["source"] and "grew" in e["source"]]
    assert protest and all(TELEGRAMS[e["source_start"]:e["source_end"]] in TELEGRAMS[first["start"]:first["end"]]
                           for e in first["events"])


@pytest.mark.shared("data", "frus", "frus1949v07p2.xml")
def test_ingest_a_volume_one_source_per_report_idempotent(tmp_path):
    db = tmp_path / "s.db"
    result = run("ingest", FRUS_1949, "--db", db, "--layers", "apparatus")
    assert result.exit_code == 0, result.output
    assert "386 ingested" in result.stdout
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == 386
        assert con.execute("SELECT count(DISTINCT work_id) FROM sources").fetchone()[0] == 1
        row = con.execute("SELECT date, place, sender, recipient, sender_side FROM reports WHERE id = 'd6'").fetchone()
        assert row == ("1949-01-07", "Tokyo", "Sebald", "Acting Secretary of State", "USA")
    again = run("ingest", FRUS_1949, "--db", db, "--layers", "apparatus")
    assert again.exit_code == 0 and "386 unchanged" in again.stdout


@pytest.mark.parametrize("name, problem", [
    ("truncated.xml", "truncated.xml"),
    ("malformed.xml", "malformed.xml"),
])
def test_a_broken_volume_keeps_the_reports_before_the_break(tmp_path, name, problem):
    db = tmp_path / "s.db"
    result = run("ingest", TEI / name, "--db", db, "--layers", "apparatus")
    assert result.exit_code == 2
    assert problem in result.stderr and "line" in result.stderr
    with sqlite3.connect(db) as con:
        stored = con.execute("SELECT count(*) FROM reports").fetchone()[0]
    assert stored >= 1


@pytest.mark.parametrize("name, problem", [
    ("billion_laughs.xml", "entit"),
    ("external_entity.xml", "entit"),
    ("not_tei.xml", "not a TEI file"),
])
def test_hostile_or_foreign_xml_is_refused_in_one_line(tmp_path, name, problem):
    db = tmp_path / "s.db"
    result = run("ingest", TEI / name, "--db", db)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and name in lines[0] and problem in lines[0]
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*) FROM sources").fetchone()[0] == 0
