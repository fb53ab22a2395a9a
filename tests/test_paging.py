"""The web app's long lists a page at a time: works, a work's sources, people, archive files, the
notes citing one, quotations, search hits and network links. Each page says how many rows there
are in all and which are shown; paging through every page gives every row once, in the order of
the whole list; a URL without paging parameters is the first page, as before."""

from __future__ import annotations

import html
import re
import shutil
import warnings

import pytest

from conftest import FIXTURES
from legation.ingest.units import Unit, read_units
from legation.pipeline import extract_file, extract_unit
from legation.store import queries
from legation.store import search as fts
from legation.store.sqlite import Store
from legation.web.paging import Page, Window

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def store_path(tmp_path_factory, seeds_db):
    """The seeds, a note and a small FRUS-like volume: three works, one of several reports."""
    folder = tmp_path_factory.mktemp("paging")
    path = folder / "paging.db"
    shutil.copy(seeds_db, path)
    note = folder / "note.md"
    note.write_text("# A note on Smetanin\n\nSmetanin met Togo in Tokyo on 5 May 1940.\n", encoding="utf-8")
    with Store(path) as store:
        store.add_document(extract_file(note))
        for unit in read_units(FIXTURES / "tei" / "newer.xml"):
            if isinstance(unit, Unit):
                store.add_document(extract_unit(unit))
    return path


@pytest.fixture(scope="module")
def client(store_path):
    from legation.web.app import create_app

    return TestClient(create_app(store_path))


@pytest.fixture(scope="module")
def store(store_path):
    with Store(store_path, readonly=True) as opened:
        yield opened


def pager(page: str, id_: str) -> dict:
    """A page's pager: its count line, and its links by class."""
    found = re.search(rf'<nav class="pager" id="{id_}"[^>]*data-total="(\d+)" data-first="(\d+)" '
                      rf'data-last="(\d+)">(.*?)</nav>', page, re.S)
    assert found, f"no pager {id_}"
    links = {cls: html.unescape(href) for cls, href in re.findall(r'class="pager-(\w+)"(?: rel="\w+")? href="([^"]+)"',
                                                                  found.group(4))}
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", found.group(4)))).strip()
    return {"total": int(found.group(1)), "first": int(found.group(2)), "last": int(found.group(3)),
            "text": text, **links}


def every_page(client, url: str, id_: str, row: str) -> tuple[list[str], list[dict]]:
    """The rows of every page of a list, following its "next" links from ``url``."""
    rows, pagers = [], []
    while url:
        page = client.get(url)
        assert page.status_code == 200, url
        pagers.append(pager(page.text, id_))
        rows += re.findall(row, page.text)
        url = pagers[-1].get("next")
        assert len(pagers) < 200
    return rows, pagers


