"""The web app against a store built from the seeds and a small FRUS-like volume: every page
answers with the store's real values, numbers link to their evidence, bad input gets 4xx pages,
documents are escaped and nothing outside the package and the store is served."""

import html
import re
import shutil
import sqlite3
import warnings

import pytest
import typer
from hypothesis import given, strategies as st
from typer.testing import CliRunner

from conftest import FIXTURES

with warnings.catch_warnings():  # starlette's note about httpx's successor, not about this code
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from legation.analyze.evidence import load_events
from legation.analyze.network import people_network
from legation.analyze.relations import relations
from legation.ingest.units import Unit, read_units
from legation.pipeline import extract_file, extract_unit
from legation.store import search as fts
from legation.store.sqlite import Store
from legation.web.app import create_app
from legation.cli.serve import serve
from legation.web.queries import file_key
from legation.web.blocks import Block, body_blocks, heading_ranks, paragraphs
from legation.web.spans import Point, Region, Span, render, render_regions
from markupsafe import Markup

FULL_TEXT_NAME = "001_f3ae314bfad271f2.txt"
HOSTILE = ('Ambassador Smetanin said: "<script>alert(1)</script> & all that" in Tokyo on 5 May 1939.\n\n'
           'The <b>talks</b> went on.\n')


@pytest.fixture(scope="module")
def store_path(tmp_path_factory, seeds_db):
    folder = tmp_path_factory.mktemp("web")
    path = folder / "web.db"
    shutil.copy(seeds_db, path)
    hostile = folder / "hostile.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    with Store(path) as store:
        store.add_document(extract_file(hostile))
        for unit in read_units(FIXTURES / "tei" / "newer.xml"):
            if isinstance(unit, Unit):
                store.add_document(extract_unit(unit))
    return path


@pytest.fixture(scope="module")
def client(store_path):
    return TestClient(create_app(store_path))


@pytest.fixture(scope="module")
def db(store_path):
    connection = sqlite3.connect(store_path)
    connection.row_factory = sqlite3.Row
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def seed_id(db):
    return db.execute("SELECT id FROM sources WHERE path LIKE ?", (f"%{FULL_TEXT_NAME}",)).fetchone()[0]


