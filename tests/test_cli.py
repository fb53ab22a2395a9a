"""The command line: the JSON contract, ingestion of good and bad files, exports, parse-refs."""

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from legation.cli import app
from legation.store.sqlite import Store
from conftest import ABSTRACT_PAGE, FULL_TEXT, REPO, SEED_TEXTS

runner = CliRunner()
SCHEMA = json.loads((REPO / "docs" / "json-contract.schema.json").read_text())


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def seed_json():
    result = run("extract", FULL_TEXT, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_extract_json_follows_the_contract(seed_json):
    jsonschema.validate(seed_json, SCHEMA)
    assert seed_json["work"]["id"] == "doi:10.55105/2658-6444-2025-1-73-92"
    assert list(seed_json)[:1] == ["source"]
    for key in ("work", "body", "footnotes", "citations", "intext_citations", "references", "diagnostics"):
        assert key in seed_json


def test_extract_json_facts(seed_json):
    notes = seed_json["footnotes"]
    assert len(notes) == 44 and sum(n["number_inferred"] for n in notes) == 2
    anchor = notes[1]["anchor"]
    assert seed_json["body"][anchor["start"]:anchor["end"]].endswith("stunned by the actions of the Germans.")
    ibid = next(c for c in seed_json["citations"] if c["kind"] == "ibid")
    assert ibid["resolved"]["footnote"] == 2 and ibid["pages"] == "66"
    first = seed_json["intext_citations"][0]
    assert first["reference"] == "molodyakov-2012" and first["pages"] == "425"
    assert {r["label"] for r in seed_json["references"]} >= {"Molodyakov 2012", "1941 god 1998",
                                                             "Dokumenty vneshnei politiki 1992"}


def test_abstract_page_follows_the_contract():
    result = run("extract", ABSTRACT_PAGE, "--json")
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    assert len(data["references"]) == 14 and data["footnotes"] == []
    assert data["work"]["id"] == "doi:10.55105/2658-6444-2025-1-73-92"


@pytest.mark.parametrize("content, problem", [
    (b"", "empty file"), (b"\x00\x00PK\x03\x04", "binary file"), (b"\xff\xfe\xfa bad", "not UTF-8"),
])
def test_extract_bad_input_one_line_exit_2(tmp_path, content, problem):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = run("extract", path, "--json")
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and problem in lines[0] and "bad.txt" in lines[0]


def test_ingest_batch_with_bad_files_stores_the_rest(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "good.txt").write_bytes(FULL_TEXT.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "latin1.txt").write_bytes("Caf\xe9".encode("latin-1"))
    db = tmp_path / "s.db"
    result = run("ingest", folder, "--db", db)
    assert result.exit_code == 2
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2 and all(("empty.txt" in e) or ("latin1.txt" in e) for e in errors)
    index = json.loads(run("citations", "--db", db, "--json").stdout)
    assert sum(row["notes"] for row in index) == 34
    again = run("ingest", folder / "good.txt", "--db", db)
    assert again.exit_code == 0 and "unchanged" in again.stdout


def test_ingest_seeds_then_works_refs_and_check(tmp_path):
    db = tmp_path / "s.db"
    assert run("ingest", *SEED_TEXTS, "--db", db).exit_code == 0
    works = json.loads(run("works", "--db", db, "--json").stdout)
    assert len(works) == 1 and len(works[0]["sources"]) == 2
    csl = json.loads(run("refs", "--db", db, "--format", "csljson").stdout)
    assert len(csl) == 15 and all(item["id"] and item["type"] for item in csl)
    assert csl[0]["id"] == "1941-god-1998" and csl[-1]["id"] == "voennaya-razvedka-informiruet-2008"
    bibtex = run("refs", "--db", db, "--format", "bibtex").stdout
    assert bibtex.count("\n@") + bibtex.startswith("@") == 15
    report = json.loads(run("check", "--db", db, "--json").stdout)
    assert sorted(r["footnote"] for r in report if r["code"] == "note-without-marker") == [1, 7, 15, 36]
    assert run("refs", "--db", db, "--format", "ris").exit_code == 2


def test_parse_refs_one_object_per_line(tmp_path):
    lines = [
        "AVP RF. F. 0146. Op. 22. Pap. 192. D. 13. L. 258–259.",
        "ГА РФ. Ф. Р-4459. Оп. 27. Д. 590. Л. 1 об.",
        "Nichibei Shimbun. 23.09.1939.",
        "FRUS, 1939. Vol. III, the Far East. Washington: United Press Government Printing Office, 1955. P. 51.",
        "Molodyakov, V. E. (2012). Rossiya i Yaponiya v poiskakh soglasiya (1905–1945) [Russia and Japan in Search "
        "of Amity (1905–1945)]. Moscow: AIRO-XXI. (In Russian).",
    ]
    path = tmp_path / "refs.txt"
    path.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    result = run("parse-refs", path)
    assert result.exit_code == 0
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(objects) == 5
    assert objects[0]["kind"] == "archival" and objects[0]["folio_last"] == 259
    assert objects[1]["fond"] == "Р-4459" and objects[1]["verso"] is True
    assert objects[2]["date"] == "1939-09-23"
    assert objects[3]["volume"] == "III" and objects[3]["page"] == "51"
    book = objects[4]
    assert book["author"] == [{"family": "Molodyakov", "given": "V. E."}]
    assert book["issued"] == {"date-parts": [[2012]]} and book["publisher"] == "AIRO-XXI"
    assert book["publisher-place"] == "Moscow"


def test_directory_with_a_broken_link_and_other_formats(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "good.md").write_bytes(FULL_TEXT.read_bytes())
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4 ...")
    (folder / "slides.pptx").write_bytes(b"PK\x03\x04 ...")
    (folder / "gone.txt").symlink_to(folder / "nowhere.txt")
    result = run("ingest", folder, "--db", tmp_path / "s.db")
    assert result.exit_code == 2
    assert "gone.txt: broken symbolic link" in result.stderr
    assert "scan.pdf: truncated or damaged PDF" in result.stderr  # a PDF is read, and this one fails
    assert "skipped 1 file(s) that are not .docx, .markdown, .md, .pdf" in result.stderr  # the slides
    assert "ingested" in result.stdout


def test_a_broken_pdf_named_directly_gets_a_clear_message(tmp_path):
    pdf = tmp_path / "article.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    result = run("ingest", pdf, "--db", tmp_path / "s.db")
    assert result.exit_code == 2
    assert "article.pdf: truncated or damaged PDF" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_unreadable_file_is_reported_and_the_rest_ingested(tmp_path, monkeypatch):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "good.md").write_bytes(FULL_TEXT.read_bytes())
    (folder / "locked.txt").write_text("some text")
    real_open = Path.open

    def open_file(self, *args, **kwargs):
        if self.name == "locked.txt":  # root reads any file, so permission is denied by hand
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_file)
    db = tmp_path / "s.db"
    result = run("ingest", folder, "--db", db)
    assert result.exit_code == 2
    assert result.stderr.strip().endswith("locked.txt: cannot be read (Permission denied)")
    assert json.loads(run("works", "--db", db, "--json").stdout)[0]["sources"][0]["path"].endswith("good.md")


