"""Issue 21 in the browser: on the relations chart each span is one band across the months it
covers, under the bars that count it once, labelled, and leading to its evidence."""

from __future__ import annotations


def test_a_span_is_one_band_that_leads_to_its_evidence(app, store):
    from legation.analyze.evidence import load_events
    from legation.analyze.relations import relations

    series = relations(load_events(store), "USSR", "JPN", "1939-01", "1939-12", "month")
    page = app.open("/relations?a=USSR&b=JPN&from=1939-01&to=1939-12&by=month")
    page.wait_for_function("document.getElementById('relations-chart').dataset.spans === "
                           f"'{len(series.spans)}'")
    chart = page.locator("#relations-chart")
    assert page.locator("#relations-chart .barlayer .point").count() == 12  # the bars, one a month, as before
    # one band a span, drawn in the SVG, from its first month to its last
    bands = page.evaluate("() => document.getElementById('relations-chart').layout.shapes"
                          ".filter(s => s.type === 'rect').map(s => [s.x0, s.x1])")
    labels = [row.period.label for row in series.rows]
    assert bands == [[labels.index(s.shown[0]) - 0.45, labels.index(s.shown[1]) + 0.45] for s in series.spans]
    assert chart.locator(".shapelayer path").count() >= len(series.spans) > 0
    khalkhin = next(i for i, s in enumerate(series.spans) if s.label == "Battles of Khalkhin Gol")
    label = chart.locator(f".annotation[data-index='{khalkhin}']")
    assert label.text_content().startswith("-10 Battles of Khal")  # its tone as a sign, not by colour alone
    # its label leads to the span in the list under the chart, opened on its sentences
    label.click()
    page.wait_for_url(f"**#span-{khalkhin}")
    entry = page.locator(f"#span-{khalkhin}")
    assert entry.locator("details").evaluate("d => d.open")
    assert entry.locator(".evidence a.doc-link").count() == len(series.spans[khalkhin].event.evidence) == 3
    # and so does a click on the band itself
    other = next(i for i, s in enumerate(series.spans) if i != khalkhin)
    box = page.evaluate("""index => {
        const chart = document.getElementById('relations-chart');
        const trace = chart.data.findIndex(t => t.meta === index);
        const point = chart.querySelectorAll('.scatterlayer .trace')[trace - 1].querySelector('.point');
        const r = point.getBoundingClientRect();
        return {x: r.x + r.width / 2, y: r.y + r.height / 2};
    }""", other)
    page.mouse.click(box["x"], box["y"])
    page.wait_for_url(f"**#span-{other}")
    assert page.locator(f"#span-{other} details").evaluate("d => d.open")
