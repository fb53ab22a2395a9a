"""Every page of the web app, loaded in Chromium, shows what the seed article holds."""

from __future__ import annotations

from conftest import FULL_TEXT as SEED_ARTICLE

from .conftest import MARKUP_SOURCE

TITLE = "From the Khalkhin Gol Events to the Neutrality Pact"


def source_id_of(store, path) -> str:
    """A stored source's id: the URL of its document view."""
    return store.db.execute("SELECT id FROM sources WHERE path = ?", (str(path),)).fetchone()[0]


def anchored_notes(store, path) -> int:
    """How many of a source's notes have their marker placed in the text."""
    return store.db.execute("SELECT count(*) FROM footnotes f JOIN sources s ON s.id = f.source_id "
                            "WHERE s.path = ? AND f.anchor_end IS NOT NULL", (str(path),)).fetchone()[0]


def test_works_page_lists_the_article_and_its_counts_link_to_the_evidence(app, store):
    page = app.open("/")
    assert TITLE in page.locator("#content").inner_text()
    sources = page.locator("tr.source").evaluate_all("rows => rows.map(r => r.dataset.source)")
    assert len(set(sources)) == 3  # the abstract page, the full text, the markup fixture
    seed = source_id_of(store, SEED_ARTICLE)
    count = page.locator(f"tr.source[data-source='{seed}'] a[href='/sources/{seed}#notes']").first
    assert count.inner_text() == "44"
    count.click()
    page.wait_for_url(f"**/sources/{seed}#notes")
    assert page.locator("#notes li[id^='note-']").count() == 44


def test_document_view_shows_the_text_with_notes_and_highlights(app, store):
    page = app.open(f"/sources/{source_id_of(store, SEED_ARTICLE)}")
    text = page.locator("#document-text")
    assert "Smetanin arrived in Tokyo on November 6" in text.inner_text()
    assert page.locator("#notes li[id^='note-']").count() == 44  # the article's 44 footnotes
    assert text.locator("a.fn-marker").count() == anchored_notes(store, SEED_ARTICLE)
    assert text.locator(".quote").count() > 0
    assert text.locator("a.mention.person[href='/people/smetanin']").count() > 0


def test_footnote_marker_shows_its_note_and_parsed_citation_on_hover(app, store):
    page = app.open(f"/sources/{source_id_of(store, SEED_ARTICLE)}")
    marker = page.locator("#document-text a.fn-marker[data-note='9']")
    pop = page.locator("#document-text sup.fn:has(a.fn-marker[data-note='9']) .fn-pop")
    assert not pop.is_visible()
    marker.hover()
    pop.wait_for(state="visible")
    assert "AVP RF. F. 0146. Op. 22. Pap. 191. D. 3. L. 150." in pop.locator(".fn-text").inner_text()
    parsed = pop.locator(".fn-cite").inner_text()
    assert all(part in parsed for part in ("0146", "22", "191", "3", "150"))


def test_citation_index_ranks_archive_files_by_citing_notes(app):
    page = app.open("/citations")
    files = page.locator("tr.archive-file-row")
    assert files.count() >= 5
    notes = [int(n) for n in files.evaluate_all("rows => rows.map(r => r.dataset.notes)")]
    assert notes == sorted(notes, reverse=True)
    # the most cited file of the seed: AVP RF f. 0146, op. 23, p. 206, d. 14, cited in 12 notes
    assert notes[0] == 12
    first = files.first.inner_text()
    assert "0146" in first and "206" in first


def test_people_page_lists_smetanin_first_and_links_to_him(app):
    page = app.open("/people")
    first = page.locator("tr.person-row").first
    assert "Smetanin" in first.inner_text()
    first.locator("a.person-link").click()
    page.wait_for_url("**/people/smetanin")
    assert page.locator("#person-name").inner_text() == "Konstantin Aleksandrovich Smetanin"


def test_person_page_shows_roles_mentions_and_quotes(app):
    page = app.open("/people/molotov")
    assert page.locator("#person-name").inner_text() == "Vyacheslav Mikhailovich Molotov"
    assert page.locator("#person-side").inner_text() == "USSR"
    assert "USSR Foreign Commissar" in page.locator("#roles").inner_text()
    assert page.locator("#received-quotes tr.quote").count() == 5  # Soviet diplomats writing to him
    assert page.locator("#mentions ol.mentions > li").count() == 7


def test_quotes_page_filters_by_speaker(app, store):
    page = app.open("/quotes?speaker=smetanin")
    quotes = page.locator("#quotes-table tr.quote")
    spoken = store.db.execute("SELECT count(*) FROM quotes WHERE speaker = 'smetanin'").fetchone()[0]
    assert quotes.count() == spoken > 10
    speakers = quotes.evaluate_all("rows => rows.map(r => r.querySelector('a.person-link').getAttribute('href'))")
    assert set(speakers) == {"/people/smetanin"}
    assert "Malicious and anti-Soviet articles" in page.locator("#content").inner_text()


def test_unknown_ids_give_a_not_found_page(app):
    page = app.open("/people/no-such-person", status=404)
    assert page.locator("#error-status").inner_text() == "404"
    assert "no-such-person" in page.locator("#error-message").inner_text()
    app.open("/sources/0000000000000000", status=404)


def test_markup_in_a_document_is_shown_as_text_never_run(app, store):
    page = app.open(f"/sources/{source_id_of(store, MARKUP_SOURCE)}")
    text = page.locator("#document-text").inner_text()
    assert "<script>window.legationInjected = true;</script>" in text
    assert '<img src="missing.png" onerror="window.legationInjected = true">' in text
    assert page.locator("#document-text script, #document-text img").count() == 0
    assert page.evaluate("window.legationInjected") is None


def test_markup_in_a_search_snippet_is_shown_as_text(app):
    page = app.open("/search?q=legationInjected")
    snippets = page.locator("#search-results a.hit-link")
    assert snippets.count() >= 1
    assert "<script>window." in snippets.first.inner_text()
    assert page.locator("#search-results script, #search-results img").count() == 0
    assert page.evaluate("window.legationInjected") is None


HOSTILE_QUERIES = ['"unbalanced', "Smetanin AND OR NOT (", "*", "<script>alert(1)</script>", "Сметанин", "x" * 200, "'; DROP TABLE quotes; --"]


def test_search_answers_hostile_queries_with_a_page_showing_them_as_typed(app):
    page = app.open("/search")
    for query in HOSTILE_QUERIES:
        page.locator("#search-q").fill(query)
        with page.expect_navigation() as navigation:
            page.locator("#search-q").press("Enter")
        assert navigation.value.status == 200, query
        assert page.locator("#search-q").input_value() == query
        assert query in page.locator("#search-count").inner_text()
        assert page.locator("#content script").count() == 0
