// Every page: "/" goes to the search box (or to the search page where there is none).
"use strict";
(function () {
  document.addEventListener("keydown", function (ev) {
    var tag = (ev.target && ev.target.tagName) || "";
    if (ev.key !== "/" || ev.ctrlKey || ev.metaKey || tag === "INPUT" || tag === "TEXTAREA") return;
    var box = document.querySelector("input[name=q]");
    ev.preventDefault();
    if (box) box.focus();
    else window.location.href = "/";
  });
})();
