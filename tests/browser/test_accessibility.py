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
