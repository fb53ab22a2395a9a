"""Relations by year, and the network of a period, read from the store through its indexes: the
same answers as reading every event and filtering in Python."""

from __future__ import annotations

import warnings
from datetime import date

import pytest

from legation.analyze.evidence import load_events
from legation.analyze.network import people_network
from legation.analyze.relations import GRANULARITIES, parse_bound, relations
from legation.ingest.source import read_source
from legation.lexicon.dates import date_span
from legation.model import Event, Person, Quote, Span
from legation.pipeline import extract_text
from legation.store import queries
from legation.store.sqlite import Store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

PEOPLE = [Person("acheson", "Dean Acheson", side="USA"), Person("vyshinsky", "Andrei Vyshinsky", side="USSR"),
          Person("gromyko", "Andrei Gromyko", side="USSR"), Person("dulles", "John Foster Dulles", side="USA"),
          Person("kennan", "George Kennan", side="USA"), Person("scholar", "A Scholar", is_author=True)]
# (source, target, date, date_end): every shape of date a period must be read against
DATED = [("acheson", "vyshinsky", "1949-05-23", None), ("acheson", "vyshinsky", "1949", None),
         ("vyshinsky", "acheson", "1949-12", None), ("dulles", "gromyko", "1953-01", "1953-03"),
         ("dulles", "gromyko", "1952-11-04", "1954-02"), ("kennan", "gromyko", "1950", "1952"),
         ("kennan", "vyshinsky", "1951-06-30", None), ("gromyko", "dulles", None, None),
         ("acheson", "gromyko", "1950-02-29", None), ("dulles", "USSR", "1953-05", None),
         ("scholar", "acheson", "1950-01", None)]
QUOTES = [("vyshinsky", "acheson", "1949-06-20"), ("gromyko", "kennan", "1952"), ("dulles", "gromyko", None),
          ("kennan", "acheson", "1951-12-31")]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("periods")
    path = folder / "a.md"
    path.write_text("Acheson met Vyshinsky in Paris. Gromyko answered Dulles.\n")
    doc = extract_text(*read_source(path), ("apparatus",))
    doc.persons = PEOPLE
    sentence = Span(0, 31)
    doc.events = [Event("040", "CONSULT", 1.0, a, b, "USA" if a in ("acheson", "dulles", "kennan") else "USSR",
                        "USSR" if b in ("vyshinsky", "gromyko", "USSR") else "USA", start,
                        "day" if start and len(start) == 10 else "month" if start and len(start) == 7 else "year",
                        sentence, date_end=end) for a, b, start, end in DATED]
    doc.quotes = [Quote("said", 0, 4, a, a, b, when) for a, b, when in QUOTES]
    with Store(folder / "s.db") as built:
        built.add_document(doc, ("apparatus", "actors"))
    opened = Store(folder / "s.db", readonly=True)
    yield opened
    opened.close()


def links_read_whole(store: Store, start: str | None, end: str | None) -> set[tuple[str, str, int]]:
    """The network's links from every occasion, filtered here: what the indexed read must equal."""
    low = parse_bound(start) if start else date.min
    high = parse_bound(end, last=True) if end else date.max
    people = queries.actor_people(store)
    counts: dict[tuple[str, str], int] = {}
    for a, b, first, last, _ in queries.occasions(store):
        span = date_span(first, last)
        if a in people and b in people and a != b and span and span[1] >= low and span[0] <= high:
            pair = (min(a, b), max(a, b))
            counts[pair] = counts.get(pair, 0) + 1
    return {(a, b, n) for (a, b), n in counts.items()}


@pytest.mark.parametrize("period", [("1949", "1949"), ("1949-06", "1949-06"), ("1949-12-31", "1950-01"),
                                    ("1950-03", "1950-12"), ("1951", None), (None, "1949-05-22"),
                                    ("1952-12", "1953-02"), ("1953-04", "1953-12"), ("1954-03", None),
                                    ("1940", "1948")])
