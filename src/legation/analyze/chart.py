"""An interactive chart of a relations series: interactions per period as bars, the Goldstein
mean as a line on its own axis, turning points as dashed lines. One HTML file with plotly's
JavaScript inside it, so it opens with no network."""

from __future__ import annotations

from pathlib import Path

import plotly.graph_objects as go

from legation.analyze.relations import Relations, TurningPoint

HOVER = ("interactions: %{customdata[0]} (cooperative %{customdata[1]}, conflictual %{customdata[2]})"
         "<br>Goldstein sum: %{customdata[3]}<br>%{customdata[4]}<extra></extra>")


def figure(series: Relations, points: list[TurningPoint]) -> go.Figure:
    rows = series.table()
    labels = [row["period"] for row in rows]
    reporters = [f"count_{side}_sources" for side in series.reporters]
    hover = [[row["count"], row["cooperative"], row["conflictual"], row["goldstein_sum"],
              "reported by " + (", ".join(f"{c[6:-8]} {row[c]}" for c in reporters if row[c]) or "—")]
             for row in rows]
    fig = go.Figure()
    fig.add_trace(go.Bar(x=labels, y=[row["count"] for row in rows], name="interactions", customdata=hover,
                         hovertemplate=HOVER, marker_color="rgba(120,140,170,0.55)", yaxis="y"))
    fig.add_trace(go.Scatter(x=labels, y=[row["goldstein_mean"] for row in rows], name="Goldstein mean",
                             hovertemplate="Goldstein mean: %{y:+.2f}<extra></extra>", mode="lines+markers",
                             line={"color": "firebrick"}, yaxis="y2"))
    for point in points:
        fig.add_vline(x=labels.index(point.period) - 0.5, line_dash="dash", line_color="black")
        fig.add_annotation(x=point.period, y=1.0, yref="paper", showarrow=False, yanchor="bottom",
                           text=f"{point.mean_before:+.1f} → {point.mean_after:+.1f}")
    a, b = series.sides
    fig.update_layout(
        title=f"{a}–{b} interactions by {series.by}" + (f", as {series.reporter} sources report them" if series.reporter else ""),
        xaxis={"type": "category", "title": series.by},
        yaxis={"title": "interactions", "rangemode": "tozero"},
        yaxis2={"title": "Goldstein mean (−10 conflict … +10 cooperation)", "overlaying": "y", "side": "right",
                "range": [-10.5, 10.5], "tickvals": [-10, -5, 0, 5, 10], "showgrid": False, "zeroline": True},
        legend={"orientation": "h", "y": -0.2}, hovermode="x unified", template="plotly_white")
    return fig


def write_chart(series: Relations, points: list[TurningPoint], path: str | Path) -> None:
    figure(series, points).write_html(str(path), include_plotlyjs=True, full_html=True)