def text_of(response) -> str:
    """The page's text as a reader sees it: tags dropped, entities decoded, spaces collapsed."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", response.text)))


def test_every_page_answers(client, db, seed_id):
    report = db.execute("SELECT source_id FROM reports LIMIT 1").fetchone()[0]
    pages = ["/", f"/sources/{seed_id}", f"/sources/{report}", "/citations", "/people", "/people/smetanin",
             "/quotes", "/search?q=Smetanin", "/relations", "/network", "/api/network",
             "/api/relations?a=USSR&b=JPN&from=1939-01&to=1941-12&by=month",
             "/people?authors=true", "/static/style.css", "/static/vendor/cytoscape.min.js", "/assets/plotly.min.js"]
    for page in pages:
        assert client.get(page).status_code == 200, page


def test_works_page_counts_link_to_the_document(client, db, seed_id):
    page = client.get("/")
    notes = db.execute("SELECT count(*) FROM footnotes WHERE source_id = ?", (seed_id,)).fetchone()[0]
    assert notes == 44
    assert f'<a href="/sources/{seed_id}#notes">44</a>' in page.text
    assert FULL_TEXT_NAME in page.text
    diagnostics = db.execute("SELECT count(*) FROM diagnostics WHERE source_id = ?", (seed_id,)).fetchone()[0]
    if diagnostics:
        assert f'<a href="/sources/{seed_id}#diagnostics">{diagnostics}</a>' in page.text


def test_document_view_places_every_annotation(client, db, seed_id):
    page = client.get(f"/sources/{seed_id}").text
    quotes = db.execute("SELECT count(*) FROM quotes WHERE source_id = ?", (seed_id,)).fetchone()[0]
    events = db.execute("SELECT count(*) FROM events WHERE source_id = ?", (seed_id,)).fetchone()[0]
    assert quotes and len(re.findall(r'class="quote" id="quote-', page)) == quotes
    assert events and len(re.findall(r'class="event [a-z]+" id="event-', page)) == events
    ids = re.findall(r' id="([^"]+)"', page)
    assert len(ids) == len(set(ids))  # a span cut by a crossing one is reopened without its id
    assert 'class="mention person" href="/people/smetanin"' in page
    # every note whose marker was found has it in the text, and every note its entry below
    anchored = [r[0] for r in db.execute("SELECT number FROM footnotes WHERE source_id = ? AND anchor_end IS NOT NULL",
                                         (seed_id,))]
    assert len(anchored) >= 40 and page.count('class="fn-marker"') == len(anchored)
    for number in anchored:
        assert f'class="fn-marker" href="#note-{number}" data-note="{number}"' in page
    for number in range(1, 45):
        assert f'id="note-{number}"' in page
    first = db.execute("SELECT text FROM footnotes WHERE source_id = ? AND number = 1", (seed_id,)).fetchone()[0]
    assert str(Markup.escape(first)) in page
    assert 'class="archive-file" href="/citations/file?key=' in page


def test_document_view_marks_a_requested_place(client, db, seed_id):
    quote = db.execute("SELECT start, \"end\", text FROM quotes WHERE source_id = ? AND speaker = 'smetanin' "
                       "ORDER BY seq LIMIT 1", (seed_id,)).fetchone()
    page = client.get(f"/sources/{seed_id}?at={quote['start']}&end={quote['end']}")
    marked = re.search(r'<mark id="at" class="focus">(.*?)</mark>', page.text, re.S).group(1)
    assert html.unescape(re.sub(r"<[^>]+>", "", marked)) == quote["text"]  # the quote sits in one sentence


def test_report_view_shows_its_metadata(client, db):
    report = db.execute("SELECT * FROM reports WHERE date IS NOT NULL ORDER BY source_id LIMIT 1").fetchone()
    page = client.get(f"/sources/{report['source_id']}")
    assert page.status_code == 200
    meta = re.search(r'<dl id="report-meta".*?</dl>', page.text, re.S).group(0)
    assert report["date"] in meta
    for value in (report["place"], report["type"]):
        if value:
            assert html.escape(value, quote=False) in html.unescape(meta) or value in html.unescape(meta)


def test_citation_index_ranks_files_as_the_store_does(client, store_path):
    with Store(store_path) as store:
        index = store.citation_index()
    top = index[0]
    assert top["archive_id"].startswith("AVP")
    page = client.get("/citations").text
    rows = re.findall(r'class="archive-file-row" data-key="([^"]*)" data-notes="(\d+)"', page)
    assert [html.unescape(k) for k, _ in rows] == [file_key(e) for e in index]
    assert int(rows[0][1]) == top["notes"]
    file_page = client.get("/citations/file", params={"key": file_key(top)})
    assert file_page.status_code == 200
    sentences = re.findall(r'class="supported-sentence" data-source="(\w+)" data-note="(\d+)"', file_page.text)
    assert {(s, int(n)) for s, n in sentences} == {(c["source"], c["footnote"]) for c in top["cited_in"]}
    assert file_page.text.count('class="doc-link" href="/sources/') >= 1


def test_person_page_lists_quotes_spoken_and_timeline(client, db):
    page = client.get("/people/smetanin")
    spoken = db.execute("SELECT text, source_id, seq FROM quotes WHERE speaker = 'smetanin'").fetchall()
    assert len(spoken) >= 10
    table = re.search(r'<table id="spoken-quotes".*?</table>', page.text, re.S).group(0)
    assert table.count('<tr class="quote"') == len(spoken)
    for quote in spoken:
        assert f'data-source="{quote["source_id"]}" data-seq="{quote["seq"]}"' in table
    assert "Konstantin Aleksandrovich Smetanin" in page.text
    roles = re.search(r'<section id="roles">.*?</section>', page.text, re.S).group(0)
    assert "1939-11 – 1942-02" in roles and "new USSR plenipotentiary representative in Tokyo" in roles
    assert 'class="doc-link" href="/sources/' in roles  # the sentence that tells the role
    events = db.execute("SELECT count(*) FROM events WHERE source = 'smetanin' OR target = 'smetanin'").fetchone()[0]
    assert f'<span class="num">{events}</span> events' in page.text
    people = client.get("/people").text
    assert '<a class="person-link" href="/people/smetanin">Konstantin Aleksandrovich Smetanin</a>' in people
    assert f'<a href="/quotes?speaker=smetanin">{len(spoken)}</a>' in people


@pytest.mark.parametrize("url", ["/quotes?speaker=smetanin&addressee=&side=&from=&to=&medium=",
                                 "/people?side=&authors=on", "/people?side=+", "/search?q=&page="])
def test_a_form_submitted_with_empty_fields_is_answered(client, url):
    """A form sends every field, the empty ones blank: they count as not filled in, not as invalid."""
    assert client.get(url).status_code == 200


def test_quote_filters_and_links_to_note_and_archive_file(client, db):
    def shown(**params):
        page = client.get("/quotes", params=params)
        assert page.status_code == 200
        return re.findall(r'<tr class="quote" data-source="(\w+)" data-seq="(\d+)"', page.text), page.text

    every, _ = shown()
    assert len(every) == db.execute("SELECT count(*) FROM quotes").fetchone()[0]
    smetanin, page = shown(speaker="smetanin")
    assert len(smetanin) == db.execute("SELECT count(*) FROM quotes WHERE speaker = 'smetanin'").fetchone()[0]
    in_1940, _ = shown(**{"from": "1940", "to": "1940"})
    expected = db.execute("SELECT count(*) FROM quotes WHERE date LIKE '1940%'").fetchone()[0]
    assert expected and len(in_1940) == expected
    telegrams, _ = shown(medium="telegram")
    assert len(telegrams) == db.execute("SELECT count(*) FROM quotes WHERE medium = 'telegram'").fetchone()[0]
    soviet, _ = shown(side="USSR")
    assert soviet and set(soviet) < set(every)
    # a quotation -> its note -> the archive file its note cites
    note = re.search(r'<a class="quote-note" href="(/sources/\w+#note-(\d+))">', page)
    archive = re.search(r'<a class="quote-file archive-file" href="([^"]+)">', page)
    assert note and archive
    assert client.get(note.group(1)).status_code == 200
    file_page = client.get(html.unescape(archive.group(1)))
    assert file_page.status_code == 200 and 'id="archive-file"' in file_page.text


def test_search_finds_smetanin_with_context(client):
    page = client.get("/search", params={"q": "Smetanin"})
    hits = re.findall(r'<li class="hit" data-kind="(\w+)"', page.text)
    assert "quote" in hits and "document" in hits
    assert "<mark>Smetanin</mark>" in page.text
    assert "arrival of Comrade Smetanin" in text_of(page)


def test_search_finds_notes_and_reference_lists_with_true_totals(client, db):
    """'0146' is a fond number, written only in the notes: every document whose text holds it is found."""
    holding = db.execute("SELECT count(*) FROM sources WHERE text LIKE '%0146%'").fetchone()[0]
    in_bodies = db.execute("SELECT count(*) FROM sources WHERE body LIKE '%0146%'").fetchone()[0]
    assert holding > in_bodies  # in notes, not in the running text
    page = client.get("/search", params={"q": "0146"})
    assert re.search(rf'<span class="num">{holding}</span> documents', page.text)


def test_search_finds_a_person_under_a_form_of_their_name_in_either_script(client):
    latin = client.get("/search", params={"q": "Smetanin"}).text
    cyrillic = client.get("/search", params={"q": "Сметанин"}).text
    count = lambda page: re.search(r'<p id="search-count"><span class="num">(\d+)</span>', page).group(1)  # noqa: E731
    assert int(count(cyrillic)) >= int(count(latin)) > 0
    assert "<mark>Smetanin</mark>" in cyrillic  # the Latin form is found and marked
    assert count(client.get("/search", params={"q": "SMETANIN"}).text) == count(latin)  # case folded


def test_a_search_hit_shows_its_document_heading_and_date(client):
    page = client.get("/search", params={"q": "Smetanin"}).text
    headings = re.findall(r'<span class="hit-heading">([^<]+)</span>', page)
    assert headings and all(h.strip() for h in headings)


@pytest.mark.parametrize("query", ['"', "AND OR NOT", "Smetanin*)(", "NEAR(", "-", "ёжик 東京", "x" * 200])
def test_search_reads_any_input_as_words(client, query):
    assert client.get("/search", params={"q": query}).status_code == 200


def test_search_index_follows_the_store_as_documents_are_stored(store_path, tmp_path):
    copy = tmp_path / "copy.db"
    with sqlite3.connect(store_path) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    note = tmp_path / "note.md"
    with Store(copy) as store:
        before = len(fts.search(store.db, "talks"))
        note.write_text("# A note\n\nThe talks on the fisheries ended in Moscow.\n", encoding="utf-8")
        store.add_document(extract_file(note))
        assert len(fts.search(store.db, "talks")) == before + 1  # stored, so found: no rebuild on search
        note.write_text("# A note\n\nThe fisheries convention was signed in Moscow.\n", encoding="utf-8")
        store.add_document(extract_file(note))  # the same path changed: the old text leaves the index
        assert len(fts.search(store.db, "talks")) == before
        assert len(fts.search(store.db, "convention")) >= 1
        for index in ("search_texts", "search_quotes"):  # raises when an index disagrees with its table
            store.db.execute(f"INSERT INTO {index}({index}) VALUES ('integrity-check')")


@given(st.text(max_size=60))
def test_match_expression_is_words_only(query):
    """Quoted words, joined by AND, a known name's forms grouped by OR: never the user's syntax,
    always an expression FTS5 accepts."""
    expression = fts.match_expression(query)
    if expression is not None:
        term = r'(?:"\w+"|\("\w+"(?: OR "\w+")+\))'
        assert re.fullmatch(rf"{term}(?: AND {term})*", expression)
        assert FTS.execute("SELECT count(*) FROM probe WHERE probe MATCH ?", (expression,)).fetchone()


FTS = sqlite3.connect(":memory:", check_same_thread=False)
FTS.execute("CREATE VIRTUAL TABLE probe USING fts5(text, tokenize='unicode61 remove_diacritics 2')")


def test_relations_api_gives_monthly_rows(client, store_path):
    data = client.get("/api/relations", params={"a": "USSR", "b": "JPN", "from": "1939-01", "to": "1941-12",
                                                "by": "month"}).json()
    assert len(data["periods"]) == 36
    assert data["periods"][0]["period"] == "1939-01" and data["periods"][-1]["period"] == "1941-12"
    with Store(store_path) as store:
        expected = relations(load_events(store), "USSR", "JPN", "1939-01", "1941-12", "month").table()
    assert data["periods"] == expected
    busiest = max(expected, key=lambda row: row["count"])
    assert busiest["count"] > 0
    page = client.get("/relations/events", params={"period": busiest["period"]})
    assert page.status_code == 200
    assert f'<span class="num">{busiest["count"]}</span> events' in page.text
    assert 'class="doc-link" href="/sources/' in page.text
    assert len(client.get("/api/relations", params={"by": "quarter"}).json()["periods"]) == 12


def test_relations_page_has_the_form_chart_and_numbers_linked(client):
    page = client.get("/relations").text
    for element in ('id="relations-form"', 'id="rel-a"', 'id="rel-b"', 'id="rel-from"', 'id="rel-to"',
                    'id="rel-by"', 'id="relations-chart"', 'src="/assets/plotly.min.js"'):
        assert element in page
    assert re.search(r'<td class="num"><a href="/relations/events\?[^"]*period=1939-\d\d">\d+</a></td>', page)


def test_network_matches_the_analysis(client, store_path):
    data = client.get("/api/network").json()
    with Store(store_path) as store:
        graph = people_network(store)
    assert {n["data"]["id"] for n in data["nodes"]} == set(graph.nodes)
    assert len(data["edges"]) == graph.number_of_edges()
    if data["edges"]:
        edge = data["edges"][0]["data"]
        assert client.get("/network/link", params={"a": edge["source"], "b": edge["target"]}).status_code == 200
    assert 'id="network"' in client.get("/network").text


@pytest.mark.parametrize("page", ["/sources/0000000000000000", "/people/nobody-at-all", "/works/99999",
                                  "/citations/file?key=XX%7C1%7C2%7C%7C3", "/relations/events?period=1850-01",
                                  "/network/link?a=nobody&b=smetanin", "/no/such/page"])
def test_unknown_ids_give_a_404_page(client, page):
    response = client.get(page)
    assert response.status_code == 404
    assert 'id="error-message"' in response.text and "Traceback" not in response.text


@pytest.mark.parametrize("page", ["/quotes?from=1939-13", "/quotes?to=soon", "/quotes?medium=pigeon",
                                  "/relations?by=decade", "/api/relations?a=Atlantis", "/network?from=x",
                                  "/sources/abc?at=-1", "/citations/file?key=nokey", "/search?q=" + "x" * 300,
                                  "/people?side=%3Cscript%3E"])
def test_bad_parameters_give_a_message_page(client, page):
    response = client.get(page)
    assert response.status_code in (400, 422)
    assert 'id="error-message"' in response.text and "Traceback" not in response.text


def test_documents_are_escaped(client, db):
    hostile = db.execute("SELECT id FROM sources WHERE path LIKE '%hostile.txt'").fetchone()[0]
    page = client.get(f"/sources/{hostile}").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>talks</b>" not in page
    search = client.get("/search", params={"q": "alert"}).text
    assert "<script>alert" not in search and "&lt;script&gt;" in search


@pytest.mark.parametrize("page", ["/static/..%2F..%2F..%2Fetc%2Fpasswd", "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                                  "/static/..%2Fapp.py", "/static/%2e%2e/app.py", "/static//etc/passwd",
                                  "/assets/..%2F..%2Fetc%2Fpasswd", "/static/vendor/..%2F..%2F..%2Fpyproject.toml"])
def test_no_file_outside_the_package_is_served(client, page):
    response = client.get(page)
    assert response.status_code == 404
    assert "root:" not in response.text and "create_app" not in response.text


@given(st.text(alphabet="ab<>&\"' \n", max_size=30),
       st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30), st.integers(0, 3)), max_size=6),
       st.lists(st.integers(0, 30), max_size=3))
def test_rendered_text_is_the_escaped_text_whatever_the_spans(text, bounds, points):
    spans = [Span(a, b, Markup(f'<span data-l="{layer}">'), Markup("</span>"), layer) for a, b, layer in bounds]
    out = render(text, spans, [Point(p, Markup("<sup>*</sup>")) for p in points])
    assert html.unescape(re.sub(r"<[^>]+>", "", out)).replace("*", "") == text.replace("*", "")
    assert out.count("<span") == out.count("</span>")  # balanced
    depth = 0
    for tag in re.findall(r"</?span", out):
        depth += -1 if tag.startswith("</") else 1
        assert depth >= 0


def test_serve_binds_to_this_machine_by_default(monkeypatch, store_path, tmp_path):
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append(options))
    command = typer.Typer()
    command.command()(serve)
    result = CliRunner().invoke(command, ["--db", str(store_path)])
    assert result.exit_code == 0 and calls == [{"host": "127.0.0.1", "port": 8000, "log_level": "warning"}]
    missing = CliRunner().invoke(command, ["--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 2 and not (tmp_path / "none.db").exists()


def test_a_document_page_is_titled_by_its_document_and_reads_without_colour(client, seed_id):
    page = client.get(f"/sources/{seed_id}").text
    title = re.search(r"<title>(.*?)</title>", page).group(1)
    assert title.startswith("From the Khalkhin Gol Events to the Neutrality Pact")  # its work's title, not its path
    assert '<a class="skip-link" href="#document-text">' in page  # past the site's links, straight to the text
    for layer in ("person", "place", "organization", "date", "quote", "event"):  # each layer can be switched off
        assert f'<input type="checkbox" class="layer-toggle" id="layer-{layer}" checked>' in page
    tones = re.findall(r'<span class="event (coop|conflict)"[^>]* title="(\w+) event', page)
    assert tones and all({"coop": "cooperative", "conflict": "conflictual"}[t] == word for t, word in tones)


# --- a document keeps its headings ----------------------------------------------------------------------

def headings(page: str) -> list[tuple[int, str]]:
    """The page's headings in order: (rank, text)."""
    return [(int(rank), re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", inner))).strip())
            for rank, inner in re.findall(r"<h([1-6])[^>]*>(.*?)</h\1>", page, re.S)]


def document_text(page: str) -> str:
    return re.search(r'<div id="document-text" class="text">(.*?)</div>\n</fieldset>', page, re.S).group(1)


def test_the_seed_article_keeps_its_section_headings(client, seed_id):
    page = client.get(f"/sources/{seed_id}").text
    text = document_text(page)
    # the article's three sections, as its Markdown marks them ("#", "###", "###"), under the page's title
    assert headings(text) == [(2, "The Reestablishment of Soviet-Japanese Relations"),
                              (3, '"New Relations" With the USSR'), (3, "Conclusion")]
    ranks = [rank for rank, _ in headings(page)]
    assert ranks[0] == 1 and ranks.count(1) == 1
    assert all(later <= earlier + 1 for earlier, later in zip(ranks, ranks[1:]))  # no level skipped
    assert headings(page)[0][1].startswith("From the Khalkhin Gol Events to the Neutrality Pact")
    assert headings(page)[4] == (2, "Notes 44")
    # the paragraphs are paragraphs, and the heading is not one of them
    first = re.search(r'<p class="paragraph">(.*?)</p>', text, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", first).startswith("In 1939, Japan made a final decision")
    assert "<p class=\"paragraph\">Conclusion</p>" not in text


def test_the_text_of_a_document_in_blocks_is_its_body(client, db, seed_id):
    body = db.execute("SELECT body FROM sources WHERE id = ?", (seed_id,)).fetchone()[0]
    text = document_text(client.get(f"/sources/{seed_id}").text)
    shown = html.unescape(re.sub(r"<[^>]+>", "", re.sub(r'<sup class="fn">.*?</sup>', "", text, flags=re.S)))
    assert shown == "".join(body[b.start:b.end] for b in paragraphs(body))  # every character, blank lines aside
    assert shown.replace(" ", "").replace("\n", "") == body.replace(" ", "").replace("\n", "")


def test_a_place_asked_across_a_heading_is_marked_on_its_characters(client, db, seed_id):
    body = db.execute("SELECT body FROM sources WHERE id = ?", (seed_id,)).fetchone()[0]
    heading = body.index("\n\nConclusion\n\n") + 2
    start, end = heading - 40, heading + len("Conclusion") + 30  # the end of a paragraph, the heading, the next
    page = client.get(f"/sources/{seed_id}", params={"at": start, "end": end}).text
    marked = re.findall(r'<mark (?:id="at" )?class="focus">(.*?)</mark>', page, re.S)
    assert len(marked) == 3 and page.count('id="at"') == 1  # one piece in each block, the first with the anchor
    pieces = [html.unescape(re.sub(r"<[^>]+>", "", piece)) for piece in marked]
    assert "".join(pieces) == body[start:end].replace("\n\n", "") and pieces[1] == "Conclusion"
    assert re.search(r'<h3 class="text-heading"><mark class="focus">Conclusion</mark></h3>', page)


def test_a_report_opens_with_its_header_as_a_heading(client, db):
    report = db.execute("SELECT r.source_id, r.heading, s.body FROM reports r JOIN sources s ON s.id = r.source_id "
                        "WHERE r.heading IS NOT NULL ORDER BY r.source_id LIMIT 1").fetchone()
    text = document_text(client.get(f"/sources/{report['source_id']}").text)
    found = headings(text)
    assert len(found) == 1 and found[0][0] == 2 and report["heading"] in found[0][1]
    assert text.startswith('<h2 class="text-heading">')
    header = report["body"].split("\n\n")[0]
    assert found[0][1] == " ".join(header.split())  # the header the edition prints: number, file, heading, date


def test_blocks_from_a_markdown_reading_keep_the_readers_levels(seed_doc):
    source = {"format": seed_doc.source.format, "body": seed_doc.body}
    blocks = body_blocks(source, seed_doc.text, None)
    found = [(b.level, seed_doc.body[b.start:b.end]) for b in blocks if b.kind == "heading"]
    assert found == [(1, "The Reestablishment of Soviet-Japanese Relations"), (3, '"New Relations" With the USSR'),
                     (3, "Conclusion")]
    assert all(not seed_doc.body[a.end:b.start].strip() for a, b in zip(blocks, blocks[1:]))
    # a body the reading does not give back is read as paragraphs, its headings unknown
    changed = {"format": "markdown", "body": seed_doc.body + " (edited)"}
    assert all(b.kind == "paragraph" for b in body_blocks(changed, seed_doc.text, None))


def test_heading_ranks_skip_no_level():
    blocks = [Block("heading", 0, 1, 3), Block("paragraph", 2, 3), Block("heading", 4, 5, 1),
              Block("heading", 6, 7, 4), Block("heading", 8, 9, None)]
    assert heading_ranks(blocks) == {0: 2, 2: 2, 3: 3, 4: 2}  # "###" first is the top; "####" one below "#"


@given(st.lists(st.text(alphabet="ab<&\n ", min_size=1, max_size=8), min_size=1, max_size=5),
       st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60), st.integers(0, 3)), max_size=6),
       st.lists(st.integers(0, 60), max_size=3))
