"""Every query legation makes of a store is answered from an index, at the size of a series.

Each named query of ``legation.store.queries`` (``QUERIES``) is planned with EXPLAIN QUERY PLAN,
with representative parameters, over a store built from the bundled examples; a full SCAN of a
table of the store fails the test unless the query says why it must read the whole table (a
corpus-wide count or ranking, an export of everything). With no ANALYZE statistics SQLite plans
by the schema alone, so the plan over the examples is the plan over 96 volumes.

The web pages and the read commands are then run with every statement they send traced: each is
one of the named queries (no SQL is written outside ``legation.store``), and its plan, values
bound, passes the same check. So does every statement the writer sends to store a document
again (a changed file replacing its earlier version).
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import warnings
from pathlib import Path
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from legation.devdata import EXAMPLES, FULL_TEXT
from legation.store import library, queries, search  # noqa: F401  (search and library register their queries)
from legation.store.queries import QUERIES, Query

with warnings.catch_warnings():  # starlette's note about httpx's successor, not about this code
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

runner = CliRunner()


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory) -> Path:
    """The bundled examples (the seed article, its abstract page, the PDF lesson, 32 FRUS
    documents) ingested by the command line, both layers."""
    from legation.cli.main import app

    path = tmp_path_factory.mktemp("plans") / "examples.db"
    result = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="module")
def db(examples_db) -> sqlite3.Connection:
    connection = sqlite3.connect(f"file:{examples_db}?mode=ro", uri=True)
    connection.row_factory = sqlite3.Row
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def large_tables(db) -> set[str]:
    """Every table of the store but meta and the full-text indexes' own."""
    return {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if row[0] != "meta" and not row[0].startswith("search_")}


@pytest.fixture(scope="module")
def sample(db) -> SimpleNamespace:
    """Representative values from the examples store."""
    one = lambda sql, *args: db.execute(sql, args).fetchone()  # noqa: E731
    seed = one("SELECT id, sha256, path, work_id FROM sources WHERE path = ?", str(FULL_TEXT))
    report = one("SELECT source_id FROM reports ORDER BY source_id LIMIT 1")[0]
    frus_work = one("SELECT work_id FROM sources WHERE id = ?", report)[0]
    pair = one("SELECT source, target FROM events WHERE source IN (SELECT id FROM persons) "
               "AND target IN (SELECT id FROM persons) AND source != target LIMIT 1")
    archival = one("SELECT archive_id, fond, opis, papka, delo FROM citations WHERE archive_id IS NOT NULL LIMIT 1")
    return SimpleNamespace(
        seed=seed["id"], sha256=seed["sha256"], path=seed["path"], work=seed["work_id"], report=report,
        frus_work=frus_work, person="smetanin", pair=(pair[0], pair[1]), sides=("JPN", "USSR"),
        file=dict(zip(queries.FILE_COLUMNS, archival)), match='"Smetanin"', ids=queries.id_list([seed["id"], report]),
        people=queries.id_list(["smetanin", "molotov", "togo"]))


