"""A historian corrects a person's side in the workbench: the correction is kept, shown with the
machine's reading beside it, moves the relations, and holds when the same files are ingested again."""

from __future__ import annotations

import shutil

import httpx
import pytest
from typer.testing import CliRunner

from legation.cli import app as cli
from legation.devdata import ABSTRACT_PAGE, FULL_TEXT

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
