// The places map: the vendored Natural Earth countries (TopoJSON → GeoJSON with the
// vendored topojson-client) drawn as SVG paths in an equirectangular projection, and one
// circle per resolved place from the API. No tiles, no other server.
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
    var features = topojson.feature(world, world.objects.countries).features;
    for (var i = 0; i < features.length; i++) {
      var path = document.createElementNS(SVG, "path");
      path.setAttribute("class", "country");
      path.setAttribute("d", geometryPath(features[i].geometry));
      layer.appendChild(titled(path, (features[i].properties || {}).name || ""));
    }
    return features.length;
  }

  function drawPlaces(places) {
    var layer = svg.querySelector("g.points");
    var top = 1;
    for (var i = 0; i < places.length; i++) top = Math.max(top, places[i].documents);
    for (var k = 0; k < places.length; k++) {
      var p = places[k];
      var xy = project(p.lon, p.lat);
      var link = document.createElementNS(SVG, "a");
      link.setAttribute("href", "/?place=" + encodeURIComponent(String(p.geonameid)));
      var dot = document.createElementNS(SVG, "circle");
      dot.setAttribute("class", "place");
      dot.setAttribute("cx", xy[0].toFixed(1));
      dot.setAttribute("cy", xy[1].toFixed(1));
      dot.setAttribute("r", (3 + 7 * Math.sqrt(p.documents / top)).toFixed(1));
      dot.setAttribute("data-geonameid", String(p.geonameid));
      link.appendChild(titled(dot, p.name + " — " + p.documents + " document(s), " + p.mentions + " mention(s)"));
      layer.appendChild(link);
    }
    return places.length;
  }

  // One diamond per event (reports of the same event already merged by the API); its
  // tooltip says what, where, when, how many reports, and the casualties counted.
  function drawEvents(collection) {
    var layer = svg.querySelector("g.events");
    var features = (collection && collection.features) || [];
    for (var i = 0; i < features.length; i++) {
      var f = features[i], c = f.geometry.coordinates, p = f.properties || {};
      var xy = project(c[0], c[1]);
      var d = document.createElementNS(SVG, "path");
      var r = 4 + Math.min(6, 2 * Math.sqrt(p.reports || 1));
      d.setAttribute("class", "event");
      d.setAttribute("d", "M" + xy[0].toFixed(1) + "," + (xy[1] - r).toFixed(1) + "l" + r + "," + r +
        "l" + -r + "," + r + "l" + -r + "," + -r + "Z");
      d.setAttribute("data-category", String(p.category || ""));
      var cas = p.casualties || {}, killed = 0;
      for (var key in cas) {
        if (key.split(":")[0] === "killed" && cas[key]) killed += cas[key];
      }
      var text = String(p.category || "") + (p.mode ? " (" + p.mode + ")" : "") + " — " +
        String(p.place || "") + (p.date_from ? ", " + p.date_from : "") + "; " +
        (p.reports || 1) + " report(s)" + (killed ? "; " + killed + " killed" : "");
      layer.appendChild(titled(d, text));
    }
    return features.length;
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
      var places = drawPlaces(data[1]);
      var events = drawEvents(data[2]);
      svg.setAttribute("data-ready", "1");
      status.textContent = places + " place(s) and " + events + " event(s) on a map of " +
        countries + " countries";
    })
    .catch(function (err) {
      status.textContent = "The map could not be drawn: " + err.message;
    });
})();
