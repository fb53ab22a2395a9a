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
from legation.devdata import shared_path
from legation.store.corrections import Correction, citation_target, correct, corrections, event_target, \
    import_jsonl, parse_fields
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


# --- people merged, a mention split off, a role dated ---------------------------------------------

def store_again(store, doc) -> None:
    """A source stored again as a re-extraction stores it (its rows replaced, corrections applied anew)."""
    store.db.execute("DELETE FROM sources WHERE id = ?", (doc.source.id,))
    store.db.commit()
    assert store.add_document(doc)


def edge(graph, a: str, b: str) -> dict:
    return graph.edges[a, b] if graph.has_edge(a, b) else {}


FRUS_REPORTS = ("d225", "d226", "d229", "d235", "d283")  # General Roberts of KMAG: "W. L. Roberts" in two, "Roberts" in three


@pytest.fixture(scope="module")
def frus_docs():
    """Five reports of FRUS 1949 vol. VII part 2, read with the whole volume's people: Brigadier
    General William L. Roberts is two people there (roberts, w-l-roberts)."""
    from legation.errors import InputError as Unreadable
    from legation.pipeline import extract_unit, read_collection

    units = [u for u in read_collection(shared_path("data", "frus", "frus1949v07p2.xml"))
             if not isinstance(u, Unreadable) and u.report.id in FRUS_REPORTS]
    return {u.report.id: extract_unit(u) for u in units}


@pytest.fixture()
def frus_store(tmp_path, frus_docs):
    with Store(tmp_path / "frus.db") as store:
        for doc in frus_docs.values():
            store.add_document(doc)
        yield store


@pytest.mark.shared("data", "frus", "frus1949v07p2.xml")
def test_a_person_merged_is_one_person_in_the_people_the_network_and_the_exports(frus_store, frus_docs):
    from legation.analyze.network import people_network
    from legation.formats.tables import store_tables
    from legation.store import queries

    store = frus_store
    parts = {i: queries.person(store, i) for i in ("roberts", "w-l-roberts")}
    assert [len(p["sources"]) for p in parts.values()] == [3, 2]
    roberts_rhee = edge(people_network(store), "roberts", "syngman-rhee")["events"]
    assert roberts_rhee
    spoken = sum(queries.quotes(store, speaker_ids=[i])[0] for i in parts)
    done = correct(store, Correction("merge-person", {"person": "w-l-roberts"}, {"person": "roberts"},
                                     by="A. Historian"))
    assert done.machine["name"] == "W. L. Roberts"
    roberts = queries.person(store, "roberts")
    assert roberts["mentions"] == sum(p["mentions"] for p in parts.values())
    assert sorted(roberts["sources"]) == sorted(s for p in parts.values() for s in p["sources"])
    assert "W. L. Roberts" in roberts["variants"]
    assert queries.person(store, "w-l-roberts") is None
    after = people_network(store)
    assert edge(after, "roberts", "syngman-rhee")["events"] == roberts_rhee and "w-l-roberts" not in after
    assert queries.quotes(store, speaker_ids=["roberts"])[0] == spoken
    tables = store_tables(store)
    assert not [p for p in tables["people"] if p["id"] == "w-l-roberts"]
    assert {e["target"] for e in tables["events"] if e["source"] == "roberts"} >= {"syngman-rhee"}

    store_again(store, frus_docs["d283"])  # a report naming him in full extracted afresh: Roberts stays one
    assert queries.person(store, "roberts")["mentions"] == roberts["mentions"]
    assert queries.person(store, "w-l-roberts") is None


@pytest.mark.shared("data", "frus", "frus1949v07p2.xml")
def test_a_mention_split_off_takes_its_event_to_the_person_it_names(frus_store, frus_docs):
    from legation.store import queries

    store, doc = frus_store, frus_docs["d235"]
    source = doc.source.id
    start = doc.body.index("Roberts and Drumright had conferences")  # read as 'roberts', apart from W. L. Roberts
    [event] = [e for e in doc.events if e.evidence.start <= start < e.evidence.end and e.source == "roberts"]
    mentions = {m.start: m.entity for m in doc.mentions if m.entity == "roberts"}
    assert len(mentions) == 2 and mentions[start] == "roberts"
    sided = runner.invoke(app, ["correct", "--person", "w-l-roberts", "--side", "USA", "--db", store.path])
    assert sided.exit_code == 0, sided.output
    result = runner.invoke(app, ["correct", "--source", source, "--mention", f"{start}-{start + 7}",
                                 "--is", "w-l-roberts", "--by", "A. Historian", "--db", store.path])
    assert result.exit_code == 0, result.output

    def held():
        rows = store.db.execute("SELECT entity FROM mentions WHERE source_id = ? AND start = ?", (source, start))
        assert [r[0] for r in rows] == ["w-l-roberts"]
        moved = store.db.execute("SELECT source, source_side FROM events WHERE source_id = ? AND evidence_start = ? "
                                 "AND type = ?", (source, event.evidence.start, event.type)).fetchone()
        assert tuple(moved) == ("w-l-roberts", "USA")  # and his side with him
        assert [r[0] for r in store.db.execute("SELECT mentions FROM persons WHERE source_id = ? AND id = ?",
                                               (source, "roberts"))] == [1]  # the other one stays
        assert source in queries.person(store, "w-l-roberts")["sources"]  # he is named in the report now

    held()
    store_again(store, doc)
    held()
    [split] = [c for c in corrections(store) if c.kind == "split-mention"]
    assert split.machine == {"person": "roberts", "text": "Roberts"}


