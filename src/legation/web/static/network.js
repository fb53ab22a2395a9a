// Who met whom: the graph from /api/network drawn with cytoscape (vendored) for the period of
// the page's form; a click on a person opens their page, on a link the evidence of the link.
(function () {
  "use strict";
  const form = document.getElementById("network-form");
  const box = document.getElementById("network");
  const errorBox = document.getElementById("network-error");
  const colours = { USSR: "#c0392b", JPN: "#2c3e50", USA: "#2e6fb5", DEU: "#7f6a00", GBR: "#6c3483", CHN: "#b9770e", MNG: "#148f77" };

  async function draw() {
    const params = new URLSearchParams(new FormData(form)).toString();
    const response = await fetch("/api/network?" + params);
    if (!response.ok) {
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const message = page.getElementById("error-message");
      errorBox.textContent = message ? message.textContent : "The network could not be drawn.";
      errorBox.hidden = false;
      return;
    }
    errorBox.hidden = true;
    const data = await response.json();
    if (window.cy) window.cy.destroy();
    // kept on window so that a browser test (or a curious historian's console) can inspect the graph
    const cy = window.cy = cytoscape({
      container: box,
      elements: { nodes: data.nodes, edges: data.edges },
      layout: { name: "cose", animate: false },
      style: [
        { selector: "node", style: { label: "data(label)", "font-size": 10, width: "mapData(degree, 1, 10, 12, 40)",
            height: "mapData(degree, 1, 10, 12, 40)", "background-color": n => colours[n.data("side")] || "#888" } },
        { selector: "edge", style: { width: "mapData(weight, 1, 10, 1, 8)", "line-color": "#aab", "curve-style": "haystack" } },
      ],
    });
    cy.on("tap", "node", e => { window.location.href = "/people/" + encodeURIComponent(e.target.id()); });
    cy.on("tap", "edge", e => {
      const d = e.target.data();
      window.location.href = "/network/link?" + new URLSearchParams({ a: d.source, b: d.target }).toString();
    });
    box.dataset.nodes = String(data.nodes.length);
    box.dataset.edges = String(data.edges.length);
    box.dataset.rendered = params;
  }

  // the form submits as forms do: the page comes back with its counts and table of links for the
  // period, and the graph is drawn for the same period from the form's values
  draw();
})();
