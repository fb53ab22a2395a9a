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


# --- every list sorts, over the whole list, with the order kept by its pages and its filters -----------

ASCII_FOLDED = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")  # SQLite's NOCASE


def nocase(text: str) -> str:
    return text.translate(ASCII_FOLDED)


def ordered(rows: list, value, descending: bool = False, then=None) -> list:
    """The rows sorted as the store sorts: by ``value`` either way, rows without one last, ties by ``then``."""
    rows = sorted(rows, key=then) if then else list(rows)
    present = [r for r in rows if value(r) is not None]
    return sorted(present, key=value, reverse=descending) + [r for r in rows if value(r) is None]


PERSON_ROW = r'<tr class="person-row" data-person="([^"]+)"'
QUOTE_ROW = r'<tr class="quote" data-source="(\w+)" data-seq="(\d+)"'


def header(page: str, key: str) -> dict:
    """A sortable column's header: its aria-sort, its link and its visible words."""
    found = re.search(rf'<th scope="col"( aria-sort="(\w+)")?[^>]*><a class="sort-link" data-sort="{key}" '
                      rf'href="([^"]+)">(.*?)</a></th>', page, re.S)
    assert found, f"no sortable header {key}"
    return {"aria": found.group(2), "href": html.unescape(found.group(3)),
            "text": re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", found.group(4)))).strip()}


def test_people_sort_by_name_over_every_page(client, store):
    _, everyone = queries.people(store)
    rows, pagers = every_page(client, "/people?sort=name&size=5", "people-pager", PERSON_ROW)
    expected = ordered(everyone, lambda p: nocase(p["name"]), then=lambda p: p["id"])
    assert rows == [p["id"] for p in expected] and len(rows) > 12
    assert all("sort=name" in p["next"] for p in pagers[:-1])  # the order survives paging
    names = [nocase(p["name"]) for p in expected]
    assert names == sorted(names) and names[0] < names[-1]
    rows, _ = every_page(client, "/people?sort=-name&size=5", "people-pager", PERSON_ROW)
    assert rows == [p["id"] for p in ordered(everyone, lambda p: nocase(p["name"]), True, lambda p: p["id"])]


@pytest.mark.parametrize("key", ["side", "mentions", "sources", "quotes"])
def test_people_sort_by_each_column_either_way(client, store, key):
    _, everyone = queries.people(store)
    for descending in (False, True):
        rows, _ = every_page(client, f"/people?sort={'-' if descending else ''}{key}&size=7", "people-pager",
                             PERSON_ROW)
        assert rows == [p["id"] for p in ordered(everyone, lambda p: p[key], descending, lambda p: p["id"])]
    if key == "quotes":  # who speaks most comes first: Smetanin, the ambassador whose reports the seed quotes
        assert rows[0] == "smetanin"


def test_a_sorted_list_keeps_its_filter_and_a_filtered_list_its_order(client, store):
    _, soviets = queries.people(store, side="USSR")
    rows, pagers = every_page(client, "/people?side=USSR&sort=name&size=2", "people-pager", PERSON_ROW)
    assert rows == [p["id"] for p in ordered(soviets, lambda p: nocase(p["name"]), then=lambda p: p["id"])]
    assert pagers[0]["next"] == "/people?side=USSR&sort=name&page=2&size=2"
    page = client.get("/people", params={"side": "USSR", "sort": "name"}).text
    # the filter form sends the order with it, and a header keeps the filter
    assert '<input type="hidden" name="sort" value="name">' in page
    assert header(page, "side")["href"] == "/people?side=USSR&sort=side"
    assert header(page, "mentions")["href"] == "/people?side=USSR"  # the most mentioned first: the default order


def test_headers_say_the_order_and_link_to_the_other(client):
    page = client.get("/people").text  # the default: the most mentioned first
    mentions = header(page, "mentions")
    assert mentions["aria"] == "descending" and mentions["text"] == "mentions ▼ most first"
    assert mentions["href"] == "/people?sort=mentions"  # clicked again: the other way
    name = header(page, "name")
    assert name["aria"] is None and name["text"] == "person" and name["href"] == "/people?sort=name"
    page = client.get("/people", params={"sort": "name", "page": 2, "size": 3}).text
    name = header(page, "name")
    assert name["aria"] == "ascending" and name["text"] == "person ▲ A–Z"
    assert name["href"] == "/people?sort=-name&size=3"  # the first page in the other order, the page size kept
    assert header(page, "mentions")["href"] == "/people?size=3"  # the default order needs no parameter


@pytest.mark.parametrize("sort", ["bogus", "-", "name;DROP TABLE persons", "'", "--mentions", "name%00", "x" * 300])
def test_an_unknown_order_is_the_default_order(client, store, sort):
    _, ranked = queries.people(store, limit=100)
    response = client.get("/people", params={"sort": sort})
    assert response.status_code == 200
    assert re.findall(PERSON_ROW, response.text) == [p["id"] for p in ranked]
    assert header(response.text, "mentions")["aria"] == "descending"
    assert queries.people(store)[0] == len(re.findall(PERSON_ROW, client.get("/people?size=500").text))


def test_quotations_sort_by_date_and_speaker_over_every_page(client, store):
    _, every = queries.quotes(store)
    place = lambda q: (q["path"], q["seq"])  # noqa: E731
    rows, pagers = every_page(client, "/quotes?sort=-date&size=7", "quotes-pager", QUOTE_ROW)
    by_date = ordered(every, lambda q: q["date"], True, place)
    assert rows == [(q["source_id"], str(q["seq"])) for q in by_date]
    dated = [q["date"] for q in by_date if q["date"]]
    assert dated == sorted(dated, reverse=True) and dated[0] > dated[-1]
    assert all("sort=-date" in p["next"] for p in pagers[:-1])
    rows, _ = every_page(client, "/quotes?sort=speaker&size=7", "quotes-pager", QUOTE_ROW)
    named = lambda q: q["speaker_name"] or q["speaker_text"]  # noqa: E731  (as the page shows the speaker)
    by_speaker = ordered(every, lambda q: nocase(named(q)) if named(q) else None, then=place)
    assert rows == [(q["source_id"], str(q["seq"])) for q in by_speaker]


def test_a_speakers_quotations_sort_by_date_keeping_the_speaker(client, store):
    _, spoken = queries.quotes(store, speaker="smetanin")
    rows, pagers = every_page(client, "/quotes?speaker=smetanin&sort=date&size=4", "quotes-pager", QUOTE_ROW)
    expected = ordered(spoken, lambda q: q["date"], then=lambda q: (q["path"], q["seq"]))
    assert rows == [(q["source_id"], str(q["seq"])) for q in expected] and len(rows) >= 10
    assert "speaker=smetanin" in pagers[0]["next"] and "sort=date" in pagers[0]["next"]
    page = client.get("/quotes", params={"speaker": "smetanin", "sort": "date"}).text
    assert header(page, "date")["aria"] == "ascending" and header(page, "date")["text"] == "date ▲ earliest first"
    assert '<input type="hidden" name="sort" value="date">' in page


def test_the_citation_index_sorts_by_file_and_by_citations(client, store):
    total, index = queries.citation_index(store)
    key_row = r'class="archive-file-row" data-key="([^"]*)"'
    rows, _ = every_page(client, "/citations?sort=-citations&size=4", "citations-pager", key_row)
    by_citations = ordered(index, lambda e: e["citations"], True, lambda e: queries.file_key(e))
    assert [html.unescape(k) for k in rows] == [queries.file_key(e) for e in by_citations] and len(rows) == total
    rows, _ = every_page(client, "/citations?sort=file&size=4", "citations-pager", key_row)
    number = lambda value: int(value) if value and value.isdigit() else 0  # noqa: E731
    by_file = ordered(index, lambda e: (nocase(e["archive"] or e["archive_id"]),
                                        *((number(e[level]), e[level] or "") for level in ("fond", "opis", "papka",
                                                                                            "delo"))))
    assert [html.unescape(k) for k in rows] == [queries.file_key(e) for e in by_file]
    fonds = [e["fond"] for e in by_file if e["archive_id"] == by_file[0]["archive_id"] and e["fond"]]
    assert [int(f) for f in fonds] == sorted(int(f) for f in fonds)  # numbers as numbers: 5 before 0146


def test_the_notes_citing_a_file_sort_by_folio(client, store):
    top = queries.citation_index(store)[1][0]
    key = queries.file_key(top)
    _, notes = queries.file_notes(store, queries.parse_file_key(key))
    rows, _ = every_page(client, f"/citations/file?key={key}&sort=-folio&size=2", "notes-pager",
                         r'class="supported-sentence" data-source="(\w+)" data-note="(\d+)"')
    expected = ordered(notes, lambda n: (n["folio_first"], n["folio_last"]) if n["folio_first"] is not None else None,
                       True, lambda n: (n["path"], n["footnote"]))
    assert rows == [(n["source_id"], str(n["footnote"])) for n in expected]


def test_works_sort_by_citations_and_title(client, store):
    total, works = queries.works_page(store)
    counted = {w["id"]: store.db.execute("SELECT count(*) FROM citations c JOIN sources s ON s.id = c.source_id "
                                         "WHERE s.work_id = ?", (w["id"],)).fetchone()[0] for w in works}
    assert [w["citations"] for w in works] == [counted[w["id"]] for w in works]
    rows, _ = every_page(client, "/?sort=-citations&size=1", "works-pager", r'<article class="work" id="work-(\d+)"')
    assert [int(r) for r in rows] == [w["id"] for w in ordered(works, lambda w: counted[w["id"]], True,
                                                               lambda w: w["id"])]
    assert counted[int(rows[0])] == max(counted.values()) > 0  # the seed article, with its 44 notes
    rows, _ = every_page(client, "/?sort=title&size=2", "works-pager", r'<article class="work" id="work-(\d+)"')
    assert [int(r) for r in rows] == [w["id"] for w in ordered(works, lambda w: nocase(w["title"]) if w["title"]
                                                               else None, then=lambda w: w["id"])]


def test_the_documents_of_a_volume_sort_by_date(client, store):
    volume = max(queries.works_page(store)[1], key=lambda w: w["source_count"])
    sources = queries.work(store, volume["id"])["sources"]
    assert sum(1 for s in sources if s["date"]) >= 2
    for descending in (False, True):
        rows, _ = every_page(client, f"/works/{volume['id']}?sort={'-' if descending else ''}date&size=2",
                             "sources-pager", r'<tr class="source" data-source="(\w+)"')
        assert rows == [s["id"] for s in ordered(sources, lambda s: s["date"], descending, lambda s: s["path"])]


def test_search_hits_sort_by_date_each_kind_in_turn(client, store):
    whole = fts.search_page(store, "Smetanin", limit=10_000)
    rows, pagers = every_page(client, "/search?q=Smetanin&sort=-date&size=3", "search-pager",
                              r'<li class="hit" data-kind="(\w+)" data-source="(\w+)"')
    assert sorted(rows) == sorted((h.kind, h.source_id) for h in whole.hits) and len(rows) == whole.total
    assert [kind for kind, _ in rows] == [h.kind for h in whole.hits]  # the quotations still come first
    by_date = fts.search_page(store, "Smetanin", limit=10_000, order=queries.Order("date", True)).hits
    assert rows == [(h.kind, h.source_id) for h in by_date]
    document_dates = [h.date for h in by_date if h.kind == "document" and h.date]
    assert document_dates == sorted(document_dates, reverse=True)
    assert "sort=-date" in pagers[0]["next"] and "q=Smetanin" in pagers[0]["next"]


def test_the_network_links_sort_by_their_first_date(client, store):
    from legation.analyze.network import people_network

    graph = people_network(store)
    links = sorted(graph.edges(data=True), key=lambda link: (link[0], link[1]))
    rows, _ = every_page(client, "/network?sort=first&size=3", "links-pager",
                         r'<tr class="link-row"><td><a href="/people/([^"]+)"')
    assert rows == [a for a, _, _ in ordered(links, lambda link: link[2].get("start"))]


def test_a_periods_events_sort_by_tone_and_page(client):
    rows = client.get("/api/relations", params={"a": "USSR", "b": "JPN", "from": "1939-01", "to": "1941-12",
                                                "by": "year"}).json()["periods"]
    busiest = max(rows, key=lambda row: row["count"])
    page = client.get("/relations/events", params={"period": busiest["period"], "by": "year", "sort": "tone",
                                                    "size": 500}).text
    scores = [float(s) for s in re.findall(r'<li class="period-event">.*?CAMEO \S+ (?:\S+ )?([+-]\d+\.\d)', page, re.S)]
    assert len(scores) == busiest["count"] > 5 and scores == sorted(scores) and scores[0] < 0 < scores[-1]
    first = client.get("/relations/events", params={"period": busiest["period"], "by": "year", "sort": "-tone",
                                                     "size": 2}).text
    assert re.search(r'<nav class="pager" id="period-events-pager"[^>]*data-total="%d"' % busiest["count"], first)
    assert "sort=-tone" in re.search(r'class="pager-next" rel="next" href="([^"]+)"', first).group(1)
    assert 'aria-current="true">tone <span class="sort-state">▼ most cooperative first</span>' in first


def test_a_pager_links_the_first_page_in_another_order():
    page = Page(746, Window(offset=200, size=50, default=100), "people", "/people", {"side": "USSR", "sort": "name"})
    assert page.next_url == "/people?side=USSR&sort=name&page=6&size=50"
    assert page.reordered("-mentions") == "/people?side=USSR&sort=-mentions&size=50"
    assert page.reordered(None) == "/people?side=USSR&size=50"