def test_spans_over_blocks_land_on_their_characters(parts, bounds, points):
    text = "\n\n".join(parts)
    blocks = paragraphs(text)
    regions = [Region(b.start, b.end, Markup("<p>"), Markup("</p>")) for b in blocks]
    spans = [Span(a, b, Markup(f'<span data-n="{n}" class="first">'), Markup("</span>"), layer,
                  Markup(f'<span data-n="{n}">')) for n, (a, b, layer) in enumerate(bounds)]
    out = render_regions(text, regions, spans, [Point(p, Markup("<sup>*</sup>")) for p in points])
    kept = "".join(text[b.start:b.end] for b in blocks)
    assert html.unescape(re.sub(r"<[^>]+>", "", out)).replace("*", "") == kept.replace("*", "")
    assert out.count("<sup>") == (len(points) if blocks else 0) and out.count("<p>") == len(blocks)
    for n, (a, b, _) in enumerate(bounds):  # each span's pieces hold its characters, the blank lines aside
        wanted = "".join(text[max(a, blk.start):min(b, blk.end)] for blk in blocks)
        assert _inside(out, n).replace("*", "") == wanted.replace("*", "")
        assert out.count(f'<span data-n="{n}" class="first">') == (1 if wanted else 0)


def _inside(out: str, n: int) -> str:
    """The text inside the pieces of span ``n`` of a rendering (spans nest well: a stack of tags)."""
    collected, stack = [], []
    for tag, text in re.findall(r"(<[^>]+>)|([^<]+)", out):
        if tag.startswith("</"):
            stack.pop()
        elif tag:
            stack.append(re.search(r'data-n="(\d+)"', tag).group(1) if "data-n" in tag else None)
        elif str(n) in stack:
            collected.append(html.unescape(text))
    return "".join(collected)
