"""What a historian does in the web app, click by click: search, follow a quote to its note and
archive file, change the range of the relations chart, look at the network."""

from __future__ import annotations

import pytest


def test_search_box_finds_smetanin_with_context(app, store):
    page = app.open("/")
    page.locator("#nav-search input[name=q]").fill("Smetanin")
    page.locator("#nav-search input[name=q]").press("Enter")
    page.wait_for_url("**/search?q=Smetanin")
    hits = page.locator("#search-results li.hit")
    kinds = hits.evaluate_all("hits => hits.map(h => h.dataset.kind)")
    # every quotation naming him, then every document (the seed article and the markup fixture)
    quoted = store.db.execute("SELECT count(*) FROM quotes WHERE text LIKE '%smetanin%'").fetchone()[0]
    named = store.db.execute("SELECT count(*) FROM sources WHERE body LIKE '%smetanin%'").fetchone()[0]
    assert kinds == ["quote"] * quoted + ["document"] * named and quoted >= 3 and named == 2
    marked = hits.locator("a.hit-link mark").all_inner_texts()
    assert marked and {m.lower() for m in marked} == {"smetanin"}
    snippet = hits.first.locator("a.hit-link").inner_text()
    assert len(snippet) > len("Smetanin") + 20  # the words around the hit, not the hit alone
    page.locator("#search-results li.hit[data-kind=document] a.hit-link").first.click()
    page.wait_for_url("**/sources/*#at")
    assert page.locator("mark#at").inner_text().lower() == "smetanin"


def test_a_quote_leads_to_its_footnote_and_archive_file(app):
    """Smetanin to Molotov, 25 November 1939: "Malicious and anti-Soviet articles, ..." rests on
    note 9, which cites AVP RF f. 0146, op. 22, p. 191, d. 3, a file cited in 5 notes."""
    page = app.open("/quotes?speaker=smetanin")
    page.locator("tr.quote", has_text="Malicious and anti-Soviet articles").locator("a.quote-position").click()
    page.wait_for_url("**/sources/*#at")
    assert page.locator("mark#at").inner_text().startswith("Malicious and anti-Soviet articles")

    # the first note marker after the quote in the text is its note
    marker = page.evaluate_handle("""() => {
        const at = document.getElementById('at');
        return [...document.querySelectorAll('#document-text a.fn-marker')]
            .find(m => at.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_FOLLOWING); }""").as_element()
    assert marker.get_attribute("data-note") == "9"
    marker.click()
    page.wait_for_url("**#note-9")
    note = page.locator("#note-9")
    assert note.is_visible()
    assert "Pap. 191. D. 3" in note.locator(".note-text").inner_text()

    note.locator("a.archive-file").click()
    page.wait_for_url("**/citations/file?key=*")
    heading = page.locator("h1#archive-file")
    assert heading.inner_text().split(", ")[1:] == ["fond 0146", "opis 22", "papka 191", "delo 3"]
    supported = page.locator("li.supported-sentence")
    assert supported.count() == 5
    assert "9" in supported.evaluate_all("items => items.map(i => i.dataset.note)")

    # the same file in the citation index, with the same count of notes
    key = heading.get_attribute("data-key")
    index = app.open("/citations")
    assert index.locator(f"tr.archive-file-row[data-key='{key}']").get_attribute("data-notes") == "5"


def relations_series(store, start: str, end: str) -> list[tuple[str, int]]:
    """The USSR–Japan monthly series computed by the analysis library, for comparison with the chart."""
    from legation.analyze.evidence import load_events
    from legation.analyze.relations import relations

    series = relations(load_events(store), "USSR", "JPN", start, end, "month")
    return [(row["period"], row["count"]) for row in series.table()]


def plotted(page) -> list[tuple[str, int]]:
    """The bars the chart draws (its first trace), read from Plotly's data on the chart element."""
    bars = page.evaluate("() => { const t = document.getElementById('relations-chart').data[0];"
                         " return [Array.from(t.x), Array.from(t.y)]; }")
    return list(zip(bars[0], bars[1]))


DRAWN_RANGE = ("() => { const drawn = new URLSearchParams(document.getElementById('relations-chart').dataset.rendered);"
               " return [drawn.get('from'), drawn.get('to')]; }")


def drawn_range(page) -> list[str | None]:
    """The range of the series the chart was last drawn from (its data-rendered query)."""
    return page.evaluate(DRAWN_RANGE)


