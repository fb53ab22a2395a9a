"""Who met whom: the people network from events and quotations, its dates, and GEXF read back by networkx."""

import networkx as nx
import pytest
from typer.testing import CliRunner

from legation.analyze.network import people_network, write_gexf
from legation.cli import app
from legation.ingest.source import read_source
from legation.model import Event, Person, Quote, Span
from legation.pipeline import extract_text
from legation.store.sqlite import Store

TEXT = "Smetanin met Nomura. Nomura wrote to Smetanin. Smetanin visited Japan. Togo met Molotov.\n"


@pytest.fixture()
def store(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(TEXT)
    doc = extract_text(*read_source(path), ("apparatus",))
    doc.persons = [Person("smetanin", "Konstantin Smetanin", side="USSR"), Person("nomura", "Nomura Kichisaburō", side="JPN"),
                   Person("togo", "Tōgō Shigenori", side="JPN"), Person("molotov", "Vyacheslav Molotov", side="USSR"),
                   Person("hosoya", "Hosoya Chihiro", is_author=True)]
    sentence = Span(0, 20)
    doc.events = [
        Event("040", "CONSULT", 1.0, "smetanin", "nomura", "USSR", "JPN", "1939-11-25", "day", sentence),
        Event("042", "CONSULT", 1.9, "nomura", "smetanin", "JPN", "USSR", "1940-07", "month", sentence),
        Event("042", "CONSULT", 1.9, "smetanin", "JPN", "USSR", "JPN", "1940-10", "month", sentence),  # a state
        Event("040", "CONSULT", 1.0, "togo", "molotov", "JPN", "USSR", None, None, sentence),  # undated
        Event("040", "CONSULT", 1.0, "hosoya", "togo", None, "JPN", "1939-01", "month", sentence),  # a scholar
    ]
    doc.quotes = [Quote("wrote", 28, 33, "nomura", "Nomura", "smetanin", "1940-01-02")]
    with Store(tmp_path / "s.db") as built:
        built.add_document(doc, ("apparatus", "actors"))
    opened = Store(tmp_path / "s.db")
    yield opened
    opened.close()


def test_links_are_weighted_and_dated(store):
    graph = people_network(store)
    assert sorted(graph.nodes) == ["molotov", "nomura", "smetanin", "togo"]  # persons only, no scholar
    link = graph.edges["smetanin", "nomura"]
    assert (link["weight"], link["events"], link["quotes"], link["types"]) == (3, 2, 1, "040,042")
    assert (link["start"], link["end"]) == ("1939-11-25", "1940-07-31")
    assert "start" not in graph.edges["togo", "molotov"]  # undated: linked, but not placed in time
    assert graph.nodes["nomura"] == {"label": "Nomura Kichisaburō", "side": "JPN"}


def test_a_date_range_keeps_only_the_occasions_inside_it(store):
    graph = people_network(store, "1940-01", "1940-12")
    assert {frozenset(edge) for edge in graph.edges} == {frozenset({"smetanin", "nomura"})}
    link = graph.edges["smetanin", "nomura"]
    assert (link["weight"], link["start"], link["end"]) == (2, "1940-01-02", "1940-07-31")
    with pytest.raises(ValueError):
        people_network(store, "1940-13")


def test_gexf_round_trip(store, tmp_path):
    graph = people_network(store)
    write_gexf(graph, tmp_path / "n.gexf")
    text = (tmp_path / "n.gexf").read_text(encoding="utf-8")
    assert 'mode="dynamic"' in text and 'timeformat="date"' in text
    read = nx.read_gexf(tmp_path / "n.gexf")
    assert set(read.nodes) == set(graph.nodes) and read.number_of_edges() == graph.number_of_edges()
    link = read.edges["smetanin", "nomura"]
    assert (link["weight"], link["start"], link["end"], link["quotes"]) == (3, "1939-11-25", "1940-07-31", 1)
    assert read.nodes["togo"]["label"] == "Tōgō Shigenori" and read.nodes["togo"]["side"] == "JPN"


def test_seed_network(seed_doc, tmp_path):
    with Store(tmp_path / "seed.db") as seed:
        seed.add_document(seed_doc)
        graph = people_network(seed)
        people = {row["id"] for row in seed.people()}
    assert set(graph.nodes) <= people and graph.number_of_edges() >= 5
    link = graph.edges["smetanin", "nomura"]  # the ambassador and the foreign minister, 1939–1940
    assert link["weight"] >= 2 and link["start"] <= "1939-11-25" <= link["end"]
    result = CliRunner().invoke(app, ["network", "--gexf", str(tmp_path / "s.gexf"), "--db", str(tmp_path / "seed.db")])
    assert result.exit_code == 0, result.output
    assert nx.read_gexf(tmp_path / "s.gexf").number_of_edges() == graph.number_of_edges()
    bad = CliRunner().invoke(app, ["network", "--from", "May 1939", "--db", str(tmp_path / "seed.db")])
    assert bad.exit_code == 2 and "not a date" in bad.output
