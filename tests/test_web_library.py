"""The library in the web app (issue 22): the Zotero exports given to ingest and their items,
paged and sorted; one item with its fields, its place in its file and every citation linked to
it, each linking to its place in its document; the document's citations linking to the item;
and "Library" in the site's navigation only where the store keeps one."""

from __future__ import annotations

import html
import re
import sqlite3
import warnings
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES
from legation.cli.main import app as cli

with warnings.catch_warnings():  # starlette's note about httpx's successor, not about this code
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from legation.web.app import create_app

ZOTERO = FIXTURES / "zotero"
CSL, BIB, ARTICLE = ZOTERO / "library.json", ZOTERO / "library.bib", ZOTERO / "article.md"
MANUSCRIPT = "http://zotero.org/users/8213904/items/A2F7LC5E"  # a CSL-JSON item without a citation key: its id
runner = CliRunner()


def ingest(db: Path, *files: Path) -> None:
    result = runner.invoke(cli, ["ingest", *map(str, files), "--layers", "apparatus", "--db", str(db)])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    """The two Zotero exports (7 items each) and the article citing their works, in the text and
    in notes, without a reference list of its own."""
    path = tmp_path_factory.mktemp("web_library") / "store.db"
    ingest(path, CSL, BIB, ARTICLE)
    return path


@pytest.fixture(scope="module")
def client(store_path) -> TestClient:
    return TestClient(create_app(store_path))


@pytest.fixture(scope="module")
def article(store_path) -> str:
    connection = sqlite3.connect(store_path)
    try:
        return connection.execute("SELECT id FROM sources WHERE path LIKE '%article.md'").fetchone()[0]
    finally:
        connection.close()