def representative(name: str, s: SimpleNamespace) -> object:
    """The parameters each named query is planned with."""
    page = {"limit": 100, "offset": 0}
    quote_filters = {"speakers": queries.id_list([s.person]), "addressee": None, "side": None, "start": None,
                     "end": None, "medium": None, **page}
    quote_lead = {**quote_filters, **({"addressee": "molotov"} if "addressee" in name else {}),
                  **({"start": "1939", "end": "1940"} if "period" in name else {})}
    hits = {"open": "[", "close": "]", "match": s.match, **page}
    # the queries of a list, one per sort key and direction
    families = {
        "count_": lambda: {"ids": s.ids} if name.endswith("_of_sources") else (),
        "quotes_count_by_": lambda: quote_lead,
        "quotes_page_": lambda: quote_lead,
        "works_page_by_": lambda: page,
        "work_sources_page_by_": lambda: {"work": s.frus_work, **page},
        "people_ranked_by_": lambda: {"authors": 0, "side": None, **page},
        "archive_files_ranked_by_": lambda: page,
        "file_notes_page_by_": lambda: {**s.file, **page},
        "search_quotes_page_by_": lambda: hits,
        "search_texts_page_by_": lambda: hits,
        "library_items_page_by_": lambda: page,
    }
    for prefix, make in families.items():
        if name.startswith(prefix):
            return make()
    if name.endswith("_of_source") and name != "actors_of_source":
        return (s.seed,)
    file = s.file
    return {
        "source_by_sha": (s.sha256,),
        "sources_to_replace": {"path": s.path, "sha256": s.sha256},
        "work_by_key": ("doi:10.1000/x",),
        "delete_sources": {"path": s.path, "sha256": s.sha256},
        "drop_orphan_works": {"ids": queries.id_list([s.work])},
        "changes": (), "schema_version": (),
        "works_count": (), "work_by_id": (s.work,), "work_source_count": (s.frus_work,),
        "work_citation_count": (s.frus_work,), "work_descriptions": (s.frus_work,),
        "work_reference_labels": (s.work,),
        "source_view": (s.seed,), "source_row": (s.seed,), "source_text": (s.seed,), "source_body": (s.seed,),
        "report_of_source": (s.report,), "article_sources": (), "actors_of_source": {"source": s.seed},
        "events_all": (), "events_in_range": {"start": "1939-08", "end": "1939-09"},
        "events_between_sides": {"a": s.sides[0], "b": s.sides[1]},
        "events_of_person": {"person": s.person, **page}, "events_of_person_count": {"person": s.person},
        "events_between_people": {"a": s.pair[0], "b": s.pair[1]},
        "report_sides": {"ids": s.ids}, "entity_side_named": ("Izvestiia",), "actor_people": (),
        "occasions": (), "occasions_in_period": {"low": "1940", "high": "1941-12-31"},
        "people_count": {"authors": 0, "side": "USSR"},
        "people_records": {"authors": 0, "side": None, "ids": s.people},
        "people_roles_shown": {"authors": 0, "side": None, "ids": s.people, "roles": 3},
        "quotes_spoken_by": {"ids": s.people}, "person_records": (s.person,),
        "person_mentions": {"person": s.person, "limit": 200},
        "names_of_persons": {"ids": s.people}, "names_of_entities": {"ids": s.people},
        "quote_speakers_named": {"form": "Smetanin"},
        "quotes_between_people": {"a": s.pair[0], "b": s.pair[1]},
        "archive_files_count": (), "archive_file": file, "file_folios": file,
        "file_citing_notes": file, "file_notes_count": file,
        "references_by_work": (), "diagnostics_all": (), "citations_all": (), "note_texts": (),
        "note_citations": (), "actor_labels": (), "entities_ranked": ("organization",), "reports_all": (),
        "index_body": (s.seed,), "index_quotes": (s.seed,), "unindex_body": (s.seed,), "unindex_quotes": (s.seed,),
        "search_quotes_count": (s.match,), "search_texts_count": (s.match,),
        "correction_save": ("k", "side", None, s.person, "{}"), "corrections_all": (),
        "corrections_of_source": (s.sha256,), "corrections_of_person": (s.person,), "corrections_of_people": (s.seed,),
        **{name: {"person": s.person, "side": "JPN", "source": s.seed} for name in (
            "correct_person_side", "correct_event_source_side", "correct_event_target_side")},
        **{name: {"source": s.seed, "start": 0, "end": 9, "actor": "", "acted": "", "type": "036", "plover": None,
                  "goldstein": 4.0, "date": "1940", "date_end": None, "precision": "year"}
           for name in ("reject_event", "recode_event", "redate_event", "event_read")},
        "event_for_correction": (s.seed, 1), "person_side_read": (s.person,),
        **library_queries(s), **correction_queries(s),
    }[name]


def correction_queries(s: SimpleNamespace) -> dict[str, object]:
    """A merge, a split, a role's dates and a citation's fields (legation.store.corrections)."""
    moved = {"source": s.seed, "person": s.person, "into": "molotov", "seq": None, "side": "USSR", "keep": 1}
    place = {"source": s.seed, "person": s.person}
    return {"correction_by_key": ('["side", {"person": "smetanin"}]',), "merges_of_person": (s.person,),
            "corrections_into_person": (s.person,), "source_sha": (s.seed,), "person_in_source": (s.seed, s.person),
            "person_row_save": {**moved, "name": "K. A. Smetanin", "mentions": 2, "data": "{}"},
            "person_row_add": {**moved, "name": "V. M. Molotov", "wikidata": None, "mentions": 1, "data": "{}"},
            "person_row_drop": place, "person_reading": (s.person,), "mention_at": (s.seed, 8700, 8710),
            "mentions_of_person_in_source": place, "quotes_of_person_in_source": place,
            "events_of_person_in_source": place, "mentions_moved": moved, "quotes_moved": moved,
            "events_moved": moved, "citation_at": (s.seed, 3495, 3544), "citations_of_note": (s.seed, 7),
            "citation_by_seq": (s.seed, 0), "ibids_of_source": (s.seed,),
            "citation_save": {"source": s.seed, "seq": 0, "kind": "archival", "fields": "{}",
                              **dict.fromkeys(("archive", "archive_id", "fond", "opis", "papka", "delo", "folio_first",
                                               "folio_last", "verso"))},
            "event_by_seq": (s.seed, 1)}


