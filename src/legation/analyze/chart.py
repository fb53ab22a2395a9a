"""An interactive chart of a relations series: interactions per period as bars, the Goldstein
mean as a line on its own axis, turning points as dashed lines, and each span (an event that runs
over several periods, counted once, where it begins) as one band across the periods it covers,
in a strip of its own under the bars, labelled with its score's sign and its name. One HTML file
with plotly's JavaScript inside it, so it opens with no network.

The web page draws the same chart in JavaScript (web/static/relations.js) with the same strip:
``span_lanes`` and the constants here are its rules too."""

from __future__ import annotations

from pathlib import Path
import plotly.graph_objects as go

from legation.analyze.relations import EventSpan, Relations, TurningPoint

HOVER = ("interactions: %{customdata[0]} (cooperative %{customdata[1]}, conflictual %{customdata[2]})"
         "<br>Goldstein sum: %{customdata[3]}<br>%{customdata[4]}<extra></extra>")
HEIGHT = 460  # the chart without spans, in pixels
LANE_HEIGHT = 26  # one lane of the spans' strip
CHARS_PER_PERIOD = 4.2  # about how many characters of a label fit over one period of a 36-period chart
# Bands' fill and outline by tone; the label's sign ("-10 Battles of Khalkhin Gol") says the tone
# without colour.
BAND_COLORS = {"conflictual": ("rgba(192,57,43,0.30)", "#c0392b"),
               "cooperative": ("rgba(58,154,74,0.30)", "#3a9a4a"),
               "neutral": ("rgba(120,120,120,0.25)", "#666666")}


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
    if series.spans and labels:
        _draw_spans(fig, series.spans, labels)
    return fig


def span_lanes(spans: list[EventSpan], labels: list[str]) -> list[int]:
    """The lane of each span in the strip: the first lane whose bands all end before it begins,
    so that bands never overlap and the strip is as low as it can be."""
    ends: list[int] = []  # the last period index taken in each lane
    lanes = []
    for span in spans:
        first, last = labels.index(span.shown[0]), labels.index(span.shown[1])
        lane = next((i for i, end in enumerate(ends) if end < first), len(ends))
        if lane == len(ends):
            ends.append(last)
        else:
            ends[lane] = last
        lanes.append(lane)
    return lanes


def tone(score: float | None) -> str:
    return "neutral" if not score else "conflictual" if score < 0 else "cooperative"


def band_text(span: EventSpan, periods: int, total: int) -> str:
    """The label drawn on a band: the score's sign and size, then the name, cut to what the band's
    width holds (its whole name is in the hover and in the list of spans); "◂" when it began
    before the range, "▸" when it goes on after it."""
    score = span.event.goldstein
    text = ("◂ " if span.shown[0] != span.first.label else "") + \
        (f"{score:+g} {span.label}" if score is not None else span.label)
    after = " ▸" if span.shown[1] != span.last.label else ""
    room = max(4, int(periods * CHARS_PER_PERIOD * 36 / max(total, 1)))
    if len(text) + len(after) > room:
        text = text[:max(room - len(after) - 1, 1)].rstrip() + "…"
    return text + after


def span_hover(span: EventSpan) -> str:
    """A span's hover: its periods, name, code and score, whether it is counted here, and its
    first sentence."""
    event = span.event
    counted = f"counted in {span.first.label}" if span.counted else f"begins {span.first.label}, before the range: not counted"
    sentence = event.evidence[0].sentence if event.evidence else ""
    sentence = sentence if len(sentence) <= 160 else sentence[:159].rsplit(" ", 1)[0] + "…"
    more = len(event.evidence) - 1
    return (f"{span.periods_label}: {span.label}<br>CAMEO {event.type}"
            + (f", Goldstein {event.goldstein:+g}" if event.goldstein is not None else "")
            + f"; {counted}<br>“{_escape(sentence)}”" + (f"<br>and {more} more sentences" if more else ""))


def _draw_spans(fig: go.Figure, spans: list[EventSpan], labels: list[str]) -> None:
    lanes = span_lanes(spans, labels)
    count = max(lanes) + 1
    strip = count * LANE_HEIGHT
    height = HEIGHT + strip
    share = strip / (height - 160)  # the plotting area is the height less about 160 px of margins
    for index, (span, lane) in enumerate(zip(spans, lanes)):
        first, last = labels.index(span.shown[0]), labels.index(span.shown[1])
        fill, line = BAND_COLORS[tone(span.event.goldstein)]
        fig.add_shape(type="rect", xref="x", yref="y3", x0=first - 0.45, x1=last + 0.45, y0=lane - 0.4,
                      y1=lane + 0.4, fillcolor=fill, line={"color": line, "width": 1}, layer="above")
        fig.add_annotation(x=first - 0.4, y=lane, xref="x", yref="y3", xanchor="left", showarrow=False,
                           text=_escape(band_text(span, last - first + 1, len(labels))), font={"size": 11},
                           hovertext=span_hover(span))
        covered = labels[first:last + 1]
        fig.add_trace(go.Scatter(x=covered, y=[lane] * len(covered), yaxis="y3", mode="markers",
                                 marker={"color": "rgba(0,0,0,0)", "size": 14, "symbol": "square"},
                                 name=span.label, showlegend=False, customdata=[index] * len(covered),
                                 hovertemplate=span_hover(span) + "<extra></extra>"))
    fig.update_layout(height=height, hovermode="closest",
                      xaxis={"anchor": "y3"},
                      yaxis={"domain": [share + 0.06, 1.0]},
                      yaxis3={"domain": [0.0, share], "range": [count - 0.5, -0.5], "showticklabels": False,
                              "showgrid": False, "zeroline": False, "fixedrange": True,
                              "title": {"text": "spans", "font": {"size": 11}}})


def _escape(text: str) -> str:
    """Plotly's labels read a few HTML tags: text from documents is shown as written."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_chart(series: Relations, points: list[TurningPoint], path: str | Path) -> None:
    figure(series, points).write_html(str(path), include_plotlyjs=True, full_html=True)

