"""`legation report`: one self-contained HTML file to share with a colleague: the relations chart,
the citation index chart, the top people and their quotations with the notes that source them,
the timeline of events and the consistency report. plotly's JavaScript is inlined from the
plotly package, so the file opens with no network and loads nothing from anywhere.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from legation.analyze.chart import figure as relations_figure
from legation.analyze.evidence import load_events
from legation.lexicon.dates import day_span
from legation.analyze.relations import relations, turning_points
from legation.store.sqlite import Store
from legation.formats.tables import archive_file_label, role_label, store_tables
from legation.web.assets import PLOTLY_JS, TEMPLATES

# The events listed under one month of the timeline table; the chart shows them all.
EVENTS_PER_MONTH = 40
PLOT_CONFIG = {"displaylogo": False, "responsive": True}


def build_report(store: Store, a: str = "USSR", b: str = "JPN", start: str | None = None, end: str | None = None,
                 by: str = "month", top: int = 15) -> str:
    """The report's HTML. Raises ValueError for sides or bounds relations() does not accept."""
    tables = store_tables(store)
    series = relations(load_events(store, (a, b)), a, b, start, end, by)
    points = turning_points(series)
    index = store.citation_index()
    people = store.people()[:top]
    context = {
        "generated": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "works": store.works(),
        "counts": store.counts(),
        "summary": series.summary(),
        "turning_points": points,
        "relations_figure": _script_json(relations_figure(series, points)),
        "citation_figure": _script_json(citation_figure(index[:top])) if index else None,
        "citation_index": [{**row, "label": archive_file_label(row)} for row in index[:top]],
        "people": [{**person, "role_labels": [role_label(role) for role in person["roles"]]} for person in people],
        "quotes": top_quotes(tables["quotes"], people, top),
        "timeline_figure": _script_json(timeline_figure(tables["events"])) if tables["events"] else None,
        "months": events_by_month(tables["events"]),
        "diagnostics": [dict(row) for row in store.diagnostics()],
        "plotly_js": _plotly_js(),
        "plot_config": json.dumps(PLOT_CONFIG),
    }
    return _environment().get_template("report.html").render(**context)


def write_report(store: Store, path: str | Path, **options: Any) -> None:
    Path(path).write_text(build_report(store, **options), encoding="utf-8")


# --- the parts ---------------------------------------------------------------------------------

def citation_figure(index: list[dict[str, Any]]) -> go.Figure:
    """Archive files by citing notes, most cited on top."""
    rows = list(reversed(index))
    labels = [archive_file_label(row) for row in rows]
    folios = [", ".join(row["folios"]) or "—" for row in rows]
    fig = go.Figure(go.Bar(x=[row["notes"] for row in rows], y=labels, orientation="h", customdata=folios,
                           hovertemplate="%{y}<br>%{x} notes<br>folios %{customdata}<extra></extra>",
                           marker_color="rgba(70,110,160,0.75)"))
    fig.update_layout(title="Archive files by citing notes", xaxis={"title": "notes", "dtick": 1},
                      yaxis={"type": "category", "automargin": True}, template="plotly_white",
                      height=max(300, 28 * len(rows) + 120), margin={"l": 10})
    return fig


def timeline_figure(events: list[dict[str, Any]]) -> go.Figure:
    """Dated events on a time axis by Goldstein score, one trace per PLOVER category."""
    by_category: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for event in events:
        if day_span(event["date"]) is not None and event["goldstein"] is not None:
            by_category[event["plover"] or "—"].append(event)
    fig = go.Figure()
    for category in sorted(by_category):
        rows = by_category[category]
        fig.add_trace(go.Scatter(
            x=[day_span(row["date"])[0].isoformat() for row in rows], y=[row["goldstein"] for row in rows],
            mode="markers", name=category, marker={"size": 9, "opacity": 0.75},
            customdata=[[row["date"], row["cameo"], _actor(row, "source"), _actor(row, "target"),
                         row["name"] or row["trigger"] or "", _or_dash(row["footnote"])] for row in rows],
            hovertemplate=("%{customdata[0]} · CAMEO %{customdata[1]} · Goldstein %{y:+.1f}<br>"
                           "%{customdata[2]} → %{customdata[3]}<br>%{customdata[4]}<br>note %{customdata[5]}"
                           "<extra></extra>")))
    fig.update_layout(title="Events over time", xaxis={"type": "date", "title": "date"},
                      yaxis={"title": "Goldstein (−10 conflict … +10 cooperation)", "range": [-10.5, 10.5]},
                      template="plotly_white", legend={"orientation": "h", "y": -0.2})
    return fig


def top_quotes(quotes: list[dict[str, Any]], people: list[dict[str, Any]], limit: int) -> list[dict[str, Any]]:
    """The quotations of the most mentioned people, theirs in rank order and each in corpus order,
    those sourced by a note first."""
    rank = {person["id"]: i for i, person in enumerate(people)}
    spoken = [q for q in quotes if q["speaker"] in rank]
    spoken.sort(key=lambda q: (rank[q["speaker"]], q["footnote"] is None))
    return spoken[:limit]


def events_by_month(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The dated events grouped by the month of their first day ("1939-09"; a year-only date
    under its year), in date order, each month with its count and its first events."""
    months: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for event in events:
        if event["date"]:
            months[event["date"][:7]].append({**event, "source_actor": _actor(event, "source"),
                                              "target_actor": _actor(event, "target")})
    return [{"month": month, "count": len(rows), "events": rows[:EVENTS_PER_MONTH],
             "more": max(0, len(rows) - EVENTS_PER_MONTH)} for month, rows in sorted(months.items())]


def _actor(event: dict[str, Any], end: str) -> str:
    label, side = event[f"{end}_label"], event[f"{end}_side"]
    if not label:
        return "—"
    return f"{label} ({side})" if side and side != label else label


def _or_dash(value: Any) -> str:
    return "—" if value is None else str(value)


def _script_json(fig: go.Figure) -> str:
    """The figure as JSON safe inside a <script> element: a "</script>" in a document's text
    cannot end it (every < > & becomes a JSON escape)."""
    return fig.to_json().replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@lru_cache(maxsize=1)
def _plotly_js() -> str:
    return PLOTLY_JS.read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True)
