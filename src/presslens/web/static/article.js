// The article page: layer toggles (checkboxes, or keys 1-7), and keyboard travel through
// the highlights (j / k), each one's details read out in #focus-info. One class on <body>
// per hidden layer; the CSS takes the highlight off every mark of that layer.
"use strict";
(function () {
  var boxes = document.querySelectorAll("#layers input[name=layer]");
  function apply(box) {
    document.body.classList.toggle("hide-" + box.value, !box.checked);
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
