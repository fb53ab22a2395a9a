"""The who-met-whom network (``legation.analyze.network``) written for Gephi, Cytoscape and
networkx: GEXF (with each link's first and last occasion as its dynamic start/end) or GraphML."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

import networkx as nx

from legation.analyze.network import people_network
from legation.store.sqlite import Store

GRAPH_FORMATS = ("gexf", "graphml")


def write_network(store: Store, path: str | Path | BinaryIO, fmt: str, start: str | None = None, end: str | None = None) -> nx.Graph:
    """Write the people network of the store in ``fmt`` to a path or a binary file; the graph
    written is returned."""
    if fmt not in GRAPH_FORMATS:
        raise ValueError(f"network format must be one of {', '.join(GRAPH_FORMATS)}, not {fmt!r}")
    graph = people_network(store, start, end)
    if fmt == "gexf":
        nx.write_gexf(graph, path)
    else:
        nx.write_graphml(graph, path)
    return graph