def test_people_page_by_page_are_every_person_once_in_rank_order(client, store):
    total, ranked = queries.people(store)
    assert total == len(ranked) > 12
    rows, pagers = every_page(client, "/people?size=5", "people-pager", r'<tr class="person-row" data-person="([^"]+)"')
    assert rows == [p["id"] for p in ranked]
    assert pagers[0]["text"].startswith(f"{total} people, 1–5 shown") and pagers[0]["next"] == "/people?page=2&size=5"
    assert pagers[1]["previous"] == "/people?size=5" and pagers[-1]["last"] == total
    assert all(p["total"] == total for p in pagers) and len(pagers) == -(-total // 5)
    middle = client.get("/people", params={"offset": 3, "size": 4}).text
    assert re.findall(r'data-person="([^"]+)"', middle)[:4] == [p["id"] for p in ranked[3:7]]
    assert pager(middle, "people-pager")["text"].startswith(f"{total} people, 4–7 shown")


def test_the_first_page_is_the_page_without_parameters(client, store):
    total, ranked = queries.people(store, limit=100)
    page = client.get("/people").text
    assert re.findall(r'<tr class="person-row" data-person="([^"]+)"', page) == [p["id"] for p in ranked]
    assert pager(page, "people-pager")["text"] == f"{total} people, 1–{min(total, 100)} shown"


def test_the_people_of_a_side_keep_their_side_in_every_link(client, store):
    total, ranked = queries.people(store, side="USSR")
    rows, pagers = every_page(client, "/people?side=USSR&size=2", "people-pager",
                              r'<tr class="person-row" data-person="([^"]+)"')
    assert rows == [p["id"] for p in ranked] and total >= 3
    assert pagers[0]["next"] == "/people?side=USSR&page=2&size=2"


def test_works_and_the_sources_of_a_work_page_by_page(client, store):
    total, works = queries.works_page(store)
    assert total == len(works) >= 3
    rows, pagers = every_page(client, "/?size=1", "works-pager", r'<article class="work" id="work-(\d+)"')
    assert [int(r) for r in rows] == [w["id"] for w in works] and pagers[0]["text"].startswith(f"{total} works, 1–1")
    volume = max(works, key=lambda w: w["source_count"])
    assert volume["source_count"] >= 3
    rows, pagers = every_page(client, f"/works/{volume['id']}?size=2", "sources-pager",
                              r'<tr class="source" data-source="(\w+)"')
    assert rows == [s["id"] for s in volume["sources"]] and pagers[0]["total"] == volume["source_count"]
    front = client.get("/", params={"size": 10}).text  # the works page shows a work's first sources and the count
    if volume["source_count"] > 25:
        assert f'All <span class="num">{volume["source_count"]}</span> sources' in front


def test_counts_on_the_works_page_are_those_of_the_sources_shown(client, store):
    page = client.get("/").text
    counts = queries.counts_by_source(store, re.findall(r'<tr class="source" data-source="(\w+)"', page))
    for source_id, tables in counts.items():
        if tables.get("footnotes"):
            assert f'<a href="/sources/{source_id}#notes">{tables["footnotes"]}</a>' in page


def test_quotations_page_by_page_with_their_filters(client, store):
    total, every = queries.quotes(store)
    rows, pagers = every_page(client, "/quotes?size=7", "quotes-pager",
                              r'<tr class="quote" data-source="(\w+)" data-seq="(\d+)"')
    assert rows == [(q["source_id"], str(q["seq"])) for q in every] and pagers[0]["total"] == total > 7
    spoken_total, spoken = queries.quotes(store, speaker="smetanin")
    rows, pagers = every_page(client, "/quotes?speaker=smetanin&size=3", "quotes-pager",
                              r'<tr class="quote" data-source="(\w+)" data-seq="(\d+)"')
    assert rows == [(q["source_id"], str(q["seq"])) for q in spoken] and spoken_total >= 10
    assert "speaker=smetanin" in pagers[0]["next"] and pagers[0]["text"].startswith(f"{spoken_total} quotations")
    # a name form stands for the speaker's id: the same quotations
    assert queries.quotes(store, speaker="SMETANIN")[0] == spoken_total


def test_a_name_form_finds_the_speakers_that_bear_it(store):
    named = set(queries.speakers_named(store, "Konstantin Aleksandrovich"))
    assert "smetanin" in named
    assert "smetanin" in queries.speakers_named(store, "smetanin")
    assert queries.speakers_named(store, "no such name form") == []


def test_the_citation_index_and_the_notes_of_a_file_page_by_page(client, store):
    total, index = queries.citation_index(store)
    rows, pagers = every_page(client, "/citations?size=4", "citations-pager",
                              r'class="archive-file-row" data-key="([^"]*)" data-notes="\d+">\s*<td class="num">(\d+)')
    assert [html.unescape(k) for k, _ in rows] == [queries.file_key(e) for e in index]
    assert [int(n) for _, n in rows] == list(range(1, total + 1))  # the rank runs on over the pages
    top = index[0]
    notes_total, notes = queries.file_notes(store, queries.parse_file_key(queries.file_key(top)))
    rows, pagers = every_page(client, "/citations/file?" + f"key={queries.file_key(top)}&size=2", "notes-pager",
                              r'class="supported-sentence" data-source="(\w+)" data-note="(\d+)"')
    assert rows == [(n["source_id"], str(n["footnote"])) for n in notes] and pagers[0]["total"] == notes_total


def test_search_pages_through_every_hit_with_the_true_total(client, store):
    whole = fts.search_page(store, "Smetanin", limit=10_000)
    assert whole.total == len(whole.hits) == whole.quotes + whole.documents and whole.quotes >= 3
    rows, pagers = every_page(client, "/search?q=Smetanin&size=2", "search-pager",
                              r'<li class="hit" data-kind="(\w+)" data-source="(\w+)"')
    assert rows == [(h.kind, h.source_id) for h in whole.hits]
    assert pagers[0]["total"] == whole.total and "q=Smetanin" in pagers[0]["next"]
    first = client.get("/search", params={"q": "Smetanin"}).text
    assert re.search(rf'<p id="search-count"><span class="num">{whole.total}</span> results', first)
    # the quotations of the full-text index come first, every one of them, then the documents
    assert [h.kind for h in whole.hits] == ["quote"] * whole.quotes + ["document"] * whole.documents


def test_search_offsets_cross_from_quotations_to_documents(store):
    whole = fts.search_page(store, "Smetanin", limit=10_000).hits
    for offset in range(len(whole)):
        assert fts.search_page(store, "Smetanin", limit=3, offset=offset).hits == whole[offset:offset + 3]
    assert fts.search_page(store, "Smetanin", limit=3, offset=len(whole)).hits == []


def test_the_network_links_page_by_page(client, store):
    from legation.analyze.network import people_network

    graph = people_network(store)
    links = sorted(graph.edges(data=True), key=lambda link: (-link[2]["weight"], link[0], link[1]))
    rows, pagers = every_page(client, "/network?size=2", "links-pager", r'<tr class="link-row"><td><a href="/people/([^"]+)"')
    assert rows == [a for a, _, _ in links] and pagers[0]["total"] == graph.number_of_edges()


@pytest.mark.parametrize("url", ["/people?page=0", "/people?size=0", "/people?size=501", "/quotes?offset=-1",
                                 "/search?q=x&page=x", "/citations?size=lots"])
def test_bad_paging_parameters_give_a_message_page(client, url):
    response = client.get(url)
    assert response.status_code == 422 and 'id="error-message"' in response.text


def test_a_page_past_the_end_says_so(client, store):
    total = queries.people(store)[0]
    page = client.get("/people", params={"page": 1000}).text
    assert pager(page, "people-pager")["text"].startswith(f"{total} people, none shown from")
    assert '<tr class="person-row"' not in page


def test_a_pager_links_the_pages_around_it():
    at = Window(offset=200, size=100, default=100)
    page = Page(746, at, "people", "/people", {"side": "USSR", "authors": ""})
    assert (page.first, page.last, page.number, page.pages) == (201, 300, 3, 8)
    assert page.previous_url == "/people?side=USSR&page=2" and page.next_url == "/people?side=USSR&page=4"
    assert page.first_url == "/people?side=USSR" and page.last_url == "/people?side=USSR&page=8"
    odd = Page(746, Window(offset=250, size=100, default=100), "people", "/people")
    assert odd.previous_url == "/people?offset=150" and odd.next_url == "/people?offset=350"
    assert Page(746, Window(700, 100, 100), "people", "/people").next_url is None
    assert Page(0, Window(0, 100, 100), "people", "/people").first == 0


def test_what_the_app_keeps_is_computed_again_once_a_document_is_stored(tmp_path, store_path):
    """The relations series and the network are kept by the app until the store changes; the
    full-text index is kept up to date by the writer, so a search finds a document stored while
    the app runs, without rebuilding anything (the app's connections cannot write)."""
    from legation.ingest.source import read_source
    from legation.model import Event, Person, Span
    from legation.pipeline import extract_text
    from legation.web.app import create_app

    path = tmp_path / "live.db"
    shutil.copy(store_path, path)
    client = TestClient(create_app(path))
    asked = {"a": "USSR", "b": "JPN", "from": "1941", "to": "1941", "by": "year"}
    before = client.get("/api/relations", params=asked).json()["summary"]["counted"]
    edges = len(client.get("/api/network").json()["edges"])
    assert client.get("/search", params={"q": "Xylographic"}).text.count('class="hit"') == 0
    text = tmp_path / "pact.md"
    text.write_text("Matsuoka met Molotov in Moscow: the Xylographic pact.\n", encoding="utf-8")
    doc = extract_text(*read_source(text), ("apparatus",))
    doc.persons = [Person("matsuoka-new", "Matsuoka Yōsuke", side="JPN"), Person("molotov-new", "V. M. Molotov",
                                                                               side="USSR")]
    doc.events = [Event("057", "AGREE", 8.0, "matsuoka-new", "molotov-new", "JPN", "USSR", "1941-04-13", "day",
                        Span(0, 53))]
    with Store(path) as writer:
        assert writer.add_document(doc, ("apparatus", "actors"))
    assert client.get("/api/relations", params=asked).json()["summary"]["counted"] == before + 1
    assert len(client.get("/api/network").json()["edges"]) == edges + 1
    found = client.get("/search", params={"q": "Xylographic"}).text
    assert found.count('class="hit" data-kind="document"') == 1 and "pact.md" in found