PARSE_REFS_LINES = [
    "AVP RF. F. 0146. Op. 22. Pap. 192. D. 13. L. 258–259.",
    "TNA, FO 371/23561, F 1234/87/23.",
    "Hosoya, C. (1976). The Tripartite Pact, 1939–1940. In J. W. Morley (Ed.), Deterrent Diplomacy: Japan, "
    "Germany, and the USSR, 1935–1940 (pp. 191–257). New York: Columbia University Press.",
    "Haslam, Jonathan. The Soviet Union and the Threat from the East, 1933–41. London: Macmillan, 1992.",
]


def test_parse_refs_formats(tmp_path):
    from test_export import CSL_JSON

    path = tmp_path / "refs.txt"
    path.write_text("\n".join(PARSE_REFS_LINES) + "\n", encoding="utf-8")
    lines = [json.loads(line) for line in run("parse-refs", path, "--format", "json").stdout.splitlines()]
    assert [o["source_type"] for o in lines] == ["primary", "primary", "secondary", "secondary"]
    assert lines[1]["kind"] == "archival"
    items = json.loads(run("parse-refs", path, "--format", "csljson").stdout)
    jsonschema.validate(items, CSL_JSON)
    assert len(items) == 2 and {i["type"] for i in items} == {"chapter", "book"}
    haslam = next(i for i in items if i["author"][0]["family"] == "Haslam")
    assert haslam["issued"] == {"date-parts": [[1992]]} and haslam["publisher"] == "Macmillan"
    bibtex = run("parse-refs", path, "--format", "bibtex").stdout
    assert bibtex.count("@") == 2 and "Haslam" in bibtex
    assert run("parse-refs", path, "--format", "ris").exit_code == 2


