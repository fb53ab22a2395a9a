"""Who met whom: people linked by the events whose source and target are both persons, and by the
quotations one addressed to another; each link weighted by how often and dated by its first and
last occasion. Written as GEXF with dynamic (start/end) edges for Gephi and networkx."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import networkx as nx

from legation.lexicon.dates import date_span
from legation.analyze.relations import parse_bound
from legation.store import queries
from legation.store.sqlite import Store


@dataclass(slots=True)
class Link:
    people: tuple[str, str]  # person ids, in sorted order: a meeting has no direction
    events: int = 0
    quotes: int = 0
    types: set[str] = field(default_factory=set)  # CAMEO codes of the events
    first: date | None = None
    last: date | None = None

    @property
    def weight(self) -> int:
        return self.events + self.quotes

    def add(self, span: tuple[date, date] | None, cameo: str | None) -> None:
        if cameo is None:
            self.quotes += 1
        else:
            self.events += 1
            self.types.add(cameo)
        if span:
            self.first = min(self.first or span[0], span[0])
            self.last = max(self.last or span[1], span[1])


def people_network(store: Store, start: str | None = None, end: str | None = None) -> nx.Graph:
    """The graph of people: nodes are person ids (name, side), edges carry weight, events, quotes,
    CAMEO types and start/end dates. With ``start``/``end`` only dated occasions overlapping them count."""
    low = parse_bound(start) if start else None
    high = parse_bound(end, last=True) if end else None
    people = queries.actor_people(store)
    links: dict[tuple[str, str], Link] = {}
    for a, b, first, last, cameo in queries.occasions(store, low and low.isoformat(), high and high.isoformat()):
        if a not in people or b not in people or a == b:
            continue
        span = date_span(first, last)
        if (low or high) and (span is None or (low and span[1] < low) or (high and span[0] > high)):
            continue
        pair = (min(a, b), max(a, b))
        links.setdefault(pair, Link(pair)).add(span, cameo)
    graph = nx.Graph()
    for link in links.values():
        for person in link.people:
            name, side = people[person]
            graph.add_node(person, label=name, side=side or "")
        attributes = {"weight": link.weight, "events": link.events, "quotes": link.quotes,
                      "types": ",".join(sorted(link.types))}
        if link.first and link.last:
            attributes.update(start=link.first.isoformat(), end=link.last.isoformat())
        graph.add_edge(*link.people, **attributes)
    return graph


def write_gexf(graph: nx.Graph, path: str | Path) -> None:
    nx.write_gexf(graph, str(path))
