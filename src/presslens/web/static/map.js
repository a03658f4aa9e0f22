// The places map: the vendored Natural Earth countries (TopoJSON → GeoJSON with the
// vendored topojson-client) drawn as SVG paths in an equirectangular projection, places
// from the API clustered on screen (a cluster splits as you zoom in), events as diamonds,
// and the place list beside it. Zoom with the wheel, the buttons or + / -, pan by dragging
// or with the arrow keys, 0 to reset. No tiles, no other server.
"use strict";
(function () {
  var SVG = "http://www.w3.org/2000/svg";
  var svg = document.getElementById("map");
  if (!svg) return;
  var W = 960, H = 480;
  var status = document.getElementById("map-status");

  function project(lon, lat) {
    return [((lon + 180) / 360) * W, ((90 - lat) / 180) * H];
  }

  // A ring crossing the antimeridian jumps from +180 to -180; drawn as is, it would streak
  // across the whole map. Unwrap its longitudes so it stays continuous, then draw it again
  // shifted by 360 degrees for the part that ran off one edge (the SVG clips the rest).
  function ringPath(ring) {
    var lons = [], lon = ring.length ? ring[0][0] : 0;
    var lo = Infinity, hi = -Infinity;
    for (var i = 0; i < ring.length; i++) {
      var next = ring[i][0];
      while (next - lon > 180) next -= 360;
      while (lon - next > 180) next += 360;
      lons.push(next);
      lon = next;
      lo = Math.min(lo, next);
      hi = Math.max(hi, next);
    }
    var shifts = [0];
    if (hi > 180) shifts.push(-360);
    if (lo < -180) shifts.push(360);
    var out = "";
    for (var s = 0; s < shifts.length; s++) {
      for (var k = 0; k < ring.length; k++) {
        var p = project(lons[k] + shifts[s], ring[k][1]);
        out += (k ? "L" : "M") + p[0].toFixed(1) + "," + p[1].toFixed(1);
      }
      out += "Z";
    }
    return out;
  }

  function geometryPath(g) {
    if (!g) return "";
    var polys = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
    var d = "";
    for (var i = 0; i < polys.length; i++) {
      for (var j = 0; j < polys[i].length; j++) d += ringPath(polys[i][j]);
    }
    return d;
  }

  function titled(el, text) {
    var t = document.createElementNS(SVG, "title");
    t.textContent = text; // text, never markup: place names come from stored documents
    el.appendChild(t);
    return el;
  }

  function drawCountries(world) {
    var layer = svg.querySelector("g.countries");
    layer.setAttribute("data-features", "1");
    var features = topojson.feature(world, world.objects.countries).features;
    for (var i = 0; i < features.length; i++) {
      var path = document.createElementNS(SVG, "path");
      path.setAttribute("class", "country");
      path.setAttribute("d", geometryPath(features[i].geometry));
      layer.appendChild(titled(path, (features[i].properties || {}).name || ""));
    }
    return features.length;
  }


  // the view: world coordinates (the 960 x 480 plate) scaled by k and shifted by (tx, ty)
  var view = { k: 1, tx: 0, ty: 0 };
  var CELL = 26; // screen pixels (viewBox units) within which places merge into a cluster
  var places = [], events = [];
  var world = svg.querySelector("g.world");

  function screen(lon, lat) {
    var p = project(lon, lat);
    return [p[0] * view.k + view.tx, p[1] * view.k + view.ty];
  }
  function clampView() {
    view.k = Math.max(1, Math.min(64, view.k));
    view.tx = Math.min(0, Math.max(W - W * view.k, view.tx));
    view.ty = Math.min(0, Math.max(H - H * view.k, view.ty));
  }
  function zoomAt(factor, cx, cy) {
    var k = Math.max(1, Math.min(64, view.k * factor));
    var f = k / view.k;
    view.tx = cx - (cx - view.tx) * f;
    view.ty = cy - (cy - view.ty) * f;
    view.k = k;
    redraw();
  }
  function el(name, attrs) {
    var e = document.createElementNS(SVG, name);
    for (var key in attrs) e.setAttribute(key, attrs[key]);
    return e;
  }

  // greedy clustering on the screen grid: places sharing a cell become one circle
  function clusters() {
    var cells = {}, out = [];
    for (var i = 0; i < places.length; i++) {
      var p = places[i], xy = screen(p.lon, p.lat);
      if (xy[0] < -CELL || xy[0] > W + CELL || xy[1] < -CELL || xy[1] > H + CELL) continue;
      var key = Math.floor(xy[0] / CELL) + ":" + Math.floor(xy[1] / CELL);
      if (!cells[key]) { cells[key] = { members: [], x: 0, y: 0, documents: 0 }; out.push(cells[key]); }
      var c = cells[key];
      c.members.push(p);
      c.x += xy[0];
      c.y += xy[1];
      c.documents += p.documents;
    }
    for (var j = 0; j < out.length; j++) {
      out[j].x /= out[j].members.length;
      out[j].y /= out[j].members.length;
    }
    return out;
  }

  function drawPoints() {
    var layer = svg.querySelector("g.points");
    while (layer.firstChild) layer.removeChild(layer.firstChild);
    var top = 1;
    for (var i = 0; i < places.length; i++) top = Math.max(top, places[i].documents);
    var groups = clusters();
    for (var g = 0; g < groups.length; g++) {
      var c = groups[g];
      if (c.members.length === 1) {
        var p = c.members[0];
        var link = el("a", { href: "/?place=" + encodeURIComponent(String(p.geonameid)) });
        var dot = el("circle", {
          "class": "place", cx: c.x.toFixed(1), cy: c.y.toFixed(1),
          r: (3 + 7 * Math.sqrt(p.documents / top)).toFixed(1), "data-geonameid": String(p.geonameid),
        });
        link.appendChild(titled(dot, p.name + " — " + p.documents + " document(s), " + p.mentions + " mention(s)"));
        layer.appendChild(link);
      } else {
        var names = c.members.map(function (m) { return m.name; }).join(", ");
        var grp = el("g", { "class": "cluster", "data-count": String(c.members.length), tabindex: "0", role: "button" });
        grp.appendChild(titled(el("circle", {
          "class": "cluster", cx: c.x.toFixed(1), cy: c.y.toFixed(1),
          r: (9 + 3 * Math.sqrt(c.members.length)).toFixed(1),
        }), c.members.length + " places: " + names + " (click to zoom in)"));
        var label = el("text", { "class": "cluster-n", x: c.x.toFixed(1), y: (c.y + 4).toFixed(1) });
        label.textContent = String(c.members.length);
        grp.appendChild(label);
        (function (cx, cy) {
          function open() { zoomAt(3, cx, cy); }
          grp.addEventListener("click", open);
          grp.addEventListener("keydown", function (ev) { if (ev.key === "Enter") open(); });
        })(c.x, c.y);
        layer.appendChild(grp);
      }
    }
  }

  // one diamond per event (reports of the same event already merged by the API); its
  // tooltip says what, where, when, how many reports, and the casualties counted
  function drawEvents() {
    var layer = svg.querySelector("g.events");
    while (layer.firstChild) layer.removeChild(layer.firstChild);
    for (var i = 0; i < events.length; i++) {
      var f = events[i], c = f.geometry.coordinates, p = f.properties || {};
      var xy = screen(c[0], c[1]);
      var r = 4 + Math.min(6, 2 * Math.sqrt(p.reports || 1));
      var d = el("path", {
        "class": "event", "data-category": String(p.category || ""),
        d: "M" + xy[0].toFixed(1) + "," + (xy[1] - r).toFixed(1) + "l" + r + "," + r +
          "l" + -r + "," + r + "l" + -r + "," + -r + "Z",
      });
      var cas = p.casualties || {}, killed = 0;
      for (var key in cas) {
        if (key.split(":")[0] === "killed" && cas[key]) killed += cas[key];
      }
      var text = String(p.category || "") + (p.mode ? " (" + p.mode + ")" : "") + " — " +
        String(p.place || "") + (p.date_from ? ", " + p.date_from : "") + "; " +
        (p.reports || 1) + " report(s)" + (killed ? "; " + killed + " killed" : "");
      layer.appendChild(titled(d, text));
    }
  }

  function redraw() {
    clampView();
    world.setAttribute("transform", "translate(" + view.tx.toFixed(2) + "," + view.ty.toFixed(2) + ") scale(" + view.k.toFixed(4) + ")");
    svg.setAttribute("data-zoom", view.k.toFixed(2));
    drawPoints();
    drawEvents();
  }

  function toView(ev) {
    var pt = svg.createSVGPoint();
    pt.x = ev.clientX;
    pt.y = ev.clientY;
    var p = pt.matrixTransform(svg.getScreenCTM().inverse());
    return [p.x, p.y];
  }
  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var p = toView(ev);
    zoomAt(ev.deltaY < 0 ? 1.5 : 1 / 1.5, p[0], p[1]);
  }, { passive: false });
  var drag = null;
  svg.addEventListener("pointerdown", function (ev) {
    if (ev.target.closest && ev.target.closest("a, g.cluster")) return;
    drag = { p: toView(ev), tx: view.tx, ty: view.ty };
    svg.setPointerCapture(ev.pointerId);
  });
  svg.addEventListener("pointermove", function (ev) {
    if (!drag) return;
    var p = toView(ev);
    view.tx = drag.tx + p[0] - drag.p[0];
    view.ty = drag.ty + p[1] - drag.p[1];
    redraw();
  });
  svg.addEventListener("pointerup", function () { drag = null; });
  svg.addEventListener("keydown", function (ev) {
    var step = 60;
    if (ev.key === "+" || ev.key === "=") zoomAt(1.5, W / 2, H / 2);
    else if (ev.key === "-") zoomAt(1 / 1.5, W / 2, H / 2);
    else if (ev.key === "0") { view = { k: 1, tx: 0, ty: 0 }; redraw(); }
    else if (ev.key === "ArrowLeft") { view.tx += step; redraw(); }
    else if (ev.key === "ArrowRight") { view.tx -= step; redraw(); }
    else if (ev.key === "ArrowUp") { view.ty += step; redraw(); }
    else if (ev.key === "ArrowDown") { view.ty -= step; redraw(); }
    else return;
    ev.preventDefault();
  });
  function button(id, fn) {
    var b = document.getElementById(id);
    if (b) b.addEventListener("click", fn);
  }
  button("zoom-in", function () { zoomAt(1.5, W / 2, H / 2); });
  button("zoom-out", function () { zoomAt(1 / 1.5, W / 2, H / 2); });
  button("zoom-reset", function () { view = { k: 1, tx: 0, ty: 0 }; redraw(); });

  // the place list beside the map: "show" zooms to a place, hovering a row marks its dot
  function showPlace(lon, lat) {
    var p = project(lon, lat);
    view.k = Math.max(view.k, 8);
    view.tx = W / 2 - p[0] * view.k;
    view.ty = H / 2 - p[1] * view.k;
    redraw();
  }
  var rows = document.querySelectorAll("table.places tbody tr[data-geonameid]");
  for (var r = 0; r < rows.length; r++) {
    (function (row) {
      var lon = parseFloat(row.getAttribute("data-lon")), lat = parseFloat(row.getAttribute("data-lat"));
      var show = row.querySelector("button.show");
      if (show) show.addEventListener("click", function () { showPlace(lon, lat); });
      function mark(on) {
        var dot = svg.querySelector("circle.place[data-geonameid='" + row.getAttribute("data-geonameid") + "']");
        if (dot) dot.classList.toggle("hl", on);
      }
      row.addEventListener("mouseenter", function () { mark(true); });
      row.addEventListener("mouseleave", function () { mark(false); });
    })(rows[r]);
  }

  function json(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(url + ": HTTP " + r.status);
      return r.json();
    });
  }

  Promise.all([
    json(svg.getAttribute("data-world")),
    json(svg.getAttribute("data-places")),
    json(svg.getAttribute("data-events")),
  ])
    .then(function (data) {
      var countries = drawCountries(data[0]);
      places = data[1];
      events = (data[2] && data[2].features) || [];
      redraw();
      svg.setAttribute("data-ready", "1");
      status.textContent = places.length + " place(s) and " + events.length + " event(s) on a map of " +
        countries + " countries";
    })
    .catch(function (err) {
      status.textContent = "The map could not be drawn: " + err.message;
    });
})();