def library_queries(s: SimpleNamespace) -> dict[str, object]:
    """The bibliographies' queries (legation.store.library): the examples keep none, so the
    values are made up; the plans are the same."""
    place = {"source": s.seed, "seq": 0}
    return {"library_by_sha": (s.sha256,), "delete_libraries": {"path": "library.json", "sha256": s.sha256},
            "library_insert": ("lib", s.sha256, "library.json", "csljson", 1, "2026-01-01"),
            "library_item_insert": ("lib", 0, "hosoya1976", "book", 1976, "Title", 0, 9, "{}", "{}"),
            "library_references": (), "intext_to_link": (), "notes_to_link": (),
            "set_intext_library": {**place, "library": "hosoya1976"}, "drop_intext": place,
            "set_note_library": {**place, "library": None}, "drop_unlinked_diagnostics": (s.seed,),
            "next_diagnostic": (s.seed,), "libraries_all": (), "library_items_all": (),
            "library_item": ("hosoya1976",), "item_citations": {"key": "hosoya1976"},
            "linked_of_library": {"id": "lib"}, "library_items_count": (),
            "item_citing_page": {"key": "hosoya1976", "limit": 100, "offset": 0},
            "item_citing_count": {"key": "hosoya1976"}}


TABLE_NAME = re.compile(r"\b(?:FROM|JOIN|INTO|UPDATE)\s+(\w+)(?:\s+(?:AS\s+)?(?!ON\b|WHERE\b|JOIN\b|LEFT\b|USING\b|"
                        r"ORDER\b|GROUP\b|LIMIT\b|UNION\b|SELECT\b|VALUES\b)(\w+))?", re.IGNORECASE)
SCAN = re.compile(r"^SCAN (\w+)(?: USING (?:COVERING )?INDEX (\w+))?")


def plan(db: sqlite3.Connection, sql: str, params: object = ()) -> list[str]:
    return [row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}", params)]


def full_scans(db: sqlite3.Connection, sql: str, params: object, large: set[str]) -> list[str]:
    """The steps of the query's plan that read a whole table of the store (or a whole index of
    one): "SCAN e", "SCAN q USING INDEX …"; a full-text or json_each scan, a subquery's own
    rows and a constant row are not."""
    aliases = {alias or table: table for table, alias in TABLE_NAME.findall(sql)}
    scans = []
    for step in plan(db, sql, params):
        found = SCAN.match(step)
        if found is None or "VIRTUAL TABLE" in step:
            continue
        table = aliases.get(found.group(1), found.group(1))
        if table in large:
            scans.append(f"{step} ({table})")
    return scans


def test_every_named_query_is_planned_here(sample):
    for name in QUERIES:
        representative(name, sample)  # a KeyError names a query without parameters to plan it with


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_a_named_query_reads_a_whole_table_only_when_it_says_why(name, db, sample, large_tables):
    query = QUERIES[name]
    scans = full_scans(db, query.sql, representative(name, sample), large_tables)
    if query.scans is None:
        assert scans == [], f"{name} reads a whole table: {scans}\n{query.sql}"
    else:  # a reason that no longer holds is dropped: the query is then planned with an index
        assert scans, f"{name} says it scans ({query.scans}) but is planned with an index"


# The queries allowed to read a whole table, each for the reason it gives; the list is checked
# against QUERIES, so that a new allowance is seen in a review of this file.
ALLOWED = {
    "works_count", *(query.name for query in queries.WORKS_PAGE.values()), "article_sources", "events_all",
    "occasions", "quotes_count_by_all", *(query.name for query in queries.QUOTES_PAGE["all"].values()),
    "references_by_work", "diagnostics_all", "citations_all",
    "note_texts", "note_citations", "actor_labels", "entities_ranked", "reports_all", "corrections_all",
    "corrections_into_person",
    *(f"count_{table}" for table in queries.TABLE_COUNTS),
}
ALLOWED |= {"library_references", "intext_to_link", "notes_to_link", "libraries_all", "library_items_all",
            "library_items_count", *(query.name for query in library.LIBRARY_ITEMS_PAGE.values())}