def test_a_merge_reaches_the_last_person_and_refuses_a_circle(store_path, seed_doc):
    with Store(store_path) as store:
        correct(store, Correction("merge-person", {"person": "zhukov-d-a"}, {"person": "malik"}))
        correct(store, Correction("merge-person", {"person": "malik"}, {"person": "smetanin"}))
        ids = {r[0] for r in store.db.execute("SELECT DISTINCT id FROM persons WHERE source_id = ?",
                                              (seed_doc.source.id,))}
        assert "smetanin" in ids and not {"malik", "zhukov-d-a"} & ids
        with pytest.raises(ValueError, match="circle"):
            correct(store, Correction("merge-person", {"person": "smetanin"}, {"person": "zhukov-d-a"}))
        store_again(store, seed_doc)  # merged again in the order that reaches the last one
        ids = {r[0] for r in store.db.execute("SELECT DISTINCT id FROM persons WHERE source_id = ?",
                                              (seed_doc.source.id,))}
        assert "smetanin" in ids and not {"malik", "zhukov-d-a"} & ids


def test_an_event_corrected_before_its_actor_was_merged_stays_corrected(store_path, seed_doc):
    with Store(store_path) as store:
        seq, actor = store.db.execute("SELECT seq, source FROM events WHERE source_id = ? AND source = 'generalov' "
                                      "ORDER BY seq", (seed_doc.source.id,)).fetchone()
        target = event_target(store, seed_doc.source.id, seq)
        correct(store, Correction("recode-event", target, {"type": "111"}))
        correct(store, Correction("merge-person", {"person": "generalov"}, {"person": "smetanin"}))
        store_again(store, seed_doc)
        row = store.db.execute("SELECT source, type FROM events WHERE source_id = ? AND evidence_start = ? "
                               "AND evidence_end = ? AND source = 'smetanin' AND type = '111'",
                               (seed_doc.source.id, target["start"], target["end"])).fetchall()
        assert len(row) == 1


def test_a_role_dated_by_a_historian_holds_in_the_person_and_the_people_export(store_path, seed_doc):
    from legation.formats.tables import store_tables
    from legation.store import queries

    title = "temporary chargé d'affaires of the USSR in Tokyo"
    with Store(store_path) as store:
        [role] = [r for r in queries.person(store, "generalov")["roles"] if r["title"] == title]
        assert (role["from"], role["to"]) == ("1938", "1939-11")
        result = runner.invoke(app, ["correct", "--person", "generalov", "--role", title.upper(), "--from", "1938-09",
                                     "--by", "A. Historian", "--db", str(store_path)])
        assert result.exit_code == 0, result.output
        [role] = [r for r in queries.person(store, "generalov")["roles"] if r["title"] == title]
        assert (role["from"], role["to"]) == ("1938-09", "1939-11")  # the end as the machine read it
        [row] = [p for p in store_tables(store)["people"] if p["id"] == "generalov"]
        assert row["first_role_from"] == "1938-09"
        store_again(store, seed_doc)
        [role] = [r for r in queries.person(store, "generalov")["roles"] if r["title"] == title]
        assert role["from"] == "1938-09"
        [done] = [c for c in corrections(store) if c.kind == "role-dates"]
        assert done.target == {"person": "generalov", "title": title} and done.machine == {"from": "1938", "to": "1939-11"}
    bad = runner.invoke(app, ["correct", "--person", "generalov", "--role", "Emperor", "--from", "1938",
                              "--db", str(store_path)])
    assert bad.exit_code == 2 and "no role titled 'Emperor'" in bad.stderr


# --- citations ------------------------------------------------------------------------------------

