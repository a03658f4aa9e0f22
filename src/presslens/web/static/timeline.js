// Brushing on the timeline: drag across any chart to filter the page to those dates. The
// pixel range maps back to days through the axis the server drew (data-first, data-span,
// data-width), and the page reloads with date_from / date_to set, other filters kept.
"use strict";
(function () {
  var status = document.getElementById("brush-status");
  function dayAt(svg, px) {
    var first = new Date(svg.getAttribute("data-first") + "T00:00:00Z");
    var span = parseInt(svg.getAttribute("data-span"), 10);
    var width = parseFloat(svg.getAttribute("data-width"));
    var offset = Math.max(0, Math.min(span - 1, Math.floor((px / width) * span)));
    return new Date(first.getTime() + offset * 86400000).toISOString().slice(0, 10);
  }
  function chartX(svg, ev) {
    var pt = svg.createSVGPoint();
    pt.x = ev.clientX;
    pt.y = ev.clientY;
    var local = pt.matrixTransform(svg.getScreenCTM().inverse());
    return Math.max(0, Math.min(parseFloat(svg.getAttribute("data-width")), local.x - 32));
  }
  var charts = document.querySelectorAll("svg.timechart");
  for (var i = 0; i < charts.length; i++) {
    (function (svg) {
      var brush = svg.querySelector("rect.brush");
      var start = null;
      svg.addEventListener("pointerdown", function (ev) {
        start = chartX(svg, ev);
        svg.setPointerCapture(ev.pointerId);
        brush.setAttribute("x", start);
        brush.setAttribute("width", 0);
        ev.preventDefault();
      });
      svg.addEventListener("pointermove", function (ev) {
        if (start === null) return;
        var x = chartX(svg, ev);
        brush.setAttribute("x", Math.min(start, x));
        brush.setAttribute("width", Math.abs(x - start));
        status.textContent = "dates " + dayAt(svg, Math.min(start, x)) + " to " + dayAt(svg, Math.max(start, x));
      });
      svg.addEventListener("pointerup", function (ev) {
        if (start === null) return;
        var x = chartX(svg, ev), lo = Math.min(start, x), hi = Math.max(start, x);
        start = null;
        if (hi - lo < 3) { brush.setAttribute("width", 0); return; }
        var params = new URLSearchParams(window.location.search);
        params.set("date_from", dayAt(svg, lo));
        params.set("date_to", dayAt(svg, hi));
        status.textContent = "filtering to " + params.get("date_from") + " to " + params.get("date_to") + "…";
        window.location.search = params.toString();
      });
    })(charts[i]);
  }
})();
