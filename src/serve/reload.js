// Injected by `journeymap serve` only (never by `build`): reloads the page after a rebuild and
// shows the errors of a broken project over the last good page.
(function () {
  "use strict";
  var overlay = null;
  function hide() {
    if (overlay) { overlay.remove(); overlay = null; }
  }
  function show(text) {
    hide();
    overlay = document.createElement("div");
    overlay.setAttribute("role", "alert");
    overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,24,28,.97);color:#fff;padding:1.5rem;font:14px/1.45 ui-monospace,Menlo,Consolas,monospace";
    var title = document.createElement("p");
    title.style.cssText = "font:bold 16px system-ui,sans-serif;margin:0 0 1rem;color:#ffb4a9";
    // The report's first line is its heading, in the project's language.
    var cut = text.indexOf("\n");
    title.textContent = cut < 0 ? text : text.slice(0, cut);
    var pre = document.createElement("pre");
    pre.style.cssText = "white-space:pre-wrap;margin:0";
    pre.textContent = cut < 0 ? "" : text.slice(cut + 1);
    overlay.appendChild(title);
    overlay.appendChild(pre);
    document.body.appendChild(overlay);
  }
  fetch("/__journeymap/status").then(function (r) { return r.json(); }).then(function (s) {
    if (s.errors) { show(s.errors); }
  }).catch(function () {});
  var events = new EventSource("/__journeymap/events");
  // A reload event lists the site files that changed, one per line ("*": all of them).
  var here = decodeURIComponent(location.pathname).replace(/^\/+/, "");
  if (here === "" || here.charAt(here.length - 1) === "/") { here += "index.html"; }
  events.addEventListener("reload", function (e) {
    var changed = e.data.split("\n");
    if (overlay || changed.indexOf("*") >= 0 || changed.indexOf(here) >= 0) { location.reload(); }
  });
  events.addEventListener("errors", function (e) { show(e.data); });
})();
