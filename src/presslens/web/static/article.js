// The article page: layer toggles (checkboxes, or keys 1-8), and keyboard travel through
// the highlights (j / k), each one's details read out in #focus-info. One class on <body>
// per hidden layer; the CSS takes the highlight off every mark of that layer.
"use strict";
(function () {
  var boxes = document.querySelectorAll("#layers input[name=layer]");

  // Check-worthy claims are whole sentences that cross other highlights, so they are not
  // <mark>s: the browser shades their text ranges (CSS Custom Highlight API), mapped from
  // the claim table's character offsets onto each paragraph's text nodes.
  function point(par, offset) {
    var walker = document.createTreeWalker(par, NodeFilter.SHOW_TEXT);
    var node, left = offset;
    while ((node = walker.nextNode())) {
      if (left <= node.length) return [node, left];
      left -= node.length;
    }
    return null;
  }
  function claimRanges() {
    var pars = document.querySelectorAll("#text p[data-start]");
    var rows = document.querySelectorAll("table.findings-claims tr[data-checkworthy='1']");
    var ranges = [];
    for (var r = 0; r < rows.length; r++) {
      var start = parseInt(rows[r].getAttribute("data-start"), 10);
      var end = parseInt(rows[r].getAttribute("data-end"), 10);
      for (var p = pars.length - 1; p >= 0; p--) {
        var base = parseInt(pars[p].getAttribute("data-start"), 10);
        if (base > start) continue;
        var a = point(pars[p], start - base), b = point(pars[p], end - base);
        if (a && b) {
          var range = new Range();
          range.setStart(a[0], a[1]);
          range.setEnd(b[0], b[1]);
          ranges.push(range);
        }
        break;
      }
    }
    return ranges;
  }
  var claims = window.CSS && CSS.highlights && window.Highlight ? new Highlight() : null;
  if (claims) {
    var found = claimRanges();
    for (var c = 0; c < found.length; c++) claims.add(found[c]);
  }
  function apply(box) {
    document.body.classList.toggle("hide-" + box.value, !box.checked);
    if (box.value === "claims" && claims) {
      if (box.checked) CSS.highlights.set("claims", claims);
      else CSS.highlights.delete("claims");
    }
  }
  for (var i = 0; i < boxes.length; i++) {
    boxes[i].addEventListener("change", function (ev) { apply(ev.target); });
    apply(boxes[i]);
  }

  var info = document.getElementById("focus-info");
  var current = -1;
  function visibleMarks() {
    var all = document.querySelectorAll("#text mark, #thread mark");
    var out = [];
    for (var k = 0; k < all.length; k++) {
      var cls = all[k].className.baseVal || all[k].className;
      var hidden = false;
      for (var b = 0; b < boxes.length; b++) {
        var layer = boxes[b].value === "links" ? "link" : "layer-" + boxes[b].value;
        if (!boxes[b].checked && (" " + cls + " ").indexOf(" " + layer + " ") >= 0) hidden = true;
      }
      if (!hidden) out.push(all[k]);
    }
    return out;
  }
  function focusMark(step) {
    var marks = visibleMarks();
    if (!marks.length) return;
    var old = document.querySelector("mark.focus");
    if (old) old.classList.remove("focus");
    current = (current + step + marks.length) % marks.length;
    var m = marks[current];
    m.classList.add("focus");
    m.setAttribute("tabindex", "-1");
    m.focus({ preventScroll: true });
    m.scrollIntoView({ block: "center" });
    // textContent, never markup: titles hold text from the document
    info.textContent = (current + 1) + " of " + marks.length + ": \u201c" + m.textContent +
      "\u201d \u2014 " + (m.getAttribute("title") || "");
  }
  document.addEventListener("keydown", function (ev) {
    var tag = (ev.target && ev.target.tagName) || "";
    if (ev.ctrlKey || ev.metaKey || ev.altKey || tag === "INPUT" || tag === "TEXTAREA") return;
    var n = parseInt(ev.key, 10);
    if (n >= 1 && n <= boxes.length) {
      boxes[n - 1].checked = !boxes[n - 1].checked;
      apply(boxes[n - 1]);
      ev.preventDefault();
    } else if (ev.key === "j") {
      focusMark(1);
      ev.preventDefault();
    } else if (ev.key === "k") {
      focusMark(-1);
      ev.preventDefault();
    }
  });
})();
