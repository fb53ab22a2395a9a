"""The command line's actors layer: people, quotes and events from a store of the seeds."""

import json

import pytest
from typer.testing import CliRunner

from legation.cli import app
from conftest import FULL_TEXT, SEED_TEXTS

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "seeds.db"
    result = run("ingest", *SEED_TEXTS, "--db", path)
    assert result.exit_code == 0, result.output
    return path


def test_extract_json_has_the_actors_layer():
    data = json.loads(run("extract", FULL_TEXT, "--json").stdout)
    smetanin = next(p for p in data["persons"] if p["id"] == "smetanin")
    assert smetanin["side"] == "USSR" and not smetanin["is_author"]
    assert {"id", "name", "variants", "roles", "side", "wikidata"} <= set(smetanin)
    for mention in data["mentions"]:
        assert data["body"][mention["start"]:mention["end"]] == mention["text"]
    text = FULL_TEXT.read_text(encoding="utf-8")
    for quote in data["quotes"]:
        assert data["body"][quote["start"]:quote["end"]] == quote["text"]
        first_word = quote["text"].split()[0]
        assert first_word in text[quote["source_start"]:quote["source_end"]]
    assert any(e["name"] and "Neutrality" in e["name"] and e["date"] == "1941-04-13" for e in data["events"])


def test_people_are_actors_and_scholars_apart(db):
    actors = json.loads(run("people", "--db", db, "--json").stdout)
    scholars = json.loads(run("people", "--db", db, "--authors", "--json").stdout)
    assert actors[0]["id"] == "smetanin"  # the most mentioned
    assert "molodyakov" not in {p["id"] for p in actors}
    assert "Molodyakov" in {p["name"].split()[-1] for p in scholars}
    japanese = json.loads(run("people", "--db", db, "--side", "JPN", "--json").stdout)
    assert japanese and {p["side"] for p in japanese} == {"JPN"}


def test_quotes_by_speaker_name_form(db):
    by_id = json.loads(run("quotes", "--db", db, "--speaker", "smetanin", "--json").stdout)
    by_form = json.loads(run("quotes", "--db", db, "--speaker", "Сметанин", "--json").stdout)
    assert len(by_id) >= 10
    assert all(q["speaker"] == "smetanin" for q in by_id)
    assert {q["seq"] for q in by_form} <= {q["seq"] for q in by_id}


def test_events_in_a_month_include_intervals(db):
    august = json.loads(run("events", "--db", db, "--from", "1939-08", "--to", "1939-08", "--json").stdout)
    # the Khalkhin Gol fighting (May–September 1939) counts in August too
    assert any(e["type"].startswith("19") and e["date"] < "1939-08" for e in august)
    april = json.loads(run("events", "--db", db, "--from", "1941-04", "--to", "1941-04", "--json").stdout)
    assert any(e["type"] == "057" and e["date"] == "1941-04-13" for e in april)
    assert all((e["date_end"] or e["date"]) >= "1941-04" for e in april)
    table = run("events", "--db", db, "--from", "1941-04", "--to", "1941-04")
    assert table.exit_code == 0 and "057" in table.stdout
