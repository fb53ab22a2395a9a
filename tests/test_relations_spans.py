"""Issue 21, "Dates that hold": a span is one event, drawn as one band across the periods it covers
and counted once, where it begins. Here its drawing: the chart (analyze/chart.py, the CLI's --plot
and the report), and the web page's data, band and text alternative, over the seeds' store."""

import re
import warnings

import lxml.html
import pytest

with warnings.catch_warnings():  # starlette's note about httpx's successor, not about this code
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from legation.analyze.chart import band_text, figure, span_lanes
from legation.analyze.evidence import Evidence, EventRecord, load_events
from legation.analyze.relations import relations, turning_points
from legation.store.sqlite import Store
from legation.web.app import create_app

RANGE = {"a": "USSR", "b": "JPN", "from": "1939-01", "to": "1941-12", "by": "month"}


def event(date_, goldstein, date_end=None, name=None):
    evidence = Evidence("x.txt", "s", f"sentence <b>of</b> {name or date_}", 0, 10, 0, 10, None, (), "USSR")
    return EventRecord("190", "ASSAULT", goldstein, "USSR", "JPN", "USSR", "JPN", date_, date_end, "day", name, None,
                       [evidence])


@pytest.fixture(scope="module")
def client(seeds_db):
    return TestClient(create_app(seeds_db))


@pytest.fixture(scope="module")
def seed_series(seeds_db):
    with Store(seeds_db) as store:
        return relations(load_events(store), "USSR", "JPN", "1939-01", "1941-12", "month")


# --- the chart -----------------------------------------------------------------------------------

def test_each_span_is_one_band_in_a_strip_under_the_bars():
    events = [event("1939-05-11", -10, "1939-08-20", "Khalkhin Gol"), event("1939-06-01", 4, "1939-07-15"),
              event("1939-09-02", 3, "1939-11-30"), event("1939-07-03", 2)]
    series = relations(events, "USSR", "JPN", "1939-04", "1939-10")
    fig = figure(series, turning_points(series))
    labels = [row.period.label for row in series.rows]
    bands = [s for s in fig.layout.shapes if s.type == "rect"]
    assert len(bands) == len(series.spans) == 3
    # one band each, from its first period to its last (the range's, where it runs past it)
    assert [(b.x0, b.x1) for b in bands] == [(1 - 0.45, 4 + 0.45), (2 - 0.45, 3 + 0.45), (5 - 0.45, 6 + 0.45)]
    assert {b.yref for b in bands} == {"y3"} and fig.layout.yaxis3.domain[1] < fig.layout.yaxis.domain[0]
    assert span_lanes(series.spans, labels) == [0, 1, 0]  # the third fits after the first in its lane
    assert [b.y0 for b in bands] == [-0.4, 0.6, -0.4]
    texts = [a.text for a in fig.layout.annotations]
    assert texts[0].startswith("-10 Khalkhin Gol") and texts[1].startswith("+4 ")  # the tone as a sign
    assert "&lt;b&gt;of&lt;/b&gt;" in fig.layout.annotations[0].hovertext  # document text is not markup
    hover = [t for t in fig.data if t.yaxis == "y3"]
    assert [list(t.x) for t in hover] == [labels[1:5], labels[2:4], labels[5:7]]
    assert fig.data[0].type == "bar" and list(fig.data[0].y) == [0, 1, 1, 1, 0, 1, 0]  # once each
    plain = figure(relations(events[3:], "USSR", "JPN", "1939-04", "1939-10"), [])
    assert not plain.layout.shapes and "yaxis3" not in plain.layout.to_plotly_json()  # no spans, no strip


def test_a_band_label_says_where_it_is_cut():
    series = relations([event("1939-05-11", -10, "1939-09-16", "Battles of Khalkhin Gol")], "USSR", "JPN",
                       "1939-07", "1939-08")
    [span] = series.spans
    assert band_text(span, 2, 2) == "◂ -10 Battles of Khalkhin Gol ▸"
    assert band_text(span, 1, 36) == "◂… ▸"  # too short for words: cut, its marks kept


# --- the web page --------------------------------------------------------------------------------

def test_the_api_gives_the_spans_the_chart_draws(client, seed_series):
    data = client.get("/api/relations", params=RANGE).json()
    assert data["spans"] == [span.to_dict() for span in seed_series.spans]
    khalkhin = data["spans"][0]
    assert (khalkhin["label"], khalkhin["first"], khalkhin["last"], khalkhin["counted_in"], khalkhin["shown"]) == \
        ("Battles of Khalkhin Gol", "1939-05", "1939-09", "1939-05", ["1939-05", "1939-09"])
    assert (khalkhin["start"], khalkhin["end"]) == ("1939-05-11", "1939-09-16")
    assert len(khalkhin["event"]["evidence"]) == 3
    assert data["summary"]["spans"] == len(data["spans"]) == 5
    september = {row["period"]: row for row in data["periods"]}["1939-09"]
    assert september["count"] == 7  # counted where they begin, the spans are not in September's bar


def test_the_page_lists_each_span_once_with_its_evidence(client, seed_series):
    page = lxml.html.document_fromstring(client.get("/relations", params=RANGE).text)
    listed = page.get_element_by_id("spans-list").findall("li")
    assert len(listed) == len(seed_series.spans) == 5
    first = page.get_element_by_id("span-0")  # the chart's band links here
    assert (first.get("data-first"), first.get("data-last"), first.get("data-counted-in")) == \
        ("1939-05", "1939-09", "1939-05")
    text = " ".join(first.text_content().split())
    # the tone in words and numbers, not in colour alone
    assert text.startswith("1939-05 … 1939-09 Battles of Khalkhin Gol (1939-05-11 – 1939-09-16)")
    assert "conflictual, Goldstein -10.0" in text and "counted in 1939-05" in text and "3 sentences" in text
    evidence = first.xpath(".//details//a[@class='doc-link']")
    assert len(evidence) == 3 and all(a.get("href").startswith("/sources/") for a in evidence)
    counted = first.xpath(".//a[@class='span-counted']")[0].get("href")
    assert "period=1939-05" in counted
    listed_in_may = client.get(counted).text
    assert "Battles of Khalkhin Gol" in listed_in_may  # its evidence is behind May's bar too
    assert "Battles of Khalkhin Gol" not in client.get("/relations/events", params={**RANGE, "period": "1939-07"}).text
    summary = page.get_element_by_id("periods").text_content()
    assert "55 events counted (a span once, in the month it begins)" in " ".join(summary.split())


def test_a_span_begun_before_the_range_is_shown_and_said_not_counted(client):
    page = lxml.html.document_fromstring(client.get("/relations", params={**RANGE, "from": "1939-07"}).text)
    first = page.get_element_by_id("span-0")
    assert (first.get("data-shown"), first.get("data-counted-in")) == ("1939-07 1939-09", "")
    assert "begins before this range: not in its figures" in " ".join(first.text_content().split())
    none = lxml.html.document_fromstring(client.get("/relations", params={**RANGE, "from": "1940-01"}).text)
    assert "None in this range" in none.get_element_by_id("spans").text_content()


def test_the_page_script_draws_the_bands_and_links_them(client):
    script = client.get("/static/relations.js").text
    # the strip, its bands and their links to the list of spans; the list redrawn with the chart
    for piece in ('yaxis3', 'type: "rect"', 'href="#span-', 'showSpan(point.data.meta)', '["spans", "turning-points"'):
        assert piece in script