def wait_for_chart(page, start: str, end: str) -> None:
    """Until the chart has been drawn from /api/relations for this range."""
    page.wait_for_function(f"([start, end]) => {{ const [from, to] = ({DRAWN_RANGE})();"
                           " return from === start && to === end; }", arg=[start, end])


def test_changing_the_relations_range_redraws_the_chart(app, store):
    page = app.open("/relations?a=USSR&b=JPN&from=1939-01&to=1939-12&by=month")
    wait_for_chart(page, "1939-01", "1939-12")
    assert plotted(page) == relations_series(store, "1939-01", "1939-12")
    bars = page.locator("#relations-chart .barlayer .point")
    assert bars.count() == 12  # drawn in the SVG, not only held in the data

    page.locator("#rel-from").fill("1940-01")
    page.locator("#rel-to").fill("1941-12")
    page.locator("#relations-form button[type=submit]").click()
    wait_for_chart(page, "1940-01", "1941-12")
    assert plotted(page) == relations_series(store, "1940-01", "1941-12")
    assert bars.count() == 24
    assert "from=1940-01" in page.url and "to=1941-12" in page.url  # the drawn range can be shared
    periods = page.locator("#periods-table tbody tr")  # the table below tells what the chart shows
    assert [periods.nth(i).get_attribute("data-period") for i in range(periods.count())] == \
        [period for period, _ in plotted(page)]

    # a click on the bar of April 1941 (the Neutrality Pact) lists that month's events
    april = [period for period, _ in plotted(page)].index("1941-04")
    box = bars.nth(april).bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    listed = page.locator("#period-events #period-events-list[data-period='1941-04'] li.period-event")
    listed.first.wait_for()
    assert listed.count() == dict(relations_series(store, "1940-01", "1941-12"))["1941-04"]
    assert page.locator("#period-events .evidence a.doc-link").count() >= listed.count()


def wait_for_network(page, start: str, end: str) -> None:
    """Until the graph has been drawn from /api/network for this period."""
    page.wait_for_function("expected => document.getElementById('network').dataset.rendered === expected",
                           arg=f"from={start}&to={end}")


@pytest.mark.parametrize("period", [("", ""), ("1940-01", "1941-12")], ids=["all", "1940-1941"])
def test_network_draws_who_met_whom(app, store, period):
    from legation.analyze.network import people_network

    start, end = period
    graph = people_network(store, start or None, end or None)
    page = app.open("/network")
    if start:  # the period is chosen in the form, which submits: graph, counts and table follow it
        page.locator("#net-from").fill(start)
        page.locator("#net-to").fill(end)
        with page.expect_navigation():
            page.locator("#network-form button[type=submit]").click()
    wait_for_network(page, start, end)
    assert int(page.locator("#network-links").inner_text()) == graph.number_of_edges()
    assert page.locator("#links-table tr.link-row").count() == min(graph.number_of_edges(), 100)
    network = page.locator("#network")
    assert int(network.get_attribute("data-nodes")) == graph.number_of_nodes()
    assert int(network.get_attribute("data-edges")) == graph.number_of_edges()
    assert page.evaluate("window.cy.nodes().length") == graph.number_of_nodes()
    assert page.evaluate("window.cy.edges().length") == graph.number_of_edges()
    assert network.locator("canvas").count() > 0  # cytoscape drew on its canvas


def test_a_click_on_a_person_in_the_network_opens_their_page(app, store):
    from legation.analyze.network import people_network

    graph = people_network(store)
    busiest = max(graph.nodes, key=graph.degree)  # drawn largest, so the easiest to hit
    page = app.open("/network")
    wait_for_network(page, "", "")
    spot = page.evaluate("id => window.cy.getElementById(id).renderedPosition()", busiest)
    box = page.locator("#network").bounding_box()
    page.mouse.click(box["x"] + spot["x"], box["y"] + spot["y"])
    page.wait_for_url(f"**/people/{busiest}")
    assert page.locator("#person-name").get_attribute("data-person") == busiest


def test_an_impossible_relations_range_is_explained_not_drawn(app):
    page = app.open("/relations?from=1939-01&to=1939-12")
    wait_for_chart(page, "1939-01", "1939-12")
    page.locator("#rel-from").fill("1939-13")
    page.locator("#relations-form button[type=submit]").click()
    error = page.locator("#relations-error")
    error.wait_for(state="visible")
    assert "1939-13" in error.inner_text()
    assert drawn_range(page) == ["1939-01", "1939-12"]  # the chart drawn before stays
