"""Every filter and search form of the workbench, on a store of the seeds and a FRUS volume,
submitted as it stands (as a person who presses the button without changing anything does) and,
where it has a free-text field, with a word typed in: each answers a page, never an error.

The forms are found on the pages, not listed here, so a form added later is submitted too. Forms
that change the store (corrections, POST) are submitted in test_corrections.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from browser.conftest import Visit, served
from legation.devdata import FRUS_EXCERPT

# Where the workbench's forms are: the lists, the analyses, and one page of each kind of item
# (found from the store, below).
PAGES = ["/", "/people", "/quotes", "/search?q=Korea", "/relations", "/network", "/citations"]


@pytest.fixture(scope="module")
def frus_store(tmp_path_factory, abstract_doc, seed_doc) -> Path:
    """The two seeds and the examples' 32 documents of FRUS 1949, vol. VII, pt. 2, read as
    `legation ingest` reads a volume (its list of persons in force)."""
    from legation.pipeline import extract_unit, read_collection
    from legation.store.sqlite import Store

    path = tmp_path_factory.mktemp("frus-store") / "legation.db"
    with Store(path) as store:
        for doc in (abstract_doc, seed_doc):
            store.add_document(doc)
        for unit in read_collection(FRUS_EXCERPT):
            store.add_document(extract_unit(unit))
    return path


@pytest.fixture(scope="module")
def base_url(frus_store: Path) -> Iterator[str]:
    """The app over this module's store: conftest's ``app`` tab (its checks, its screenshot) opens it."""
    with served(frus_store) as url:
        yield url


def item_pages(store_path: Path) -> list[str]:
    """A person's page and a report's page, as the lists link to them."""
    from legation.store.sqlite import Store

    with Store(store_path) as store:
        person = store.db.execute("SELECT id FROM persons ORDER BY rowid LIMIT 1").fetchone()[0]
        report = store.db.execute("SELECT source_id FROM reports ORDER BY rowid LIMIT 1").fetchone()[0]
    return [f"/people/{person}", f"/sources/{report}"]


def get_forms(page) -> list[int]:
    """The indexes of the page's forms that only ask (method GET) and can be submitted."""
    return page.evaluate("""() => [...document.forms].map((form, i) => [form, i])
        .filter(([form]) => (form.method || 'get').toLowerCase() === 'get'
                && form.querySelector('button[type=submit], input[type=submit], button:not([type])'))
        .map(([, i]) => i)""")


def submit_form(visit: Visit, path: str, index: int, word: str | None) -> tuple[int, str]:
    """Open the page, optionally type ``word`` into the form's first text field, press its
    button; the status and the address answered."""
    page = visit.open(path)
    form = page.locator("form").nth(index)
    if word is not None:
        # a free-text field (a date field given a word answers a 400 that says so: not this test's case)
        text = form.locator("input[type=search], input[name=q], input[name=speaker], input[name=name]")
        if text.count() == 0:
            return 0, ""
        text.first.fill(word)
    if form.get_attribute("data-live") is not None or path.startswith("/relations"):
        # the relations form redraws the chart in the page (relations.js): no page is loaded
        form.locator("button[type=submit], input[type=submit], button:not([type])").first.click()
        page.wait_for_load_state("networkidle")
        return (500 if page.locator("#error-status").count() else 200), page.url
    with page.expect_navigation() as navigation:
        form.locator("button[type=submit], input[type=submit], button:not([type])").first.click()
    response = navigation.value
    assert response is not None, f"{path} form {index} ({word!r}): no answer at {page.url}"
    return response.status, page.url


def test_every_form_answers_a_page(app, frus_store):
    submitted = []
    for path in [*PAGES, *item_pages(frus_store)]:
        for index in get_forms(app.open(path)):
            for word in (None, "Korea"):
                status, answered = submit_form(app, path, index, word)
                if status:
                    assert status == 200, f"{path} form {index} ({word!r}): HTTP {status} at {answered}"
                    submitted.append((path, index, word))
    pages_with_forms = {path for path, _, _ in submitted}
    assert {"/people", "/quotes", "/network"} <= pages_with_forms  # the filters were found and submitted
    assert any(path == "/quotes" and word for path, _, word in submitted)  # a word typed in, too