def test_the_queries_allowed_to_scan_are_these():
    assert {name for name, query in QUERIES.items() if query.scans} == ALLOWED
    assert all(len(QUERIES[name].scans) > 20 for name in ALLOWED)  # each says why


def test_no_sql_is_sent_outside_the_store():
    """The command line, the web app, the exports and the analyses call the store's named queries."""
    package = Path(queries.__file__).resolve().parents[1]
    sending = [f"{path.relative_to(package)}:{number}" for path in sorted(package.rglob("*.py"))
               if path.parent.name != "store"
               for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
               if re.search(r"\.(execute|executemany|executescript)\(", line)]
    assert sending == []


def test_the_check_sees_a_scan(db, large_tables):
    assert full_scans(db, "SELECT * FROM mentions m WHERE m.text = ?", ("Tokyo",), large_tables)
    assert full_scans(db, "SELECT count(*) FROM events", (), large_tables)
    assert not full_scans(db, "SELECT * FROM mentions WHERE entity = ?", ("smetanin",), large_tables)
    assert not full_scans(db, "SELECT * FROM search_texts WHERE search_texts MATCH ?", ('"x"',), large_tables)


# --- every statement the pages and commands send ---------------------------------------------------

FTS5_OWN = re.compile(r"'main'\.'search_\w+'")  # what the full-text module reads of its own tables
LITERAL = r"(?:'(?:[^']|'')*'|-?\d+(?:\.\d+)?(?:e[-+]?\d+)?|NULL|X'[0-9A-Fa-f]*')"


def _pattern(query: Query) -> re.Pattern:
    """The query's text with each parameter (? or :name) standing for any SQL literal."""
    parts = re.split(r"(\?|:\w+)", query.sql)
    return re.compile("".join(LITERAL if i % 2 else re.escape(part) for i, part in enumerate(parts)), re.S)


PATTERNS = {name: _pattern(query) for name, query in QUERIES.items()}


def named_query(statement: str) -> Query | None:
    return next((QUERIES[name] for name, pattern in PATTERNS.items() if pattern.fullmatch(statement)), None)


@pytest.fixture()
def traced(monkeypatch) -> list[str]:
    """Every statement sent on the read-only connections opened while the test runs."""
    from legation.store import sqlite as store_sqlite

    statements: list[str] = []
    opened = store_sqlite._connect_readonly

    def tracing(path: str) -> sqlite3.Connection:
        connection = opened(path)
        connection.set_trace_callback(statements.append)
        return connection

    monkeypatch.setattr(store_sqlite, "_connect_readonly", tracing)
    return statements


def check_statements(statements: list[str], db: sqlite3.Connection, large: set[str]) -> set[str]:
    """Each statement (values bound) is a named query planned as its name allows; the names used."""
    used = set()
    for statement in dict.fromkeys(statements):
        if statement.startswith(("PRAGMA", "-- ")) or FTS5_OWN.search(statement):  # "-- ": a module's own
            continue
        query = named_query(statement)
        assert query is not None, f"a statement that is no named query: {statement}"
        used.add(query.name)
        if query.scans is None:
            assert full_scans(db, statement, (), large) == [], statement
    return used


