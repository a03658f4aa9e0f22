// Layer toggles on the article page: one class on <body> per hidden layer; the CSS
// (dashboard.css) takes the highlight off every mark of that layer.
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
})();
