// The relations chart: drawn with plotly from /api/relations, redrawn when the form changes
// (no page reload); a click on a bar lists that period's events from /relations/events. Each span
// (an event over several periods, counted once where it begins) is one band in a strip under the
// bars, labelled with its score's sign and name; its label and a click on it lead to its evidence
// in the list of spans below the chart (#span-N), the chart's text alternative. The strip's rules
// are those of analyze/chart.py.
(function () {
  "use strict";
  const form = document.getElementById("relations-form");
  const chart = document.getElementById("relations-chart");
  const errorBox = document.getElementById("relations-error");
  const eventsBox = document.getElementById("period-events");

  function query(extra) {
    const params = new URLSearchParams(new FormData(form));
    for (const [k, v] of Object.entries(extra || {})) params.set(k, v);
    return params.toString();
  }

  function showError(message) {
    errorBox.textContent = message;
    errorBox.hidden = !message;
  }

  const HEIGHT = 460;  // the chart without spans (style.css's .chart), in pixels
  const LANE_HEIGHT = 26;
  const BAND_COLORS = { conflictual: ["rgba(192,57,43,0.30)", "#c0392b"], cooperative: ["rgba(58,154,74,0.30)", "#3a9a4a"],
    neutral: ["rgba(120,120,120,0.25)", "#666666"] };

  function tone(score) { return !score ? "neutral" : score < 0 ? "conflictual" : "cooperative"; }

  function escapeText(text) { return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"); }

  // Each span's lane: the first whose bands all end before it begins (analyze/chart.py's span_lanes).
  function spanLanes(spans, labels) {
    const ends = [];
    return spans.map(span => {
      const first = labels.indexOf(span.shown[0]), last = labels.indexOf(span.shown[1]);
      let lane = ends.findIndex(end => end < first);
      if (lane < 0) { lane = ends.length; ends.push(last); } else ends[lane] = last;
      return lane;
    });
  }

  function spanHover(span) {
    const e = span.event;
    const counted = span.counted_in ? "counted in " + span.counted_in : "begins " + span.first + ", before the range: not counted";
    const score = e.goldstein === null ? "" : ", Goldstein " + (e.goldstein > 0 ? "+" : "") + e.goldstein;
    return escapeText(span.first + ".." + span.last + ": " + span.label) + "<br>CAMEO " + e.type + score + "; " + counted +
      "<br>" + e.evidence.length + (e.evidence.length === 1 ? " sentence" : " sentences") + ": click for the evidence";
  }

  function traces(data) {
    const rows = data.periods;
    const x = rows.map(r => r.period);
    const lanes = spanLanes(data.spans, x);
    return [
      { type: "bar", name: "interactions", x: x, y: rows.map(r => r.count), marker: { color: "rgba(120,140,170,0.6)" },
        customdata: rows.map(r => [r.cooperative, r.conflictual, r.goldstein_sum]),
        hovertemplate: "%{x}: %{y} interactions (coop. %{customdata[0]}, confl. %{customdata[1]}, sum %{customdata[2]})<extra></extra>" },
      { type: "scatter", mode: "lines+markers", name: "Goldstein mean", x: x, yaxis: "y2",
        y: rows.map(r => r.goldstein_mean), line: { color: "firebrick" }, connectgaps: false },
      // one trace per span: unseen markers over each period its band covers, to hover and click
      ...data.spans.map((span, i) => {
        const covered = x.slice(x.indexOf(span.shown[0]), x.indexOf(span.shown[1]) + 1);
        return { type: "scatter", mode: "markers", name: span.label, meta: i, showlegend: false, yaxis: "y3",
          x: covered, y: covered.map(() => lanes[i]), marker: { color: "rgba(0,0,0,0)", size: 14, symbol: "square" },
          hovertemplate: spanHover(span) + "<extra></extra>" };
      }),
    ];
  }

  function chartHeight(data) {
    const spans = data.spans.length ? Math.max(...spanLanes(data.spans, data.periods.map(r => r.period))) + 1 : 0;
    return HEIGHT + spans * LANE_HEIGHT;
  }

  function layout(data) {
    const labels = data.periods.map(r => r.period);
    const shapes = data.turning_points.map(p => ({ type: "line", xref: "x", yref: "paper", y0: 0, y1: 1,
      x0: labels.indexOf(p.period) - 0.5, x1: labels.indexOf(p.period) - 0.5, line: { dash: "dash", color: "black" } }));
    const s = data.summary;
    const result = { title: { text: s.sides.join("–") + " interactions by " + s.by }, shapes: shapes, hovermode: "closest",
      xaxis: { type: "category", title: { text: s.by } }, yaxis: { title: { text: "interactions" }, rangemode: "tozero" },
      yaxis2: { title: { text: "Goldstein mean" }, overlaying: "y", side: "right", range: [-10.5, 10.5], dtick: 5 },
      legend: { orientation: "h", y: -0.2 }, margin: { t: 50 }, annotations: [] };
    if (!data.spans.length) return result;
    const lanes = spanLanes(data.spans, labels);
    const count = Math.max(...lanes) + 1;
    const height = chartHeight(data);
    const share = count * LANE_HEIGHT / (height - 130);  // the plotting area: the height less the margins
    const charsPerPeriod = Math.max(chart.clientWidth - 160, 300) / labels.length / 7;
    data.spans.forEach((span, i) => {
      const first = labels.indexOf(span.shown[0]), last = labels.indexOf(span.shown[1]);
      const [fill, line] = BAND_COLORS[tone(span.event.goldstein)];
      shapes.push({ type: "rect", xref: "x", yref: "y3", x0: first - 0.45, x1: last + 0.45, y0: lanes[i] - 0.4,
        y1: lanes[i] + 0.4, fillcolor: fill, line: { color: line, width: 1 }, layer: "above" });
      const g = span.event.goldstein;
      // ◂: it began before the range; ▸: it goes on after it
      let text = (span.shown[0] !== span.first ? "◂ " : "") + (g === null ? "" : (g > 0 ? "+" : "") + g + " ") + span.label;
      const room = Math.max(4, Math.floor((last - first + 1) * charsPerPeriod));
      const after = span.shown[1] !== span.last ? " ▸" : "";
      if (text.length + after.length > room) text = text.slice(0, Math.max(room - after.length - 1, 1)).trimEnd() + "…";
      text += after;
      result.annotations.push({ x: first - 0.4, y: lanes[i], xref: "x", yref: "y3", xanchor: "left", showarrow: false,
        font: { size: 11 }, hovertext: spanHover(span),
        text: '<a href="#span-' + i + '" target="_self">' + escapeText(text) + "</a>" });
    });
    result.height = height;
    result.xaxis.anchor = "y3";
    result.yaxis.domain = [share + 0.06, 1];
    result.yaxis3 = { domain: [0, share], range: [count - 0.5, -0.5], showticklabels: false, showgrid: false,
      zeroline: false, fixedrange: true, title: { text: "spans", font: { size: 11 } } };
    return result;
  }

  // A click on a band or its label: its entry in the list of spans, opened on its evidence.
  function showSpan(index) {
    location.hash = "span-" + index;
    openSpan();
  }

  function openSpan() {
    const entry = /^#span-\d+$/.test(location.hash) && document.getElementById(location.hash.slice(1));
    if (!entry) return;
    const details = entry.querySelector("details");
    if (details) details.open = true;
    entry.scrollIntoView({ block: "center" });
  }

  let latest = 0;  // responses to an older form state are dropped, so the page never goes back

  async function draw() {
    const q = query();
    const asked = ++latest;
    const response = await fetch("/api/relations?" + q);
    if (asked !== latest) return;
    if (!response.ok) {
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const message = page.getElementById("error-message");
      showError(message ? message.textContent : "The chart could not be drawn (" + response.status + ").");
      return;
    }
    showError("");
    const data = await response.json();
    const sections = await serverSections(q);
    if (asked !== latest) return;
    chart.style.height = data.spans.length ? chartHeight(data) + "px" : "";
    await Plotly.react(chart, traces(data), layout(data), { responsive: true, displaylogo: false });
    for (const section of sections) document.getElementById(section.id).replaceWith(section);
    chart.dataset.rendered = q;
    chart.dataset.periods = String(data.periods.length);
    chart.dataset.spans = String(data.spans.length);
    if (!chart.dataset.bound) {
      chart.on("plotly_click", event => {
        const point = event.points[0];
        if (Number.isInteger(point.data.meta)) showSpan(point.data.meta);
        else listEvents(point.x);
      });
      chart.dataset.bound = "1";
      openSpan();  // a shared link to a span (/relations?…#span-0) opens it once the list is in place
    }
  }

  // The turning points and the periods table, as the server renders them for this form state,
  // so the page below the chart always tells the same numbers as the chart.
  async function serverSections(q) {
    const response = await fetch("/relations?" + q);
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    return ["spans", "turning-points", "periods"].map(id => page.getElementById(id)).filter(Boolean)
      .map(section => document.importNode(section, true));
  }

  async function listEvents(period) {
    const response = await fetch("/relations/events?" + query({ period: period }));
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const list = page.getElementById("period-events-list") || page.getElementById("error-message");
    eventsBox.replaceChildren(document.importNode(list, true));
    eventsBox.dataset.period = period;
  }

  form.addEventListener("change", () => {
    history.replaceState(null, "", "/relations?" + query());
    draw();
  });
  window.addEventListener("hashchange", openSpan);
  form.addEventListener("submit", event => { event.preventDefault(); form.dispatchEvent(new Event("change")); });
  draw();
})();