def test_every_page_of_the_web_app_sends_only_named_queries_planned_with_an_index(examples_db, db, sample,
                                                                                   large_tables, traced):
    from legation.web.app import create_app

    key = queries.file_key(sample.file)
    client = TestClient(create_app(examples_db))
    pages = ["/", "/?page=2&size=1", f"/works/{sample.frus_work}", f"/works/{sample.frus_work}?offset=5&size=5",
             f"/sources/{sample.seed}", f"/sources/{sample.report}", "/citations", "/citations?page=2&size=2",
             f"/citations/file?key={key}", "/people", "/people?side=USSR", "/people?authors=true&page=2&size=3",
             f"/people/{sample.person}", "/quotes", "/quotes?speaker=smetanin", "/quotes?speaker=Smetanin&page=2&size=2",
             "/quotes?addressee=molotov", "/quotes?from=1939&to=1940", "/quotes?side=USSR&medium=telegram",
             "/search?q=Smetanin", "/search?q=Tokyo&page=2&size=5", "/relations", "/relations?a=USA&b=JPN&by=year",
             "/api/relations?a=USA&b=JPN&from=1949&to=1954&by=quarter", "/relations/events?period=1939-08",
             "/network", "/network?from=1939&to=1941", "/api/network?from=1949-01&to=1949-12",
             f"/network/link?a={sample.pair[0]}&b={sample.pair[1]}", "/library"]
    # every list in each of its orders, filtered and paged too
    sorted_pages = ["/?sort=-citations", "/?sort=title&page=2&size=1", f"/works/{sample.frus_work}?sort=-date&size=5",
                    f"/works/{sample.frus_work}?sort=-events", "/citations?sort=file", "/citations?sort=-citations",
                    f"/citations/file?key={key}&sort=-folio", "/people?sort=name", "/people?side=USSR&sort=-quotes",
                    "/people?authors=true&sort=-sources&page=2&size=3", "/quotes?sort=-date",
                    "/quotes?speaker=Smetanin&sort=speaker&page=2&size=2",
                    "/quotes?addressee=molotov&sort=date",
                    "/quotes?from=1939&to=1940&sort=-speaker", "/search?q=Smetanin&sort=-date",
                    "/search?q=Tokyo&sort=document&page=2&size=5", "/network?sort=-first",
                    "/relations/events?period=1939-08&sort=tone", "/library?sort=-notes&page=2&size=5",
                    "/library?sort=author"]
    for url in pages + sorted_pages:
        assert client.get(url).status_code == 200, url
    used = check_statements(traced, db, large_tables)
    assert {"people_ranked_by_mentions_desc", "people_ranked_by_name_asc", "people_ranked_by_quotes_desc",
            "quotes_page_speakers_by_document_asc", "quotes_page_speakers_by_speaker_asc",
            "quotes_page_period_by_speaker_desc", "quotes_page_all_by_date_desc", "events_between_sides",
            "search_quotes_page_by_relevance_asc", "search_texts_page_by_date_desc", "occasions_in_period",
            "archive_files_ranked_by_notes_desc", "archive_files_ranked_by_file_asc", "file_notes_page_by_document_asc",
            "file_notes_page_by_folio_desc", "work_sources_page_by_document_asc", "work_sources_page_by_date_desc",
            "works_page_by_citations_desc", "works_page_by_title_asc"} <= used


def test_the_library_pages_send_only_named_queries_planned_with_an_index(examples_db, db, large_tables, traced,
                                                                          tmp_path):
    """The examples keep no library: the library's pages, and a document linked to it, over a copy
    that keeps the Zotero fixtures' two exports and the article citing their works."""
    from legation.cli.main import app
    from legation.web.app import create_app

    zotero = Path(__file__).parent / "fixtures" / "zotero"
    path = tmp_path / "library.db"
    shutil.copy(examples_db, path)
    result = runner.invoke(app, ["ingest", str(zotero / "library.json"), str(zotero / "library.bib"),
                                 str(zotero / "article.md"), "--layers", "apparatus", "--db", str(path)])
    assert result.exit_code == 0, result.output
    article = sqlite3.connect(path).execute("SELECT id FROM sources WHERE path LIKE '%article.md'").fetchone()[0]
    client = TestClient(create_app(path))
    for url in ["/library", "/library?sort=-text&page=2&size=3", "/library/haslam1992soviet",
                "/library/slavinsky_japanese-soviet_2004?size=1&page=2", f"/sources/{article}"]:
        assert client.get(url).status_code == 200, url
    used = check_statements(traced, db, large_tables)
    assert {"library_items_page_by_file_asc", "library_items_page_by_text_desc", "item_citing_page",
            "item_citing_count", "library_item", "intext_citations_of_source"} <= used


READ_COMMANDS = [["works"], ["works", "--json"], ["citations", "--json"], ["citations", "--top", "3"], ["refs"],
                 ["check"], ["people", "--top", "5"], ["people", "--authors", "--json"], ["quotes", "--speaker", "smetanin"],
                 ["events", "--from", "1939-08", "--to", "1939-09"], ["events", "--json"],
                 ["relations", "USA", "JPN", "--by", "year"], ["network", "--from", "1939", "--to", "1941"],
                 ["network"], ["export", "--format", "json"], ["export", "--format", "csljson"],
                 ["export", "--format", "tei", "--source", "SEED"], ["export", "--format", "gexf"],
                 ["library"], ["library", "--json"]]