def exported(path, fmt: str, *more: str) -> str:
    result = runner.invoke(app, ["export", "--format", fmt, *more, "--db", str(path)])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_an_archive_file_corrected_moves_in_the_citation_index_and_every_export(store_path, seed_doc):
    from legation.store import queries

    thirteen = ("AVP RF", "0146", "22", "192", "13")
    fourteen = thirteen[:4] + ("14",)
    with Store(store_path) as store:
        assert queries.archive_file(store, thirteen)["notes"] == 10 and queries.archive_file(store, fourteen) is None
    result = runner.invoke(app, ["correct", "--source", seed_doc.source.id, "--footnote", "7", "--field", "delo=14",
                                 "--field", "folios=175", "--by", "A. Historian", "--note", "the file and sheet in "
                                 "the reading room's register", "--db", str(store_path)])
    assert result.exit_code == 0, result.output

    def held():
        with Store(store_path) as store:
            assert queries.archive_file(store, thirteen)["notes"] == 9
            moved = queries.archive_file(store, fourteen)
            assert (moved["notes"], moved["folios"], moved["cited_in"]) == \
                (1, ["175"], [{"source": seed_doc.source.id, "footnote": 7}])
        csl = json.loads(exported(store_path, "csljson"))
        [item] = [i for i in csl if i.get("archive_location") == "F. 0146, Op. 22, Pap. 192, D. 14"]
        assert item["type"] == "manuscript" and item["note"] == "Cited in note 7 (fol. 175)"
        assert "howpublished = {AVP RF, F. 0146, Op. 22, Pap. 192, D. 14},\n  note = {Cited in note 7 (fol. 175)}" \
            in exported(store_path, "bibtex")
        tei = exported(store_path, "tei", "--source", seed_doc.source.id)
        assert '<idno type="delo">14</idno>' in tei and '<citedRange unit="folio">175</citedRange>' in tei

    held()
    with Store(store_path) as store:
        store_again(store, seed_doc)
        [done] = corrections(store)
    held()
    assert done.machine == {"kind": "archival", "note": 7, "text": "AVP RF. F. 0146. Op. 22. Pap. 192. D. 13. L. 174.",
                            "fields": {"delo": "13", "folios": "174"}}


def test_an_ibid_repeats_the_correction_of_the_citation_it_repeats(store_path, seed_doc):
    with Store(store_path) as store:
        target = citation_target(store, seed_doc.source.id, 2)
        correct(store, Correction("citation", target, {"fields": {"publication_year": 1956}}))
        store_again(store, seed_doc)
        ibid = json.loads(store.db.execute("SELECT fields FROM citations WHERE source_id = ? AND footnote = 3",
                                           (seed_doc.source.id,)).fetchone()[0])
        assert ibid["resolved"]["publication_year"] == 1956 and ibid["pages"] == "66"  # its own page kept


def test_a_frus_series_read_as_an_archive_file_corrected_to_a_book_holds_through_a_fuller_ingest(tmp_path):
    """FRUS 1949 (d2), note 3: 'Department of State, Far Eastern Series No. 60: The Far Eastern
    Commission' is read as an archive file of the Department of State; it is a book of a series."""
    from legation.devdata import FRUS_EXCERPT
    from legation.store import queries

    db = tmp_path / "frus.db"
    assert runner.invoke(app, ["ingest", str(FRUS_EXCERPT), "--layers", "apparatus", "--db", str(db)]).exit_code == 0
    with Store(db) as store:
        source = store.db.execute("SELECT source_id FROM reports WHERE id = 'd2'").fetchone()[0]
        files = queries.citation_index(store)[0]
        cited = queries.archive_file(store, ("Department of State", None, None, None, None))["cited_in"]
    assert cited == [{"source": source, "footnote": 3}]  # an 'archive file' of no fond or file: the series
    assert "The Far Eastern Commission" not in exported(db, "csljson")
    result = runner.invoke(app, ["correct", "--source", source, "--footnote", "3", "--kind", "published",
                                 "--field", "title=The Far Eastern Commission", "--field", "series=Far Eastern Series",
                                 "--field", "volume=60", "--field", "publisher=Government Printing Office",
                                 "--field", "place=Washington", "--field", "publication_year=1953",
                                 "--field", "archive=", "--by", "A. Historian", "--db", str(db)])
    assert result.exit_code == 0, result.output
    # the same volume stored again with its actors: extracted afresh, its rows replaced
    again = runner.invoke(app, ["ingest", str(FRUS_EXCERPT), "--db", str(db)])
    assert again.exit_code == 0 and "32 ingested" in again.stdout, again.stdout
    with Store(db) as store:
        row = store.db.execute("SELECT kind, archive_id, fields FROM citations WHERE source_id = ? AND footnote = 3 "
                               "AND source_start = (SELECT min(source_start) FROM citations WHERE source_id = ? "
                               "AND footnote = 3)", (source, source)).fetchone()
        assert (row[0], row[1], json.loads(row[2])["title"]) == ("published", None, "The Far Eastern Commission")
        assert queries.archive_file(store, ("Department of State", None, None, None, None)) is None
        assert queries.citation_index(store)[0] == files - 1
    csl = json.loads(exported(db, "csljson"))
    [book] = [i for i in csl if i.get("title") == "The Far Eastern Commission"]
    assert (book["type"], book["volume"], book["publisher"], book["issued"]) == \
        ("book", "60", "Government Printing Office", {"date-parts": [[1953]]})
    assert not [i for i in csl if i.get("archive") == "Department of State" and "Far Eastern" in i.get("title", "")]