def test_the_network_of_a_period_is_read_through_the_indexes_and_loses_nothing(store, period):
    start, end = period
    graph = people_network(store, start, end)
    found = {(min(a, b), max(a, b), d["weight"]) for a, b, d in graph.edges(data=True)}
    assert found == {(min(a, b), max(a, b), n) for a, b, n in links_read_whole(store, start, end)}


def test_the_whole_network_keeps_the_undated(store):
    graph = people_network(store)
    assert graph.has_edge("dulles", "gromyko") and graph["dulles"]["gromyko"]["weight"] == 4
    assert not graph.has_node("scholar") and not graph.has_node("USSR")


def test_the_network_page_and_api_answer_for_a_period(store):
    from legation.web.app import create_app

    client = TestClient(create_app(store.path))
    data = client.get("/api/network", params={"from": "1953-01", "to": "1953-12"}).json()
    graph = people_network(store, "1953-01", "1953-12")
    assert {e["data"]["id"] for e in data["edges"]} == {f"{a}--{b}" for a, b in graph.edges}
    assert {n["data"]["id"] for n in data["nodes"]} == {"dulles", "gromyko"}
    page = client.get("/network", params={"from": "1953-01", "to": "1953-12"}).text
    assert 'id="network-links">1</span> links' in page and 'value="1953-01"' in page


def test_relations_by_year(store):
    assert GRANULARITIES == ("week", "month", "quarter", "year")
    events = load_events(store, ("USA", "USSR"))
    by_year = relations(events, "USA", "USSR", "1949", "1954", "year")
    assert [row["period"] for row in by_year.table()] == ["1949", "1950", "1951", "1952", "1953", "1954"]
    assert by_year.table()[0]["start"] == "1949-01-01" and by_year.table()[0]["end"] == "1949-12-31"
    # 1949: the day, the year and the month of December (the year-only date is no month's)
    assert by_year.table()[0]["count"] == 3
    by_month = relations(events, "USA", "USSR", "1949", "1949", "month")
    # a date known only to its year is no month's ("1949", and the span 1950-1952): left out by month
    assert sum(row["count"] for row in by_month.table()) == 2 and (by_month.imprecise, by_year.imprecise) == (2, 0)
    assert {e.date for e in by_year.events_in("1949")} == {"1949-05-23", "1949", "1949-12"}
    # a span of years counts once, where it begins: 1950-1952 in 1950, 1952-11 to 1954-02 in 1952
    assert by_year.table()[1]["count"] == 2 and by_year.table()[3]["count"] == 1
    assert [(span.first.label, span.last.label) for span in by_year.spans] == [("1950", "1952"), ("1952", "1954")]


def test_relations_by_year_in_the_web_app(store):
    from legation.web.app import create_app

    client = TestClient(create_app(store.path))
    data = client.get("/api/relations", params={"a": "USA", "b": "USSR", "from": "1949", "to": "1954",
                                                "by": "year"}).json()
    expected = relations(load_events(store, ("USA", "USSR")), "USA", "USSR", "1949", "1954", "year")
    assert data["periods"] == expected.table() and data["summary"]["by"] == "year"
    page = client.get("/relations", params={"a": "USA", "b": "USSR", "from": "1949", "to": "1954", "by": "year"})
    assert page.status_code == 200 and '<option selected>year</option>' in page.text.replace('option selected="selected"', 'option selected')
    listed = client.get("/relations/events", params={"a": "USA", "b": "USSR", "from": "1949", "to": "1954",
                                                     "by": "year", "period": "1949"})
    assert listed.status_code == 200 and '<span class="num">3</span> events' in listed.text


def test_the_events_of_a_pair_are_those_of_the_whole_store_between_them(store):
    every = load_events(store)
    pair = load_events(store, ("USSR", "USA"))  # either order, names or codes
    assert [e.to_dict() for e in pair] == [e.to_dict() for e in every
                                           if {e.source_side, e.target_side} == {"USA", "USSR"}]
    with pytest.raises(ValueError, match="Atlantis"):
        load_events(store, ("Atlantis", "USA"))