@pytest.mark.parametrize("command", READ_COMMANDS, ids=" ".join)
def test_every_read_command_sends_only_named_queries_planned_with_an_index(command, examples_db, db, sample,
                                                                           large_tables, traced, tmp_path):
    from legation.cli.main import app

    command = [sample.seed if part == "SEED" else part for part in command]
    result = runner.invoke(app, [*command, "--db", str(examples_db)])
    assert result.exit_code == 0, result.output
    check_statements(traced, db, large_tables)


def test_the_report_sends_only_named_queries(examples_db, db, large_tables, traced, tmp_path):
    from legation.cli.main import app

    result = runner.invoke(app, ["report", "--db", str(examples_db), "--out", str(tmp_path / "r.html")])
    assert result.exit_code == 0, result.output
    check_statements(traced, db, large_tables)


def test_storing_a_document_again_reads_nothing_whole(examples_db, tmp_path, large_tables):
    """The writer's statements, replacing a stored file by its changed version: each looked up by
    an index (the works a replaced row leaves without a source too: none is found by reading
    every source)."""
    from legation.pipeline import extract_file
    from legation.store.sqlite import Store

    path = tmp_path / "store.db"
    shutil.copy(examples_db, path)
    note = tmp_path / "note.md"
    note.write_text("# A note\n\nThe talks on the fisheries ended in Moscow in May 1939.\n", encoding="utf-8")
    statements: list[str] = []
    with Store(path) as store:
        store.add_document(extract_file(note))
        note.write_text("# A note\n\nThe fisheries convention was signed in Moscow.\n", encoding="utf-8")
        changed = extract_file(note)
        store.db.set_trace_callback(statements.append)
        assert store.add_document(changed)
        store.db.set_trace_callback(None)
        writes = [s for s in statements if not s.startswith(("INSERT INTO", "BEGIN", "COMMIT", "UPDATE meta", "-- "))
                  or (s.startswith("INSERT INTO") and "SELECT" in s)]
        assert any(s.startswith("DELETE FROM works") for s in writes)
        for statement in writes:
            assert full_scans(store.db, statement, (), large_tables) == [], statement


def test_the_correction_pages_and_a_corrected_re_ingest_read_nothing_whole(examples_db, db, sample, large_tables,
                                                                          traced, tmp_path):
    """An event's, a citation's and a source's corrections pages, a merged person's page; and the
    writer storing a document again over corrections of every kind (merges, splits, roles,
    events, citations), each statement looked up by an index."""
    from legation.pipeline import extract_file
    from legation.store.corrections import Correction, citation_target, correct, event_target, mention_target
    from legation.store.sqlite import Store
    from legation.web.app import create_app

    path = tmp_path / "corrected.db"
    shutil.copy(examples_db, path)
    with Store(path) as store:
        mention = store.db.execute("SELECT start, \"end\" FROM mentions WHERE source_id = ? AND entity = 'generalov'",
                                   (sample.seed,)).fetchone()
        for made in (Correction("merge-person", {"person": "malik"}, {"person": "smetanin"}),
                     Correction("split-mention", mention_target(store, sample.seed, *mention), {"person": "molotov"}),
                     Correction("role-dates", {"person": "smetanin",
                                               "title": "new USSR plenipotentiary representative in Tokyo"},
                                {"from": "1939-11-22"}),
                     Correction("recode-event", event_target(store, sample.seed, 1), {"type": "036"}),
                     Correction("citation", citation_target(store, sample.seed, 7), {"fields": {"delo": "14"}})):
            correct(store, made)
        statements: list[str] = []
        store.db.execute("DELETE FROM sources WHERE id = ?", (sample.seed,))
        store.db.commit()
        store.db.set_trace_callback(statements.append)
        assert store.add_document(extract_file(FULL_TEXT))
        store.db.set_trace_callback(None)
        for statement in statements:
            if not statement.startswith(("INSERT INTO", "BEGIN", "COMMIT", "UPDATE meta", "-- ")):
                assert full_scans(store.db, statement, (), large_tables) == [], statement
    client = TestClient(create_app(path))
    for url in [f"/sources/{sample.seed}/events/1", f"/sources/{sample.seed}/citations/6",
                f"/sources/{sample.seed}/corrections", "/people/smetanin"]:
        assert client.get(url).status_code == 200, url
    assert client.get("/people/malik", follow_redirects=False).headers["location"].startswith("/people/smetanin")
    used = check_statements(traced, db, large_tables)
    assert {"event_by_seq", "citation_by_seq", "corrections_of_source", "corrections_into_person",
            "merges_of_person"} <= used
