"""A Zotero library given to ingest (issue 22, the Zotero round trip the other way): Zotero's
CSL-JSON and BibTeX exports read as a bibliography, kept in the store with each item's place in
its file, and the author–year citations and short forms of documents without a reference list
of their own linked to its items — in the documents ingested with it, later, and before it."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from conftest import FIXTURES, REPO
from legation.cli.main import app
from legation.errors import InputError
from legation.extract.library import LibraryIndex
from legation.formats.cited import bibliography_bibtex, bibliography_csl
from legation.ingest.bibliography import bibtex_name, latex_to_text, read_library
from legation.pipeline import extract_file
from legation.store import library as kept
from legation.store.contents import store_contents
from legation.store.sqlite import Store

ZOTERO = FIXTURES / "zotero"
CSL = ZOTERO / "library.json"
BIB = ZOTERO / "library.bib"
ARTICLE = ZOTERO / "article.md"
SEED_CITING = ZOTERO / "seed_citing.md"
SCHEMA = json.loads((REPO / "docs" / "json-contract.schema.json").read_text(encoding="utf-8"))
runner = CliRunner()

# what the fixture article cites, and the item each citation names (None: a work of no library)
ARTICLE_IN_TEXT = {
    "Haslam 1992: 45": "haslam1992soviet",
    "Молодяков 2012, с. 425": "molodyakov2012rossiya",  # Cyrillic, as the item
    "Ōhata 1976, p. 30": "ohata_anti-comintern_1976",  # {\=O}hata in the BibTeX
    "Ohata 1976, 31": "ohata_anti-comintern_1976",  # without the macron
    "Degtev 2025": "degtev2025khalkhin",
    "Iriye 1987: 12": None,
    "Ibid., p. 14": None,  # repeats Iriye
}
ARTICLE_NARRATIVE = {"Coox (1985, 914": "coox_nomonhan_1985",
                     "Molodyakov (2016, 5": "molodyakov_sovetsko-yaponskii_2016"}  # Latin key, Cyrillic item
ARTICLE_NOTES = [
    (1, "Hosoya, \"The Japanese-Soviet Neutrality Pact,\" 45", "hosoya1980japanesesoviet"),
    (1, "Slavinsky, Japanese-Soviet Neutrality Pact, 23.", "slavinsky_japanese-soviet_2004"),
    (2, "Ibid., 24.", "slavinsky_japanese-soviet_2004"),
    (2, "Togo, Cause of Japan, 201", "togo_cause_1956"),  # T{\=o}g{\=o}
    (2, "Haslam, Soviet Union and the Threat from the East, 112–14.", "haslam1992soviet"),
    (3, "Degtev 2025, 80", "degtev2025khalkhin"),
    (3, "Молодяков, Россия и Япония в поисках согласия, с. 425", "molodyakov2012rossiya"),
    (3, "Coox, Nomonhan, 914", "coox_nomonhan_1985"),
    (3, "Iriye, Origins of the Second World War, 12", None),
    (3, "AVP RF, f. 0146, op. 22, p. 192, d. 13, l. 170.", None),
]


def ingest(*args: object) -> object:
    return runner.invoke(app, ["ingest", *map(str, args), "--layers", "apparatus"], env={"COLUMNS": "200"})


def links(db: Path) -> tuple[dict[str, str | None], list[tuple[int, str, str | None]]]:
    connection = sqlite3.connect(db)
    try:
        in_text = dict(connection.execute("SELECT text, library FROM intext_citations ORDER BY seq"))
        notes = [tuple(row) for row in connection.execute(
            "SELECT footnote, text, library FROM citations ORDER BY seq")]
        for footnote, text, library in notes:  # the column and the citation's fields say the same
            stored = connection.execute("SELECT json_extract(fields, '$.library') FROM citations WHERE text = ?",
                                        (text,)).fetchone()[0]
            assert stored == library, text
        return in_text, notes
    finally:
        connection.close()


def unlinked_diagnostics(db: Path) -> list[str]:
    connection = sqlite3.connect(db)
    try:
        return sorted(row[0] for row in connection.execute(
            "SELECT message FROM diagnostics WHERE code = 'citation-without-reference'"))
    finally:
        connection.close()


# --- reading Zotero's exports --------------------------------------------------------------------

def test_zotero_csl_json_is_read_with_each_items_place_in_the_file():
    library = read_library(CSL)
    assert library.format == "csljson" and len(library.items) == 7 and library.notes == []
    keys = [item.id for item in library.items]
    assert keys[:5] == ["hosoya1980japanesesoviet", "hosoya1988ryotaisenkan", "molodyakov2012rossiya",
                        "haslam1992soviet", "degtev2025khalkhin"]  # Zotero 7's citation-key
    assert keys[5] == "http://zotero.org/users/8213904/items/A2F7LC5E"  # none: the item's id
    text = CSL.read_text(encoding="utf-8")
    for item, csl in zip(library.items, library.csl):
        assert json.loads(text[item.source_start:item.source_end]) == csl == json.loads(item.text)
    hosoya, kanji, molodyakov = library.items[:3]
    assert hosoya.year == 1980 and hosoya.type == "chapter" and hosoya.editors == [
        {"family": "Morley", "given": "James William"}]
    assert kanji.authors == [{"family": "細谷", "given": "千博"}] and kanji.label == "細谷 1988"
    assert molodyakov.authors == [{"family": "Молодяков", "given": "Василий Элинархович"}] and molodyakov.year == 2012
    manuscript = library.csl[5]
    assert manuscript["archive"] == "AVP RF" and manuscript["archive_location"] == "F. 0146, Op. 22, P. 192, D. 13"
    assert library.items[6].authors == [] and library.items[6].label == "Documents on German Foreign 1956"


def test_zotero_bibtex_is_read_with_latex_decoded_and_names_in_any_script():
    library = read_library(BIB)
    assert library.format == "bibtex" and len(library.items) == 7
    by_key = {item.id: item for item in library.items}
    ohata = by_key["ohata_anti-comintern_1976"]
    assert ohata.authors == [{"family": "Ōhata", "given": "Tokushirō"}]
    assert ohata.title == "The Anti-Comintern Pact, 1935–1939" and ohata.pages == "1–111"
    assert ohata.container == "Deterrent Diplomacy: Japan, Germany, and the USSR, 1935–1940"
    assert ohata.publisher == "Columbia University Press"  # @string{cup = …}
    assert ohata.translators == [{"family": "Baerwald", "given": "Hans H."}] and ohata.type == "chapter"
    assert by_key["togo_cause_1956"].translators[0] == {"family": "Tōgō", "given": "Fumihiko"}
    assert by_key["molodyakov_sovetsko-yaponskii_2016"].authors == [
        {"family": "Молодяков", "given": "Василий Элинархович"}]
    assert by_key["kudo_nisso_1998"].authors == [{"family": "工藤", "given": "美知尋"}]  # family name first
    assert by_key["gaimusho_1941"].authors == [{"family": "Gaimushō [Ministry of Foreign Affairs of Japan]"}]
    csl = dict(zip((item.id for item in library.items), library.csl))
    assert csl["slavinsky_japanese-soviet_2004"]["issued"] == {"date-parts": [[2004, 3]]}  # month = mar
    assert csl["gaimusho_1941"]["note"] == "Cited as Gaimushō 1941 & see also the 1940 file"
    assert csl["coox_nomonhan_1985"]["title-short"] == "Nomonhan"
    text = BIB.read_text(encoding="utf-8")
    for item in library.items:
        assert text[item.source_start:item.source_end] == item.text
        assert item.text.startswith("@") and item.text.rstrip().endswith("}") and f"{{{item.id}," in item.text


def test_the_bibtex_reader_agrees_with_bibtexparser():
    """bibtexparser (a test dependency, decoding LaTeX with pylatexenc) reads the same entries, at
    the same lines, with the same titles and names — but for a name in Japanese script, which it
    reads given name first, and an institution braced whole, which it splits."""
    import bibtexparser
    from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors, SplitNameParts

    text = BIB.read_text(encoding="utf-8")
    parsed = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware(), SeparateCoAuthors(),
                                                                 SplitNameParts()])
    assert parsed.failed_blocks == []
    library = read_library(BIB)
    assert [(e.key, e.start_line + 1) for e in parsed.entries] == [
        (item.id, text.count("\n", 0, item.source_start) + 1) for item in library.items]
    for entry, item in zip(parsed.entries, library.items):
        assert entry.fields_dict["title"].value == item.title
        if item.id not in ("kudo_nisso_1998", "gaimusho_1941"):
            assert [{"family": " ".join(n.von + n.last), "given": " ".join(n.first)}
                    for n in entry.fields_dict["author"].value] == item.authors


@pytest.mark.parametrize("written, meant", [
    (r"Tokushir{\=o}", "Tokushirō"), (r"{\=O}hata", "Ōhata"), (r"\'{E}cole", "École"), (r"Ca{\~n}ete", "Cañete"),
    (r"{\"u}ber", "über"), (r"\ss{}", "ß"), (r"{\o}ystein", "øystein"), (r"Ma\l{}ecki", "Małecki"),
    (r"\v{S}koda", "Škoda"), (r"\c{C}elik", "Çelik"), (r"Mar\'{\i}a", "María"), (r"A \& B, 50\%", "A & B, 50%"),
    (r"1939--1941", "1939–1941"), (r"\emph{Deterrent} {Diplomacy}", "Deterrent Diplomacy"),
    (r"a\textbackslash{}b", "a\\b"), (r"x\~{}y", "x~y"), (r"Japan\textquoteright s", "Japan’s"),
    ("Россия и Япония", "Россия и Япония"), ("両大戦間の{日本}外交", "両大戦間の日本外交"),
])
def test_latex_is_read_as_what_it_prints(written, meant):
    assert latex_to_text(written) == meant


@pytest.mark.parametrize("written, name", [
    ("Hosoya, Chihiro", {"family": "Hosoya", "given": "Chihiro"}),
    ("Chihiro Hosoya", {"family": "Hosoya", "given": "Chihiro"}),
    ("細谷 千博", {"family": "細谷", "given": "千博"}),
    ("細谷千博", {"family": "細谷千博"}),
    ("Молодяков, Василий", {"family": "Молодяков", "given": "Василий"}),
    ("Василий Молодяков", {"family": "Молодяков", "given": "Василий"}),
    ("van der Zwaan, Janneke", {"family": "van der Zwaan", "given": "Janneke"}),
    ("Ludwig van Beethoven", {"family": "van Beethoven", "given": "Ludwig"}),
    ("Smith, Jr, John", {"family": "Smith", "given": "John", "suffix": "Jr"}),
    ("{Ministry of Foreign Affairs of Japan}", {"literal": "Ministry of Foreign Affairs of Japan"}),
    (r"{\=O}hata, Tokushir{\=o}", {"family": "Ōhata", "given": "Tokushirō"}),
])
def test_bibtex_names(written, name):
    assert bibtex_name(written) == name


MALFORMED = [
    ("bad.json", "", "empty file"),
    ("bad.json", '[{"id": "a", "type": "book"},', "not closed"),
    ("bad.json", '[{"id": "a", "type": "book" "title": "x"}]', "not valid JSON"),
    ("bad.json", '{"items": [{"id": "a", "type": "book"}]}', "not CSL-JSON"),
    ("bad.json", "[]", "no items"),
    ("bad.json", '[{"id": "a", "type": "book"}, "b"]', "item 2"),
    ("bad.json", '[{"type": "book", "title": "No id"}]', "has no id"),
    ("bad.json", '[{"id": "a", "type": "book", "author": "Hosoya"}]', "'author' is not a list of names"),
    ("bad.json", '[{"id": "a", "type": "book", "issued": 1976}]', "'issued' is not a date object"),
    ("bad.bib", "@book{hosoya1976,\n  title = {The {Tripartite Pact},\n  year = 1976,\n}\n", "unbalanced braces"),
    ("bad.bib", "@book{hosoya1976,\n  title {The Tripartite Pact},\n}\n", "'=' expected"),
    ("bad.bib", "@book{hosoya1976,\n  publisher = cup,\n}\n", "undefined string 'cup'"),
    ("bad.bib", "@book{,\n  title = {x},\n}\n", "no citation key"),
    ("bad.bib", "Hosoya, The Tripartite Pact, 1976.\n", "neither CSL-JSON"),
    ("bad.bib", "@comment{only a comment}\n", "no items"),
]


@pytest.mark.parametrize("name, content, problem", MALFORMED, ids=[m[2] for m in MALFORMED])
def test_a_malformed_bibliography_is_refused_in_one_line_naming_the_file(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        read_library(path)
    message = str(raised.value)
    assert message.startswith(f"{path}: ") and problem in message and "\n" not in message


def test_a_bibliography_not_in_utf8_is_refused(tmp_path):
    path = tmp_path / "latin1.bib"
    path.write_bytes("@book{x, author = {Ōhata}}".encode("utf-16"))
    with pytest.raises(InputError, match="not UTF-8"):
        read_library(path)


def test_ingest_stops_on_a_malformed_bibliography_and_stores_nothing(tmp_path):
    bad = tmp_path / "library.json"
    bad.write_text('[{"id": "a", "type": "book"}, {"type": "book"}]', encoding="utf-8")
    db = tmp_path / "store.db"
    result = ingest(bad, ARTICLE, "--db", db)
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {bad}: not CSL-JSON: item 2 (line 1) has no id"]
    assert not db.exists()  # nothing stored, not even the article
    again = runner.invoke(app, ["ingest", str(ARTICLE), "--bibliography", str(bad), "--db", str(db)])
    assert again.exit_code == 2 and not db.exists()


# --- links ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def linked_db(tmp_path_factory) -> Path:
    """The two Zotero exports and the article that cites their works without a reference list."""
    db = tmp_path_factory.mktemp("zotero") / "store.db"
    result = ingest(CSL, BIB, ARTICLE, "--db", db)
    assert result.exit_code == 0, result.output
    assert f"{CSL}: bibliography (CSL-JSON) of 7 items, kept" in result.output
    assert f"{BIB}: bibliography (BibTeX) of 7 items, kept" in result.output
    return db


def test_citations_without_a_reference_list_link_to_the_library(linked_db):
    in_text, notes = links(linked_db)
    assert in_text == {**ARTICLE_IN_TEXT, **ARTICLE_NARRATIVE}
    assert notes == ARTICLE_NOTES
    # only what no library holds is said to be without a reference
    assert unlinked_diagnostics(linked_db) == [
        "[Ibid., p. 14] at body offset 803: ibid. after a citation without a reference",
        "[Iriye 1987: 12] at body offset 739: no reference by 'Iriye' from 1987"]


def test_the_library_is_kept_with_each_items_file_and_place(linked_db):
    with Store(linked_db, readonly=True) as store:
        files = {row["path"]: row for row in kept.libraries(store)}
        assert set(files) == {str(CSL), str(BIB)} and files[str(BIB)]["items"] == 7
        assert files[str(CSL)]["format"] == "csljson" and len(files[str(CSL)]["sha256"]) == 64
        ohata = kept.library_item(store, "ohata_anti-comintern_1976")
        text = BIB.read_text(encoding="utf-8")
        assert ohata["path"] == str(BIB) and ohata["seq"] == 0
        assert text[ohata["source_start"]:ohata["source_end"]].startswith("@incollection{ohata_anti-comintern_1976,")
        assert ohata["csl"]["author"] == [{"family": "Ōhata", "given": "Tokushirō"}]
        assert [(c["place"], c["footnote"], c["text"]) for c in ohata["citations"]] == [
            ("text", None, "Ōhata 1976, p. 30"), ("text", None, "Ohata 1976, 31")]
        haslam = kept.library_item(store, "haslam1992soviet")
        assert [(c["place"], c["footnote"], c["pages"]) for c in haslam["citations"]] == [
            ("text", None, "45"), ("note", 2, "112–14")]
        body = store.db.execute("SELECT body FROM sources").fetchone()[0]
        assert all(body[c["start"]:c["end"]] == c["text"] for c in haslam["citations"] if c["place"] == "text")
        assert kept.linked_of_library(store, files[str(BIB)]["id"]) == 8  # 4 in the text, 4 in notes


def test_the_same_library_again_changes_nothing(linked_db, tmp_path):
    db = tmp_path / "again.db"
    shutil.copy(linked_db, db)
    before = store_contents(db)
    result = ingest(BIB, CSL, "--db", db)
    assert result.exit_code == 0
    assert f"{BIB}: bibliography (BibTeX) of 7 items, unchanged; 8 citations link to it" in result.output
    assert store_contents(db) == before
    copy = tmp_path / "copy.bib"
    shutil.copy(BIB, copy)
    result = ingest(copy, "--db", db)
    assert result.exit_code == 0 and f"{copy}: bibliography (BibTeX) of 7 items, the same as {BIB}" in result.output
    assert store_contents(db) == before


def test_a_document_ingested_before_its_library_links_to_it(linked_db, tmp_path):
    db = tmp_path / "before.db"
    assert ingest(ARTICLE, "--db", db).exit_code == 0
    assert set(links(db)[0].values()) == {None} and len(unlinked_diagnostics(db)) == 7
    assert ingest("--bibliography", CSL, "--bibliography", BIB, "--db", db).exit_code == 0
    in_text, notes = links(db)
    assert in_text == ARTICLE_IN_TEXT  # the narrative readings ("Coox (1985, 914)") were dropped before
    assert notes == ARTICLE_NOTES
    assert unlinked_diagnostics(db) == unlinked_diagnostics(linked_db)


def test_a_changed_library_replaces_the_old_one_and_its_links(tmp_path):
    db = tmp_path / "changed.db"
    bib = tmp_path / "library.bib"
    shutil.copy(BIB, bib)
    assert ingest(bib, ARTICLE, "--db", db).exit_code == 0
    assert links(db)[0]["Coox (1985, 914"] == "coox_nomonhan_1985"
    text = bib.read_text(encoding="utf-8")
    start = text.index("@book{coox_nomonhan_1985")
    bib.write_text(text[:start] + text[text.index("@book{slavinsky", start):], encoding="utf-8")
    result = ingest(bib, "--db", db)
    assert result.exit_code == 0 and "of 6 items, kept" in result.output
    in_text, notes = links(db)
    assert "Coox (1985, 914" not in in_text  # a narrative reading no work backs: no citation
    assert in_text["Ohata 1976, 31"] == "ohata_anti-comintern_1976"
    assert [library for _, text_, library in notes if text_.startswith(("Coox", "Slavinsky"))] == [
        "slavinsky_japanese-soviet_2004", None]
    with Store(db, readonly=True) as store:
        assert [(row["path"], row["items"]) for row in kept.libraries(store)] == [(str(bib), 6)]
        assert kept.library_item(store, "coox_nomonhan_1985") is None
    shutil.copy(BIB, bib)  # and back: the item and its links return (not the narrative reading: see above)
    assert ingest(bib, "--db", db).exit_code == 0
    assert [library for _, text_, library in links(db)[1] if text_.startswith("Coox")] == ["coox_nomonhan_1985"]


def test_documents_ingested_later_link_to_the_kept_library(linked_db, tmp_path):
    db = tmp_path / "later.db"
    assert ingest(CSL, "--db", db).exit_code == 0
    later = tmp_path / "later.md"
    later.write_text("# Later\n\nThe pact was studied early (Haslam 1992: 60), and again in Moscow "
                     "[Molodyakov 2012, p. 9].[^1]\n\n[^1]: Hosoya, Japanese-Soviet Neutrality Pact, 50.\n",
                     encoding="utf-8")
    assert ingest(later, "--db", db).exit_code == 0
    in_text, notes = links(db)
    assert in_text == {"Haslam 1992: 60": "haslam1992soviet", "Molodyakov 2012, p. 9": "molodyakov2012rossiya"}
    assert notes == [(1, "Hosoya, Japanese-Soviet Neutrality Pact, 50.", "hosoya1980japanesesoviet")]


def test_a_documents_own_reference_list_goes_first(tmp_path):
    own = tmp_path / "own.md"
    own.write_text("# Own list\n\nThe war began in the east (Coox 1985, 10) and ended in the west (Haslam 1992, 7)."
                   "[^1]\n\n[^1]: Coox, Nomonhan, 12; Haslam, Threat from the East, 8.\n\n## References\n\n"
                   "Coox, Alvin D. 1985. Nomonhan: Japan against Russia, 1939. Stanford: Stanford University Press.\n",
                   encoding="utf-8")
    doc = extract_file(own, ("apparatus",), LibraryIndex(read_library(CSL).items + read_library(BIB).items))
    assert [(c.text, c.reference, c.library) for c in doc.intext_citations] == [
        ("Coox 1985, 10", "coox-1985", None), ("Haslam 1992, 7", None, "haslam1992soviet")]
    assert [c.fields.get("library") for c in doc.citations] == [None, "haslam1992soviet"]


def test_the_library_travels_to_a_worker_whole():
    """The index a Dask worker unpickles links as the one pickled (only the items travel)."""
    import pickle

    index = LibraryIndex(read_library(CSL).items + read_library(BIB).items)
    again = pickle.loads(pickle.dumps(index))
    first, second = extract_file(ARTICLE, ("apparatus",), index), extract_file(ARTICLE, ("apparatus",), again)
    assert [c.library for c in first.intext_citations] == [c.library for c in second.intext_citations]
    assert [c.fields.get("library") for c in first.citations] == [c.fields.get("library") for c in second.citations]


def test_a_note_names_an_item_by_its_authors_family_name_and_spelled_alike_only_with_a_title():
    from conftest import resolved_notes
    from legation.extract.library import link_notes
    from legation.model import Reference

    index = LibraryIndex([
        Reference("johnston1990", "Johnston 1990", "", [{"family": "Johnston", "given": "A."}], 1990, "Deterrence"),
        Reference("molodyakov2012", "Molodyakov 2012", "", [{"family": "Molodyakov"}], 2012,
                  "Rossiya i Yaponiya v poiskakh soglasiya"),
        Reference("molodyakov2016", "Молодяков 2016", "", [{"family": "Молодяков"}], 2016, "Советско-японский пакт")])
    citations, _ = resolved_notes("Johnson 1990, 12.", "Johnston 1990, 12.", "Molodjakov, Rossiya i Yaponiya, 5.",
                                  "Molodjakov 2012, 5.", "Molodyakov 2016, 7.", "Johnston, 3.")
    link_notes(citations, index)
    assert [c.fields.get("library") for c in citations] == [
        None,  # another man of a name spelled alike: no title to tell
        "johnston1990", "molodyakov2012",  # Molodjakov: the title confirms the work
        None, "molodyakov2016",  # across scripts, spelled alike
        "johnston1990"]  # his one work


def test_library_command_shows_the_items_and_their_citations(linked_db):
    result = runner.invoke(app, ["library", "--db", str(linked_db), "--key", "slavinsky_japanese-soviet_2004"],
                           env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "item 3, characters" in result.output and "2 citations" in result.output
    assert "Slavinsky, Japanese-Soviet Neutrality Pact, 23." in result.output and "note 2" in result.output
    listed = json.loads(runner.invoke(app, ["library", "--db", str(linked_db), "--json"]).stdout)
    counts = {item["key"]: (item["in_text"], item["in_notes"]) for item in listed["items"]}
    assert counts["degtev2025khalkhin"] == (1, 1) and counts["kudo_nisso_1998"] == (0, 0)
    missing = runner.invoke(app, ["library", "--db", str(linked_db), "--key", "nobody1900"])
    assert missing.exit_code == 2


def test_extract_json_shows_the_links_and_keeps_the_contract():
    result = runner.invoke(app, ["extract", str(ARTICLE), "--json", "--bibliography", str(CSL),
                                 "--bibliography", str(BIB)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    assert {c["text"]: c["library"] for c in data["intext_citations"]} == {**ARTICLE_IN_TEXT, **ARTICLE_NARRATIVE}
    assert [c.get("library") for c in data["citations"]] == [library for _, _, library in ARTICLE_NOTES]


def test_a_parquet_dataset_links_to_the_bibliographies_named(tmp_path):
    import pyarrow.parquet as pq

    result = ingest(BIB, ARTICLE, "--parquet", tmp_path / "ds")
    assert result.exit_code == 0, result.output
    table = pq.read_table(tmp_path / "ds" / "intext_citations").to_pydict()
    assert dict(zip(table["text"], table["library"]))["Ōhata 1976, p. 30"] == "ohata_anti-comintern_1976"


# --- the round trip: the seed's export back in ------------------------------------------------------

SEED_LINKS_IN_TEXT = {"Degtev 2025": "degtev2025khalkhin", "Hosoya 1976, p. 193": "hosoya-1976",
                      "Molodyakov 2012, p. 425": "molodyakov-2012",
                      "SSSR i strany Vostoka 2010, p. 76": "sssr-i-strany-vostoka-nakanune-i-2010"}
SEED_LINKS_IN_NOTES = [(1, "togo-1996"), (1, "hosoya-1976"), (2, "korshenko-2018"), (2, "korshenko-2018"),
                       (2, "filippov-2021"), (3, "foreign1955relations")]


@pytest.mark.parametrize("fmt", ["csljson", "bibtex"])
def test_the_seeds_export_read_back_is_what_a_new_article_cites(seeds_store, tmp_path, fmt):
    """legation's own CSL-JSON or BibTeX of the seeds (their works, reference lists, archive files
    and the volumes their notes cite), ingested as a library into a fresh store with an article
    that cites those works by author and year and by short forms, with no reference list."""
    exported = tmp_path / ("seeds.json" if fmt == "csljson" else "seeds.bib")
    items = bibliography_csl(seeds_store)
    exported.write_text(json.dumps(items, ensure_ascii=False, indent=2) if fmt == "csljson"
                        else bibliography_bibtex(seeds_store), encoding="utf-8")
    library = read_library(exported)
    assert [item.id for item in library.items] == [item["id"] for item in items]
    for item, csl in zip(library.items, items):  # what matters for linking comes back as it went out
        assert item.title == " ".join(csl.get("title", "").split()) or not csl.get("title")
        assert (item.year, [a["family"] for a in item.authors]) == (
            ((csl.get("issued") or {}).get("date-parts") or [[None]])[0][0],
            [a["family"] for a in csl.get("author", [])])
    db = tmp_path / "fresh.db"
    result = ingest(exported, SEED_CITING, "--db", db)
    assert result.exit_code == 0, result.output
    in_text, notes = links(db)
    assert in_text == SEED_LINKS_IN_TEXT
    assert [(footnote, library) for footnote, _, library in notes] == SEED_LINKS_IN_NOTES
    assert unlinked_diagnostics(db) == []
