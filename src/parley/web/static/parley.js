// parley web UI: draws the dyad chart with the bundled Vega-Lite, and flashes the quote or event a
// link points at. Everything works without it except the chart (the data table stands in).
(function () {
  "use strict";

  function drawChart() {
    var holder = document.getElementById("chart");
    var specNode = document.getElementById("chart-spec");
    if (!holder || !specNode) return;
    var spec = JSON.parse(specNode.textContent);
    if (!spec.datasets || (!spec.datasets.counts.length && !spec.datasets.tone.length)) return;
    if (typeof window.vegaEmbed !== "function") {
      holder.textContent = "The chart needs JavaScript; the data table below has the same figures.";
      return;
    }
    window.vegaEmbed(holder, spec, {
      actions: false,
      renderer: "svg",
      loader: { target: "_self" },
    }).then(function () {
      holder.setAttribute("data-ready", "true");
    }).catch(function (err) {
      holder.textContent = "The chart could not be drawn (" + err.message + "); the data table below has the same figures.";
    });
  }

  // #quote-N / #event-N point at an anchor before the span; light up every piece of that span.
  function flashTarget() {
    document.querySelectorAll("mark.flash").forEach(function (m) { m.classList.remove("flash"); });
    var match = /^#(quote|event)-(\d+)$/.exec(window.location.hash);
    if (!match) return;
    var attr = match[1] === "quote" ? "data-quotes" : "data-events";
    var marks = Array.prototype.filter.call(document.querySelectorAll("mark[" + attr + "]"), function (m) {
      return m.getAttribute(attr).split(" ").indexOf(match[2]) >= 0;
    });
    marks.forEach(function (m) { m.classList.add("flash"); });
    if (marks.length) marks[0].scrollIntoView({ block: "center" });
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawChart();
    flashTarget();
    window.addEventListener("hashchange", flashTarget);
  });
})();
