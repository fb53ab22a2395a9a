"""A historian corrects a person's side, a note's citation and an event in the workbench: the
correction is kept, shown with the machine's reading beside it, moves the relations and the citation
index, and holds when the same files are ingested again or extracted afresh."""

from __future__ import annotations

import shutil

import httpx
import pytest
from typer.testing import CliRunner

from legation.cli import app as cli
from legation.devdata import ABSTRACT_PAGE, FULL_TEXT
from legation.store.sqlite import Store

from browser.conftest import Visit, served


@pytest.fixture()
def corrected_site(tmp_path, store_path, browser_context):
    path = tmp_path / "own.db"
    shutil.copy(store_path, path)  # a store of its own: the session's store stays as the machine read it
    with served(path) as url:
        page = browser_context.new_page()
        yield Visit(page, url), path, url
        page.close()


def counted(url: str) -> int:
    rows = httpx.get(url + "/api/relations", params={"a": "USSR", "b": "JPN", "from": "1939-01", "to": "1941-12",
                                                     "by": "month"}).json()["periods"]
    return sum(row["count"] for row in rows)


def test_a_side_set_in_the_web_app_holds_through_a_re_ingest(corrected_site):
    visit, path, url = corrected_site
    before = counted(url)
    page = visit.open("/people/smetanin")
    assert page.locator("#person-side").inner_text() == "USSR"
    page.locator("#side-input").fill("JPN")
    page.locator("#side-form input[name=by]").fill("A. Historian")
    with page.expect_navigation() as navigation:
        page.locator("#side-form button[type=submit]").click()
    assert navigation.value.status == 200
    assert page.locator("#person-side").inner_text() == "JPN"
    shown = page.locator("#side-correction .correction").inner_text()
    assert "corrected to JPN by A. Historian" in shown and "the machine read USSR" in shown
    after = counted(url)
    assert after < before  # his acts towards Japan left the USSR–Japan figures

    result = CliRunner().invoke(cli, ["ingest", str(ABSTRACT_PAGE), str(FULL_TEXT), "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert visit.open("/people/smetanin").locator("#person-side").inner_text() == "JPN"
    assert counted(url) == after


def submit(page, form: str) -> int:
    with page.expect_navigation() as navigation:
        page.locator(f"{form} button[type=submit]").click()
    return navigation.value.status


@pytest.fixture()
def apparatus_site(tmp_path, browser_context):
    """The seeds stored with their apparatus only, served: a later ingest with the actors too
    extracts them afresh and replaces their rows."""
    path = tmp_path / "apparatus.db"
    result = CliRunner().invoke(cli, ["ingest", str(ABSTRACT_PAGE), str(FULL_TEXT), "--layers", "apparatus",
                                      "--db", str(path)])
    assert result.exit_code == 0, result.output
    with served(path) as url:
        page = browser_context.new_page()
        yield Visit(page, url), path, url
        page.close()


def test_a_citation_corrected_in_the_web_app_holds_when_the_article_is_extracted_again(apparatus_site):
    visit, path, url = apparatus_site
    seed = Store(path, readonly=True)
    source = seed.db.execute("SELECT id FROM sources WHERE path = ?", (str(FULL_TEXT),)).fetchone()[0]
    seed.close()
    page = visit.open(f"/sources/{source}")
    with page.expect_navigation():
        page.locator("#note-7 .citation .correct-link").click()  # the note's own link to its citation
    assert page.locator("#citation-kind").inner_text() == "archival"
    assert page.locator(".citation-field[data-field=delo]").inner_text() == "13"
    page.locator("#citation-form textarea[name=fields]").fill("delo=14\nfolios=175")
    page.locator("#citation-form input[name=by]").fill("A. Historian")
    assert submit(page, "#citation-form") == 200
    shown = page.locator("#corrections .correction").inner_text()
    assert "Corrected to archival with delo=14; folios=175 by A. Historian" in shown
    assert "the machine read archival with delo=13; folios=174" in shown
    file = {"key": "AVP RF|0146|22|192|14"}
    assert httpx.get(url + "/citations/file", params=file).status_code == 200  # the citation index has it

    result = CliRunner().invoke(cli, ["ingest", str(ABSTRACT_PAGE), str(FULL_TEXT), "--db", str(path)])
    assert result.exit_code == 0 and "ingested" in result.output, result.output  # with the actors: afresh
    page = visit.open(page.url.split("#")[0].removeprefix(url))
    assert page.locator(".citation-field[data-field=delo]").inner_text() == "14"
    assert page.locator(".citation-field[data-field=folios]").inner_text() == "175"
    assert "by A. Historian" in page.locator("#corrections .correction").inner_text()
    assert httpx.get(url + "/citations/file", params=file).status_code == 200


def test_an_event_rejected_in_the_web_app_leaves_the_relations_and_stays_out(corrected_site, seed_doc):
    visit, path, url = corrected_site
    source = seed_doc.source.id
    with Store(path) as store:
        seq = store.db.execute("SELECT seq FROM events WHERE source_id = ? AND source_side = 'USSR' "
                               "AND target_side = 'JPN' AND date LIKE '1940%' ORDER BY seq", (source,)).fetchone()[0]
    before = counted(url)
    page = visit.open(f"/sources/{source}")
    with page.expect_navigation():
        page.locator(f"#events a.correct-link[href$='/events/{seq}']").click()
    machine = page.locator("#event-code").inner_text()
    page.locator("#event-form input[name=reject]").check()
    page.locator("#event-form input[name=by]").fill("A. Historian")
    page.locator("#event-form input[name=note]").fill("a rumour the press reported, no act")
    assert submit(page, "#event-form") == 200
    shown = page.locator("#corrections .correction[data-kind=reject-event]").inner_text()
    assert "Rejected as no event by A. Historian" in shown and "a rumour the press reported" in shown
    assert f"the machine read {machine.split()[0]}" in shown
    assert counted(url) == before - 1

    with Store(path) as store:  # the article extracted again, as a newer legation would
        store.db.execute("DELETE FROM sources WHERE id = ?", (source,))
        store.db.commit()
    result = CliRunner().invoke(cli, ["ingest", str(FULL_TEXT), "--db", str(path)])
    assert result.exit_code == 0 and "ingested" in result.output, result.output
    assert counted(url) == before - 1
    assert "Rejected as no event" in visit.open(f"/sources/{source}/corrections").locator("#corrections").inner_text()


@pytest.mark.parametrize("page_of", ["events/1", "citations/6", "corrections"])
def test_the_correction_pages_have_no_serious_accessibility_violation(app, seed_doc, page_of):
    from browser.test_accessibility import serious_violations

    page = app.open(f"/sources/{seed_doc.source.id}/{page_of}")
    assert serious_violations(page) == []