def test_citation_corrections_add_up_and_keep_what_the_machine_read(store_path, seed_doc):
    with Store(store_path) as store:
        target = citation_target(store, seed_doc.source.id, 7)
        correct(store, Correction("citation", target, {"fields": {"delo": "14"}}))
        done = correct(store, Correction("citation", target, {"fields": parse_fields(["folios=175"])}))
        assert done.value == {"fields": {"delo": "14", "folios": "175"}}
        assert done.machine["fields"] == {"delo": "13", "folios": "174"}
        assert len(corrections(store)) == 1


def test_the_command_line_names_what_it_cannot_correct(store_path, seed_doc):
    source = seed_doc.source.id
    cases = [(["--person", "smetanin", "--same-as", "smetanin"], "needs another person"),
             (["--person", "smetanin", "--same-as", "nobody-at-all"], "no person nobody-at-all"),
             (["--source", source, "--mention", "0-5", "--is", "smetanin"], "no person is mentioned at 0-5"),
             (["--source", source, "--mention", "twelve", "--is", "smetanin"], "--mention is START-END"),
             (["--source", source, "--footnote", "7", "--field", "delo"], "NAME=VALUE"),
             (["--source", source, "--footnote", "7", "--citation", "3", "--field", "delo=1"], "has 1 citation(s)"),
             (["--source", source, "--footnote", "7", "--kind", "letter"], "not 'letter'"),
             (["--source", source, "--event", "1", "--code", "999"], "'999' is no CAMEO code"),
             (["--person", "generalov", "--role", "temporary chargé d'affaires of the USSR in Tokyo", "--to", "1939-XI"],
              "YYYY-MM-DD")]
    for arguments, said in cases:
        result = runner.invoke(app, ["correct", *arguments, "--db", str(store_path)])
        assert result.exit_code == 2 and said in result.stderr, (arguments, result.stderr)
    merged = runner.invoke(app, ["correct", "--person", "generalov", "--same-as", "smetanin", "--db", str(store_path)])
    assert merged.exit_code == 0
    again = runner.invoke(app, ["correct", "--person", "generalov", "--side", "JPN", "--db", str(store_path)])
    assert again.exit_code == 2 and "generalov was merged into smetanin" in again.stderr


def test_every_kind_travels_to_a_fresh_store(store_path, tmp_path, seeds_db, seed_doc):
    from legation.store import queries

    source = seed_doc.source.id
    body = seed_doc.body
    start = body.index("The diplomat concluded")
    for arguments in (["--person", "zhukov-d-a", "--same-as", "malik"],
                      ["--source", source, "--mention", f"{start}-{start + 12}", "--name", "Nikolai Ivanovich Generalov"],
                      ["--person", "smetanin", "--role", "new USSR plenipotentiary representative in Tokyo", "--to",
                       "1942-02-26"],
                      ["--source", source, "--footnote", "7", "--field", "delo=14"]):
        result = runner.invoke(app, ["correct", *arguments, "--by", "A. Historian", "--db", str(store_path)])
        assert result.exit_code == 0, (arguments, result.output)
    shared = tmp_path / "all.jsonl"
    assert runner.invoke(app, ["corrections", "export", str(shared), "--db", str(store_path)]).exit_code == 0
    fresh = tmp_path / "fresh.db"
    shutil.copy(seeds_db, fresh)
    assert runner.invoke(app, ["corrections", "import", str(shared), "--db", str(fresh)]).exit_code == 0
    with Store(store_path) as mine, Store(fresh) as theirs:
        for store in (mine, theirs):
            assert queries.person(store, "zhukov-d-a") is None
            assert queries.person(store, "nikolai-ivanovich-generalov")["name"] == "Nikolai Ivanovich Generalov"
            assert queries.archive_file(store, ("AVP RF", "0146", "22", "192", "14"))["notes"] == 1
        assert [c.to_dict() for c in corrections(mine)] == [c.to_dict() for c in corrections(theirs)]
        assert queries.person(theirs, "malik")["mentions"] == queries.person(mine, "malik")["mentions"]
