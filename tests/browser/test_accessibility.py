"""An accessibility check of every page of the workbench: axe-core (vendored with its licence in
tests/browser/vendor/axe-core) finds no serious or critical violation."""

from __future__ import annotations

from pathlib import Path

import pytest

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
PAGES = ["/", "/?sort=-citations", "/people", "/people?sort=-name", "/people/smetanin", "/quotes",
         "/quotes?speaker=smetanin&sort=date", "/search?q=Smetanin", "/search?q=Smetanin&sort=-date", "/relations",
         "/network", "/network?sort=first", "/citations", "/citations?sort=file"]


def serious_violations(page) -> list[tuple[str, str, list[str]]]:
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                          ".map(v => [v.id, v.impact, v.nodes.map(n => n.html).slice(0, 3)])")
    return [tuple(v) for v in found if v[1] in ("serious", "critical")]


@pytest.mark.parametrize("path", PAGES)
def test_a_page_has_no_serious_accessibility_violation(app, path):
    assert serious_violations(app.open(path)) == []


def test_a_document_page_has_no_serious_accessibility_violation(app, store):
    seed = store.db.execute("SELECT id FROM sources WHERE path LIKE '%001_f3ae314bfad271f2%'").fetchone()[0]
    assert serious_violations(app.open(f"/sources/{seed}")) == []


# the library's pages, over a store that keeps the Zotero fixtures' two exports and the article
# citing their works (the session's store keeps no library); and that article, linked to them
LIBRARY_PAGES = ["/library", "/library?sort=-text&size=5&page=2", "/library/haslam1992soviet",
                 "/library/http://zotero.org/users/8213904/items/A2F7LC5E", "ARTICLE"]


@pytest.fixture(scope="module")
def library_site(tmp_path_factory):
    import sqlite3

    from typer.testing import CliRunner

    from browser.conftest import served
    from conftest import FIXTURES
    from legation.cli import app as cli

    zotero = FIXTURES / "zotero"
    path = tmp_path_factory.mktemp("library") / "library.db"
    result = CliRunner().invoke(cli, ["ingest", str(zotero / "library.json"), str(zotero / "library.bib"),
                                      str(zotero / "article.md"), "--layers", "apparatus", "--db", str(path)])
    assert result.exit_code == 0, result.output
    connection = sqlite3.connect(path)
    article = connection.execute("SELECT id FROM sources WHERE path LIKE '%article.md'").fetchone()[0]
    connection.close()
    with served(path) as url:
        yield url, article


@pytest.mark.parametrize("path", LIBRARY_PAGES)
def test_a_library_page_has_no_serious_accessibility_violation(browser_context, library_site, path):
    from browser.conftest import Visit

    url, article = library_site
    visit = Visit(browser_context.new_page(), url)
    try:
        page = visit.open(f"/sources/{article}" if path == "ARTICLE" else path)
        assert page.locator("#site-nav a[href='/library']").inner_text() == "Library"
        assert serious_violations(page) == []
        if path == "ARTICLE":  # the link after a citation is reached by the keyboard, as any link
            page.locator("#document-text .library-link").first.focus()
            assert page.evaluate("document.activeElement.getAttribute('href')") == "/library/haslam1992soviet"
        assert not visit.script_errors and not visit.outside_requests
    finally:
        visit.page.close()
