// The relations chart: drawn with plotly from /api/relations, redrawn when the form changes
// (no page reload); a click on a bar lists that period's events from /relations/events.
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

  function traces(data) {
    const rows = data.periods;
    const x = rows.map(r => r.period);
    return [
      { type: "bar", name: "interactions", x: x, y: rows.map(r => r.count), marker: { color: "rgba(120,140,170,0.6)" },
        customdata: rows.map(r => [r.cooperative, r.conflictual, r.goldstein_sum]),
        hovertemplate: "%{x}: %{y} interactions (coop. %{customdata[0]}, confl. %{customdata[1]}, sum %{customdata[2]})<extra></extra>" },
      { type: "scatter", mode: "lines+markers", name: "Goldstein mean", x: x, yaxis: "y2",
        y: rows.map(r => r.goldstein_mean), line: { color: "firebrick" }, connectgaps: false },
    ];
  }

  function layout(data) {
    const labels = data.periods.map(r => r.period);
    const shapes = data.turning_points.map(p => ({ type: "line", xref: "x", yref: "paper", y0: 0, y1: 1,
      x0: labels.indexOf(p.period) - 0.5, x1: labels.indexOf(p.period) - 0.5, line: { dash: "dash", color: "black" } }));
    const s = data.summary;
    return { title: { text: s.sides.join("–") + " interactions by " + s.by }, shapes: shapes, hovermode: "closest",
      xaxis: { type: "category", title: { text: s.by } }, yaxis: { title: { text: "interactions" }, rangemode: "tozero" },
      yaxis2: { title: { text: "Goldstein mean" }, overlaying: "y", side: "right", range: [-10.5, 10.5], dtick: 5 },
      legend: { orientation: "h", y: -0.2 }, margin: { t: 50 } };
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
    await Plotly.react(chart, traces(data), layout(data), { responsive: true, displaylogo: false });
    for (const section of sections) document.getElementById(section.id).replaceWith(section);
    chart.dataset.rendered = q;
    chart.dataset.periods = String(data.periods.length);
    if (!chart.dataset.bound) {
      chart.on("plotly_click", event => listEvents(event.points[0].x));
      chart.dataset.bound = "1";
    }
  }

  // The turning points and the periods table, as the server renders them for this form state,
  // so the page below the chart always tells the same numbers as the chart.
  async function serverSections(q) {
    const response = await fetch("/relations?" + q);
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    return ["turning-points", "periods"].map(id => page.getElementById(id)).filter(Boolean)
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
  form.addEventListener("submit", event => { event.preventDefault(); form.dispatchEvent(new Event("change")); });
  draw();
})();