def test_parse_refs_resolves_back_references_across_lines(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("\n".join([
        "V. E. Molodyakov, Rossiya i Yaponiya (Moscow: AIRO-XXI, 2012), p. 425.",
        "PA AA, R 29843, Bl. 12.",
        "Ebd., Bl. 14.",
        "",
        "Molodyakov, op. cit., p. 12.",
    ]) + "\n", encoding="utf-8")
    book, archival, ebd, op_cit = [json.loads(line) for line in run("parse-refs", path).stdout.splitlines()]
    assert archival["source_type"] == "primary" and archival["signature"] == "R 29843"
    assert ebd["kind"] == "ibid" and ebd["resolved"]["signature"] == "R 29843" and ebd["page_first"] == 14
    assert ebd["source_type"] == "primary"
    assert op_cit["refers_to"] == {"footnote": 1, "index": 0}  # footnote: the line's number
    assert op_cit["title"] == "Rossiya i Yaponiya" and op_cit["publisher"] == "AIRO-XXI" and op_cit["page"] == "12"
    assert book["source_type"] == "secondary"


# --- the first hour at a terminal -----------------------------------------------------------------

COMMANDS = ("ingest", "extract", "citations", "refs", "parse-refs", "works", "check", "people", "quotes", "events",
            "relations", "network", "export", "report", "serve")


@pytest.mark.parametrize("command", [(), *((c,) for c in COMMANDS)], ids=lambda c: " ".join(c) or "legation")
def test_help_is_plain_text_that_fits_80_columns(command):
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert "<str>" not in result.output and "<bool>" not in result.output and "<path>" not in result.output
    assert max(len(line) for line in result.output.splitlines()) <= 80


def test_version_and_python_dash_m():
    import subprocess
    import sys

    from legation import __version__

    assert run("--version").stdout.strip() == f"legation {__version__}"
    module = subprocess.run([sys.executable, "-m", "legation", "--version"], capture_output=True, text=True)
    assert module.returncode == 0 and module.stdout.strip() == f"legation {__version__}"


@pytest.mark.parametrize("command", ["works", "citations", "people", "check", "events", "network"])
def test_a_read_command_on_a_missing_store_says_so_and_creates_nothing(tmp_path, command):
    missing = tmp_path / "nothere.db"
    result = run(command, "--db", missing)
    assert result.exit_code == 2 and "no such store" in result.output
    assert not missing.exists()


def test_serve_refuses_a_file_that_is_not_a_store_in_one_line(tmp_path):
    notadb = tmp_path / "notadb.db"
    notadb.write_text("hello\n")
    result = run("serve", "--db", notadb)
    assert result.exit_code == 2
    assert [line for line in result.output.splitlines() if line.strip()] == [
        f"error: {notadb}: not a legation store (file is not a database)"]


def test_the_same_content_under_another_name_is_said_to_be_the_same(tmp_path):
    copy = tmp_path / "copy.txt"
    copy.write_bytes(ABSTRACT_PAGE.read_bytes())
    db = tmp_path / "s.db"
    first = runner.invoke(app, ["ingest", str(ABSTRACT_PAGE), str(copy), "--db", str(db), "--layers", "apparatus"],
                          env={"COLUMNS": "200"})
    assert first.exit_code == 0 and f"the same as {ABSTRACT_PAGE}" in first.output
    again = runner.invoke(app, ["ingest", str(copy), str(ABSTRACT_PAGE), "--db", str(db), "--layers", "apparatus"],
                          env={"COLUMNS": "200"})
    lines = {line.split()[0]: line for line in again.output.splitlines() if line.split()}
    assert f"the same as {ABSTRACT_PAGE}" in lines["copy.txt"] and "unchanged" in lines[ABSTRACT_PAGE.name]
    with Store(db, readonly=True) as store:
        stored = store.db.execute("SELECT id FROM sources").fetchone()[0]
        assert [[(s["id"], s["path"]) for s in w["sources"]] for w in store.works()] == [[(stored, str(ABSTRACT_PAGE))]]


def test_the_contract_holds_for_us_archival_notes_and_a_tei_article(tmp_path):
    article = tmp_path / "essay.md"
    article.write_text("# An Essay\n\nThe memorandum went to Noble in March.[^1] The files were moved.[^2]\n\n"
                       "[^1]: Perkins to Noble, March 23, 1951.\n"
                       "[^2]: WTC Lot File 83D222, Box 5, RG 59, NARA.\n", encoding="utf-8")
    tei = tmp_path / "essay.xml"
    tei.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title>'
                   '</titleStmt></fileDesc></teiHeader><text><body><p>A claim.<note n="1">Ibid.</note></p></body>'
                   '</text></TEI>', encoding="utf-8")
    for path in (article, tei):
        result = run("extract", path, "--json")
        assert result.exit_code == 0, result.output
        jsonschema.validate(json.loads(result.stdout), SCHEMA)
    kinds = [c["kind"] for c in json.loads(run("extract", article, "--json").stdout)["citations"]]
    assert kinds == ["archival", "archival"]


def test_check_reads_a_manuscript_without_storing_it(tmp_path):
    manuscript = tmp_path / "draft.md"
    manuscript.write_text(
        "The envoy protested.[^1] He protested again.[^2] See Ibid.[^3]\n\n"
        "[^1]: AVP RF. F. 0146. Op. 22. Pap. 192. D. 13. L. 258.\n"
        "[^2]: AVP RF. F. 0146. Op. 22. D. 13. L. 260.\n"
        "[^3]: GARF. F. R-5446. Op. 1. D. 7. L. 3.\n", encoding="utf-8")
    result = run("check", manuscript, "--db", tmp_path / "never.db", "--json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    [row] = [r for r in rows if r["code"] == "archive-file-cited-differently"]
    assert row["footnote"] == 2 and "papka 192 in note 1 and without it in note 2" in row["message"]
    assert not (tmp_path / "never.db").exists()  # nothing stored
    result = run("check", tmp_path / "missing.docx")
    assert result.exit_code == 2 and "missing.docx: no such file or directory" in result.stderr
