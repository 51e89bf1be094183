/* interdoc serve: live reload. Added to pages by the preview server only,
   never to the output of `build`. */
(function () {
  "use strict";

  var KEY = "interdoc-scroll:" + location.pathname;

  // Back where the reader was before the reload.
  var saved = sessionStorage.getItem(KEY);
  if (saved !== null) {
    sessionStorage.removeItem(KEY);
    window.addEventListener("load", function () { window.scrollTo(0, Number(saved)); });
  }

  // This page's path in the output folder, as the server lists changed files.
  function here() {
    var path = decodeURIComponent(location.pathname).replace(/^\//, "");
    return path === "" || /\/$/.test(path) ? path + "index.html" : path;
  }

  function removeOverlay() {
    var old = document.getElementById("interdoc-overlay");
    if (old) old.remove();
    return !!old;
  }

  function showOverlay(errors) {
    removeOverlay();
    var box = document.createElement("div");
    box.id = "interdoc-overlay";
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;inset:auto 1rem 1rem 1rem;z-index:2147483647;max-height:60vh;" +
      "overflow:auto;padding:1rem 1.25rem;background:#1f2328;color:#fff;border-left:6px solid #cf222e;" +
      "border-radius:6px;font:14px/1.5 ui-monospace,monospace;box-shadow:0 8px 24px rgba(0,0,0,.4)";
    var title = document.createElement("strong");
    title.textContent = "interdoc: the last rebuild failed; this is the last good page.";
    var list = document.createElement("ul");
    list.style.cssText = "margin:.5rem 0 0;padding-left:1.25rem;white-space:pre-wrap";
    errors.forEach(function (e) {
      var item = document.createElement("li");
      item.textContent = e;
      list.appendChild(item);
    });
    box.appendChild(title);
    box.appendChild(list);
    document.body.appendChild(box);
  }

  // New stylesheets without a reload: their names carry a content hash, so
  // take the links from the rebuilt page.
  function refreshStyles() {
    fetch(location.href, { cache: "no-store" }).then(function (r) { return r.text(); }).then(function (html) {
      var fresh = new DOMParser().parseFromString(html, "text/html");
      var next = fresh.querySelectorAll('link[rel="stylesheet"]');
      var old = document.querySelectorAll('link[rel="stylesheet"]');
      next.forEach(function (link) { document.head.appendChild(document.importNode(link, true)); });
      // The old ones go once the new ones are in, so nothing flashes unstyled.
      setTimeout(function () { old.forEach(function (link) { link.remove(); }); }, 100);
    });
  }

  function reload() {
    sessionStorage.setItem(KEY, String(window.scrollY));
    location.reload();
  }

  var events = new EventSource("/__interdoc/events");
  events.onopen = function () { document.documentElement.dataset.interdocLive = "connected"; };
  events.onmessage = function (event) {
    var msg = JSON.parse(event.data);
    if (msg.kind === "errors") {
      showOverlay(msg.errors);
      return;
    }
    var hadOverlay = removeOverlay();
    if (msg.kind === "css") refreshStyles();
    else if (msg.kind === "reload" && (hadOverlay || msg.paths.indexOf(here()) !== -1)) reload();
  };
}());
