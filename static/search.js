/* interdoc: the search box. Each locale has its own index (<locale>/search/),
   read by search-engine.js, loaded on first use; results list translated
   pages before untranslated ones, with title and excerpt. Loaded with defer. */
(function () {
  "use strict";

  var box = document.querySelector(".site-search");
  var input = document.getElementById("search-input");
  var panel = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!box || !input || !panel || !status) return;

  var lang = document.documentElement.lang || "en";
  // Korean particles and endings (from the build): 마샬링을 is looked up as 마샬링.
  var endings = (box.getAttribute("data-endings") || "").split(" ").filter(Boolean);
  // How many of the best matches are loaded and shown.
  var SHOWN = 12;
  var index = null;
  var latest = 0;
  var timer = 0;

  function text(name) {
    return box.getAttribute("data-" + name) || "";
  }

  function load() {
    if (!index) {
      var engine = new URL(text("engine"), document.baseURI).href;
      var bundle = new URL(text("bundle"), document.baseURI).href;
      index = import(engine).then(function (m) {
        // Result URLs are absolute paths under the locale's folder, wherever the site lives.
        var home = new URL(text("home"), document.baseURI).pathname;
        var opened = m.open(bundle, { baseUrl: home, excerptLength: 24 });
        return opened.ready.then(function () { return opened; });
      });
      index.catch(function () { index = null; });
    }
    return index;
  }

  function isHangul(c) {
    return c >= "\uAC00" && c <= "\uD7A3";
  }

  // The same rule as the index (src/search/korean.rs): cut a known ending when
  // two syllables stay, or when it follows a non-Hangul word (CString을).
  function stem(word) {
    if (!endings.length || !word || !isHangul(word[word.length - 1])) return word;
    var run = word.length;
    while (run > 0 && isHangul(word[run - 1])) run--;
    var hangul = word.slice(run);
    var afterWord = run > 0 && /[\p{L}\p{N}]/u.test(word[run - 1]);
    for (var i = 0; i < endings.length; i++) {
      var e = endings[i];
      if (hangul.length < e.length || hangul.slice(-e.length) !== e) continue;
      var kept = hangul.length - e.length;
      if (kept >= 2 || (kept === 0 && afterWord)) return word.slice(0, word.length - e.length);
    }
    return word;
  }

  function query(raw) {
    return raw.trim().split(/\s+/).map(stem).join(" ");
  }

  // The engine escapes "<" and ">" in excerpts, not "&".
  function unescape(s) {
    return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'");
  }

  // An excerpt is text with <mark> around matches: it is built as DOM nodes,
  // never parsed as HTML.
  function excerpt(raw) {
    var out = document.createElement("span");
    out.className = "search-excerpt";
    raw = raw.replace(/<\/mark><mark>/g, "");
    raw.split(/(<mark>[\s\S]*?<\/mark>)/).forEach(function (part) {
      if (!part) return;
      var m = /^<mark>([\s\S]*)<\/mark>$/.exec(part);
      if (m) {
        var mark = document.createElement("mark");
        mark.textContent = unescape(m[1]);
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(unescape(part)));
      }
    });
    return out;
  }

  function countText(n) {
    if (n === 0) return text("none").replace("{query}", input.value.trim());
    var form = new Intl.PluralRules(lang).select(n) === "one" ? text("one") : text("other");
    return form.replace("{count}", String(n));
  }

  function setOpen(open) {
    panel.hidden = !open;
  }

  function show(results, total, q) {
    panel.textContent = "";
    panel.setAttribute("data-query", q);
    var summary = document.createElement("p");
    summary.className = "search-summary";
    summary.textContent = countText(total);
    panel.appendChild(summary);
    status.textContent = summary.textContent;
    if (results.length) {
      var list = document.createElement("ol");
      results.forEach(function (r) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.className = "search-result";
        link.href = r.url;
        var title = document.createElement("span");
        title.className = "search-title";
        title.textContent = (r.meta && r.meta.title) || r.url;
        link.appendChild(title);
        if (r.meta && r.meta.fallback) {
          var badge = document.createElement("span");
          badge.className = "search-untranslated";
          badge.textContent = text("untranslated");
          link.appendChild(badge);
          item.className = "is-fallback";
        }
        link.appendChild(excerpt(r.excerpt || ""));
        item.appendChild(link);
        list.appendChild(item);
      });
      panel.appendChild(list);
    }
    setOpen(true);
  }

  function unavailable() {
    panel.textContent = "";
    var p = document.createElement("p");
    p.className = "search-summary";
    p.textContent = text("unavailable");
    panel.appendChild(p);
    status.textContent = p.textContent;
    setOpen(true);
  }

  function run() {
    var raw = input.value;
    var q = query(raw);
    var ticket = ++latest;
    if (!q) {
      setOpen(false);
      status.textContent = "";
      return;
    }
    load().then(function (found) {
      return found.search(q);
    }).then(function (search) {
      if (!search || ticket !== latest) return null;
      return Promise.all(search.results.slice(0, SHOWN).map(function (r) { return r.data(); }))
        .then(function (data) {
          if (ticket !== latest) return;
          // Untranslated pages after translated ones, each group in ranking order.
          var own = data.filter(function (d) { return !(d.meta && d.meta.fallback); });
          var fallback = data.filter(function (d) { return d.meta && d.meta.fallback; });
          show(own.concat(fallback), search.results.length, raw);
        });
    }).catch(function () {
      if (ticket === latest) unavailable();
    });
  }

  function results() {
    return Array.prototype.slice.call(panel.querySelectorAll("a.search-result"));
  }

  input.addEventListener("focus", function () { load(); });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  });

  input.addEventListener("keydown", function (event) {
    var links = results();
    if (event.key === "ArrowDown" && links.length) {
      event.preventDefault();
      links[0].focus();
    } else if (event.key === "Enter" && links.length) {
      event.preventDefault();
      links[0].click();
    } else if (event.key === "Escape") {
      input.value = "";
      run();
    }
  });

  panel.addEventListener("keydown", function (event) {
    var links = results();
    var at = links.indexOf(document.activeElement);
    if (at === -1) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      var next = at + (event.key === "ArrowDown" ? 1 : -1);
      if (next < 0) input.focus();
      else links[Math.min(next, links.length - 1)].focus();
    } else if (event.key === "Escape") {
      setOpen(false);
      input.focus();
    }
  });

  // A click or focus elsewhere closes the results; they come back on focus.
  document.addEventListener("click", function (event) {
    if (!box.contains(event.target)) setOpen(false);
  });
  input.addEventListener("focus", function () {
    if (input.value.trim() && panel.childNodes.length) setOpen(true);
  });
}());
