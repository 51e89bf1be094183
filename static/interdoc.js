/* interdoc: navigation drawer for small screens, and keeping the current
   page visible in the sidebar. Loaded with defer; every element is optional. */
(function () {
  "use strict";

  var doc = document;
  var body = doc.body;
  var toggle = doc.querySelector(".nav-toggle");
  var sidebar = doc.getElementById("sidebar") || doc.querySelector(".sidebar");
  // Must match the off-canvas breakpoint in style.css.
  var small = window.matchMedia ? window.matchMedia("(max-width: 799.98px)") : null;

  function isSmall() {
    return small ? small.matches : false;
  }

  function isOpen() {
    return !!body && body.classList.contains("nav-open");
  }

  function setOpen(open) {
    if (!body) return;
    body.classList.toggle("nav-open", open);
    if (toggle) toggle.setAttribute("aria-expanded", open ? "true" : "false");
  }

  function close(returnFocus) {
    if (!isOpen()) return;
    setOpen(false);
    if (returnFocus && toggle) toggle.focus();
  }

  if (toggle && body) {
    toggle.addEventListener("click", function () {
      setOpen(!isOpen());
      // Move into the drawer so keyboard users land on the navigation.
      if (isOpen() && sidebar) {
        var first = sidebar.querySelector('[aria-current="page"]') || sidebar.querySelector("a");
        if (first) first.focus();
      }
    });
  }

  // Escape closes the drawer; focus goes back to the toggle if it was inside.
  doc.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" && event.key !== "Esc") return;
    if (!isOpen()) return;
    close(!!(sidebar && sidebar.contains(doc.activeElement)));
  });

  // A click on a sidebar link (small screens), or outside the drawer, closes it.
  doc.addEventListener("click", function (event) {
    if (!isOpen() || !isSmall()) return;
    var target = event.target;
    if (!target || !target.closest) return;
    if (sidebar && sidebar.contains(target)) {
      if (target.closest("a")) close(false);
      return;
    }
    if (toggle && toggle.contains(target)) return;
    close(false);
  });

  // Leaving the small layout (rotation, resize) resets the drawer state.
  if (small) {
    var onChange = function () { if (!small.matches) setOpen(false); };
    if (small.addEventListener) small.addEventListener("change", onChange);
    else if (small.addListener) small.addListener(onChange);
  }

  // Scroll the sidebar (not the page) so the current page's link is in view.
  if (sidebar) {
    var current = sidebar.querySelector('[aria-current="page"]');
    if (current && current.getBoundingClientRect) {
      var box = sidebar.getBoundingClientRect();
      var link = current.getBoundingClientRect();
      if (link.top < box.top || link.bottom > box.bottom) {
        sidebar.scrollTop += link.top - box.top - sidebar.clientHeight / 3;
      }
    }
  }
}());