def text_of(page: str) -> str:
    """The page's text as a reader sees it: tags dropped, entities decoded, spaces collapsed."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", page)))


def keys_listed(page: str) -> list[str]:
    return [html.unescape(key) for key in re.findall(r'<tr class="library-item" data-key="([^"]+)"', page)]


def test_the_library_page_lists_the_files_and_their_items(client):
    page = client.get("/library")
    assert page.status_code == 200
    files = re.findall(r'<tr class="library-file".*?</tr>', page.text, re.S)
    assert [text_of(row).split()[:4] for row in files] == [
        [str(BIB), "BibTeX", "7", "8"], [str(CSL), "CSL", "JSON", "7"]]  # file, format, items, citations linked
    text = text_of(page.text)
    assert "14 items, 1–14 shown" in text
    haslam = re.search(r'<tr class="library-item" data-key="haslam1992soviet".*?</tr>', page.text, re.S).group(0)
    assert text_of(haslam).split() == ["11", "haslam1992soviet", "Haslam,", "Jonathan", "1992", "The", "Soviet",
                                       "Union", "and", "the", "Threat", "from", "the", "East,", "1933–41:",
                                       "Moscow,", "Tokyo", "and", "the", "Prelude", "to", "the", "Pacific",
                                       "War", "book", "library.json", "#4", "1", "1"]
    assert 'href="/library/haslam1992soviet"' in haslam
    assert "Gaimushō [Ministry of Foreign Affairs of Japan]" in text  # a name kept whole
    assert "Morley, James William (ed.)" not in text  # an editor only where there is no author


def test_the_items_are_sorted_whole_and_paged(client):
    by_file = keys_listed(client.get("/library").text)
    assert by_file[:3] == ["ohata_anti-comintern_1976", "coox_nomonhan_1985", "slavinsky_japanese-soviet_2004"]
    assert keys_listed(client.get("/library?sort=author").text)[:4] == [
        "coox_nomonhan_1985", "degtev2025khalkhin", "gaimusho_1941", "haslam1992soviet"]
    assert keys_listed(client.get("/library?sort=-text").text)[0] == "ohata_anti-comintern_1976"  # cited twice
    assert keys_listed(client.get("/library?sort=-notes").text)[0] == "slavinsky_japanese-soviet_2004"
    years = [int(y) for y in re.findall(r'</code></td>\s*<td>[^<]*</td>\s*<td>(\d+)</td>',
                                        client.get("/library?sort=year").text)]
    assert years == sorted(years) and years[0] == 1939
    paged = client.get("/library?sort=author&page=2&size=3").text
    assert keys_listed(paged) == ["haslam1992soviet", "hosoya1980japanesesoviet", "slavinsky_japanese-soviet_2004"]
    assert "14 items, 4–6 shown" in text_of(paged) and 'href="/library?sort=author&amp;page=3&amp;size=3"' in paged
    assert 'aria-sort="ascending"' in paged and "▲ A–Z" in text_of(paged)
    assert keys_listed(client.get("/library?sort=nonsense").text) == by_file  # anything else: the default


def test_an_item_shows_its_fields_its_place_and_every_citation(client, article):
    page = client.get("/library/haslam1992soviet")
    assert page.status_code == 200
    assert re.search(r'<h1 id="library-item" data-key="haslam1992soviet">The Soviet Union and the Threat from '
                     r'the East, 1933–41', page.text)
    fields = dict(re.findall(r'<dt>([^<]+)</dt><dd class="csl-[^"]+">(.*?)</dd>', page.text))
    assert fields["author"] == "Haslam, Jonathan" and fields["date"] == "1992"
    assert fields["publisher"] == "University of Pittsburgh Press" and fields["place"] == "Pittsburgh"
    place = text_of(re.search(r'<p id="item-place".*?</p>', page.text, re.S).group(0))
    assert place == f"{CSL}: item 4, characters 1655–2247"
    assert CSL.read_text(encoding="utf-8")[1655:2247].lstrip().startswith("{")
    assert "&#34;citation-key&#34;: &#34;haslam1992soviet&#34;" in page.text  # the item as written in its file
    assert "2 citations, 1–2 shown" in text_of(page.text)
    assert re.findall(r'<li class="citing-(text|note)"', page.text) == ["text", "note"]
    in_text, in_note = re.findall(r'<li class="citing-(?:text|note)".*?</li>', page.text, re.S)
    assert f'<a class="doc-link" href="/sources/{article}?at=120&amp;end=135#at">Haslam 1992: 45</a>' in in_text
    assert "between the two capitals (Haslam 1992: 45). Coox" in text_of(in_text)
    assert f'<a class="note-link" href="/sources/{article}#note-2">note 2</a>' in in_note
    note = text_of(in_note)
    assert '<q class="citing-citation">Haslam, Soviet Union and the Threat from the East, 112–14.</q>' in in_note
    assert ("the note: Ibid., 24. See also Togo, Cause of Japan, 201; Haslam, Soviet Union and the Threat from the "
            "East, 112–14.") in note
    assert "the sentence it supports: The talks that led to the Neutrality Pact began in the summer of 1940." in note
    sentence = re.search(r'href="(/sources/[^"]+#at)">The talks that led', in_note).group(1)
    marked = client.get(html.unescape(sentence)).text
    assert re.search(r'<mark id="at" class="focus">The talks that led to the Neutrality Pact began in the summer '
                     r'of 1940\.', marked)


def test_an_items_citations_are_paged(client, article):
    first = client.get("/library/slavinsky_japanese-soviet_2004?size=1").text
    second = client.get("/library/slavinsky_japanese-soviet_2004?size=1&page=2").text
    assert "2 citations, 1–1 shown" in text_of(first) and "2 citations, 2–2 shown" in text_of(second)
    assert "Slavinsky, Japanese-Soviet Neutrality Pact, 23." in text_of(first)
    assert "Ibid., 24." in text_of(second) and f'href="/sources/{article}#note-2"' in second


def test_an_items_doi_links_to_it_and_an_archive_item_says_where_it_is_kept(client):
    degtev = client.get("/library/degtev2025khalkhin").text
    assert ('<a class="doi" href="https://doi.org/10.55105/2658-6444-2025-1-73-92">'
            '10.55105/2658-6444-2025-1-73-92</a>') in degtev
    assert '<dd class="csl-container-title">Russian Japanology Review</dd>' in degtev
    for url in (f"/library/{MANUSCRIPT}", "/library/http%3A//zotero.org/users/8213904/items/A2F7LC5E"):
        page = client.get(url)
        assert page.status_code == 200, url
        assert '<dd class="csl-archive">AVP RF</dd>' in page.text
        assert '<dd class="csl-archive_location">F. 0146, Op. 22, P. 192, D. 13</dd>' in page.text
        assert '<dd class="csl-issued">1939-09-16</dd>' in page.text
        assert "No citation in the documents stored links to it." in page.text
    ohata = client.get("/library/ohata_anti-comintern_1976").text  # a BibTeX item, read into CSL
    assert '<dd class="csl-author">Ōhata, Tokushirō</dd>' in ohata
    assert '<dd class="csl-editor">Morley, James William</dd>' in ohata
    assert "@incollection{ohata_anti-comintern_1976," in ohata


def test_an_unknown_item_is_a_404(client):
    page = client.get("/library/nobody1900")
    assert page.status_code == 404 and "Library item nobody1900 is not in this store." in page.text


def test_the_document_links_its_citations_to_the_library(client, article):
    page = client.get(f"/sources/{article}").text
    body = re.search(r'<div id="document-text".*?</div>', page, re.S).group(0)
    linked = re.findall(r'<sup class="library-cite"><a class="library-link" href="([^"]+)"', body)
    assert linked == ["/library/haslam1992soviet", "/library/coox_nomonhan_1985", "/library/molodyakov2012rossiya",
                      "/library/ohata_anti-comintern_1976", "/library/ohata_anti-comintern_1976",
                      "/library/molodyakov_sovetsko-yaponskii_2016", "/library/degtev2025khalkhin"]
    assert "(Haslam 1992: 45<sup" in body  # right after the citation, said in words
    haslam = re.search(r'<a class="library-link" href="/library/haslam1992soviet"[^>]*>library</a></sup>', body)
    assert 'aria-label="library: Haslam 1992: 45"' in haslam.group(0)
    assert "Iriye 1987: 12<sup" not in body  # a work of no library
    notes = re.search(r'<section id="notes">.*?</section>', page, re.S).group(0)
    slavinsky = re.search(r'<li class="citation"[^>]*>published: Slavinsky, Japanese-Soviet Neutrality Pact, 23\..*?'
                          r'</li>', notes, re.S).group(0)
    assert '<a class="library-link" href="/library/slavinsky_japanese-soviet_2004"' in slavinsky
    assert notes.count('class="library-link"') == 8  # every note citation a library names, Ibid. included
    archival = re.search(r'<li class="citation" data-kind="archival">.*?</li>', notes, re.S).group(0)
    assert "library-link" not in archival


def test_the_navigation_names_the_library_only_where_the_store_keeps_one(client, tmp_path):
    assert '<a href="/library">Library</a>' in client.get("/").text
    assert '<a href="/library">Library</a>' in client.get("/library/nobody1900").text  # on an error page too
    plain = tmp_path / "plain.db"
    ingest(plain, ARTICLE)
    without = TestClient(create_app(plain))
    assert '<a href="/library">Library</a>' not in without.get("/").text
    page = without.get("/library")
    assert page.status_code == 200 and "No bibliography is kept in this store." in page.text
    ingest(plain, "--bibliography", BIB)  # a library added later: the page that follows names it
    assert '<a href="/library">Library</a>' in without.get("/").text
    assert "7 items, 1–7 shown" in text_of(without.get("/library").text)
