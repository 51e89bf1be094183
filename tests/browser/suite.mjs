// End-to-end tests of a built interdoc site in a real headless Chromium.
// Run by tests/browser.rs: SITE_DIR is the built site, SCREENSHOT_DIR where
// screenshots go, CHROMIUM the browser binary.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

const SITE = process.env.SITE_DIR;
// tests/fixtures/search-site, built: untranslated pages in the search results.
const SEARCH_SITE = process.env.SEARCH_SITE_DIR;
// tests/fixtures/docfx, built: DocFX tabs.
const DOCFX_SITE = process.env.DOCFX_SITE_DIR;
const SHOTS = process.env.SCREENSHOT_DIR;
const BROWSER = process.env.CHROMIUM || "/usr/bin/chromium";
const TOPIC = "interop/callbacks.html";
const LOCALES = ["en", "fr", "ko", "pt-br", "zh-tw"];

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".svg": "image/svg+xml", ".png": "image/png", ".json": "application/json", ".xml": "application/xml",
};

let server;
let base;
let searchServer;
let searchBase;
let docfxServer;
let docfxBase;
let browser;

// A minimal static server on loopback, so pages load over http as readers' would.
function serve(root) {
  return http.createServer((req, res) => {
    const url = new URL(req.url, "http://localhost");
    let file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root)) { res.writeHead(400); return res.end(); }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!fs.existsSync(file)) {
      res.writeHead(404, { "content-type": TYPES[".html"] });
      return res.end(fs.readFileSync(path.join(root, "404.html")));
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
    res.end(fs.readFileSync(file));
  });
}

before(async () => {
  assert.ok(SITE && fs.existsSync(path.join(SITE, "index.html")), "SITE_DIR must hold a built site");
  server = serve(path.resolve(SITE));
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${server.address().port}`;
  assert.ok(SEARCH_SITE && fs.existsSync(path.join(SEARCH_SITE, "fr")), "SEARCH_SITE_DIR must hold the built search fixture");
  searchServer = serve(path.resolve(SEARCH_SITE));
  await new Promise((resolve) => searchServer.listen(0, "127.0.0.1", resolve));
  searchBase = `http://127.0.0.1:${searchServer.address().port}`;
  assert.ok(DOCFX_SITE && fs.existsSync(path.join(DOCFX_SITE, "en")), "DOCFX_SITE_DIR must hold the built DocFX fixture");
  docfxServer = serve(path.resolve(DOCFX_SITE));
  await new Promise((resolve) => docfxServer.listen(0, "127.0.0.1", resolve));
  docfxBase = `http://127.0.0.1:${docfxServer.address().port}`;
  browser = await chromium.launch({
    executablePath: BROWSER,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync", "--disable-component-update"],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
  searchServer?.close();
  docfxServer?.close();
});

const TABS_PAGE = "docs/pinvoke/callbacks.html";

// The visible panels' ids and the selected tab's id.
async function tabState(page) {
  return page.evaluate(() => ({
    visible: [...document.querySelectorAll(".tabpanel")].filter((p) => p.offsetParent !== null).map((p) => p.id),
    selected: document.querySelector('[role="tab"][aria-selected="true"]')?.id,
    focused: document.activeElement?.id,
  }));
}

test("DocFX tabs: one panel at a time, arrow keys and Home/End move, #tab/ opens one", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${docfxBase}/en/${TABS_PAGE}`);
  let state = await tabState(page);
  assert.deepEqual(state.visible, ["tab/linux"]);
  assert.equal(await page.isVisible(".tabpanel-title"), false, "titles are the tabs now");
  await page.focus("#tab\\/linux-tab");
  await page.keyboard.press("ArrowRight");
  state = await tabState(page);
  assert.deepEqual(state.visible, ["tab/macos"]);
  assert.equal(state.selected, "tab/macos-tab");
  assert.equal(state.focused, "tab/macos-tab");
  await page.keyboard.press("End");
  assert.deepEqual((await tabState(page)).visible, ["tab/windows"]);
  await page.keyboard.press("ArrowRight");
  assert.deepEqual((await tabState(page)).visible, ["tab/linux"], "arrows wrap around");
  await page.click("#tab\\/windows-tab");
  assert.deepEqual((await tabState(page)).visible, ["tab/windows"]);
  assert.ok(page.url().endsWith("#tab/windows"), page.url());
  // Only the selected tab is in the tab order.
  const tabindex = await page.evaluate(() => [...document.querySelectorAll('[role="tab"]')].map((t) => t.tabIndex));
  assert.deepEqual(tabindex, [-1, -1, 0]);
  // A link from another page opens the tab it names.
  await page.goto(`${docfxBase}/fr/docs/pinvoke/overview.html`);
  await page.click('a[href="callbacks.html#tab/windows"]');
  await page.waitForURL(/callbacks\.html#tab\/windows$/);
  assert.deepEqual((await tabState(page)).visible, ["tab/windows"]);
  await context.close();
});

test("DocFX tabs: without JavaScript every panel shows under its title", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${docfxBase}/ko/${TABS_PAGE}`);
  const state = await tabState(page);
  assert.deepEqual(state.visible, ["tab/linux", "tab/macos", "tab/windows"]);
  const titles = await page.$$eval(".tabpanel-title", (ps) => ps.map((p) => p.textContent));
  assert.deepEqual(titles, ["Linux에서", "macOS에서", "Windows에서"]);
  assert.equal(await page.isVisible(".tablist"), false);
  await context.close();
});

test("the root page sends a Korean reader to the Korean site", async () => {
  const context = await browser.newContext({ locale: "ko-KR" });
  const page = await context.newPage();
  await page.goto(`${base}/`);
  await page.waitForURL(/\/ko\/index\.html$/);
  assert.equal(await page.getAttribute("html", "lang"), "ko");
  await context.close();
});

test("the language switcher goes to the same topic in another locale", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/ko/${TOPIC}`);
  await page.click(".lang-switcher > summary");
  await page.click('.lang-switcher a[hreflang="fr"]');
  await page.waitForURL(new RegExp(`/fr/${TOPIC.replace(".", "\\.")}$`));
  assert.equal(await page.getAttribute("html", "lang"), "fr");
  await context.close();
});

// Types a query into the search box (focused with "/") and returns the results
// as shown: href, title, excerpt text and the untranslated mark.
async function search(page, query) {
  await page.keyboard.press("/");
  assert.equal(await page.evaluate(() => document.activeElement.id), "search-input");
  await page.fill("#search-input", query);
  await page.waitForFunction(
    (q) => {
      const panel = document.getElementById("search-results");
      return !panel.hidden && panel.dataset.query === q;
    },
    query,
  );
  return page.$$eval("#search-results li", (items) =>
    items.map((li) => ({
      href: li.querySelector("a").getAttribute("href"),
      title: li.querySelector(".search-title").textContent,
      excerpt: li.querySelector(".search-excerpt").textContent,
      marks: Array.from(li.querySelectorAll("mark"), (m) => m.textContent),
      untranslated: li.querySelector(".search-untranslated")?.textContent ?? null,
    })),
  );
}

test("Korean search finds a stem that appears only with a particle", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const target = "/ko/interop/marshaling-structs-arrays.html";
  // The premise: on that page 건전성 is always followed by a particle.
  const text = await (await fetch(`${base}${target}`)).text();
  assert.match(text, /건전성이/);
  assert.doesNotMatch(text, /건전성(?![가-힣])/);

  await page.goto(`${base}/ko/index.html`);
  for (const query of ["건전성", "건전성은"]) {
    const results = await search(page, query);
    const hit = results.find((r) => r.href === target);
    assert.ok(hit, `${query}: ${JSON.stringify(results)}`);
    assert.ok(hit.marks.includes("건전성이"), `${query}: ${JSON.stringify(hit)}`);
    assert.doesNotMatch(hit.excerpt, /`/, "the index's stem marks are not shown");
  }
  await page.click(`#search-results a[href="${target}"]`);
  await page.waitForURL(`${base}${target}`);
  assert.equal(await page.getAttribute("html", "lang"), "ko");
  await context.close();
});

test("Traditional Chinese search finds 封送處理 and Enter opens the first result", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/zh-tw/${TOPIC}`);
  const results = await search(page, "封送處理");
  assert.ok(results.length >= 2, JSON.stringify(results));
  assert.ok(results.every((r) => r.href.startsWith("/zh-tw/")), "only zh-TW pages");
  assert.ok(results.some((r) => r.href === "/zh-tw/interop/marshaling.html"), JSON.stringify(results));
  assert.ok(results[0].marks.join("").includes("封送處理"), JSON.stringify(results[0]));
  await page.keyboard.press("Enter");
  await page.waitForURL(`${base}${results[0].href}`);
  assert.match(await page.textContent("article"), /封送處理/);
  await context.close();
});

test("French search matches accented and unaccented forms", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/fr/${TOPIC}`);
  const target = "/fr/interop/marshaling-strings.html";
  for (const query of ["chaîne", "chaine", "CHAÎNES"]) {
    const results = await search(page, query);
    assert.equal(results[0]?.href, target, `${query}: ${JSON.stringify(results.slice(0, 3))}`);
    assert.ok(results[0].marks.some((m) => /chaîne/i.test(m)), JSON.stringify(results[0]));
  }
  const results = await search(page, "interoperabilite");
  assert.ok(results.length > 0 && results[0].marks.some((m) => /interopérabilité/i.test(m)), JSON.stringify(results[0]));
  // Arrow down to the first result, then follow it.
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("href")), results[0].href);
  await page.keyboard.press("Enter");
  await page.waitForURL(`${base}${results[0].href}`);
  await context.close();
});

test("untranslated pages are listed after translated ones and marked", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${searchBase}/fr/strings.html`);
  // The premise: the index alone ranks the English-only page first.
  const raw = await page.evaluate(async () => {
    const box = document.querySelector(".site-search");
    const engine = await import(new URL(box.dataset.engine, document.baseURI).href);
    const index = engine.open(new URL(box.dataset.bundle, document.baseURI).href, { baseUrl: "/fr/" });
    const found = await index.search("FFI");
    return Promise.all(found.results.map(async (r) => (await r.data()).url));
  });
  assert.equal(raw[0], "/fr/boundary.html", JSON.stringify(raw));

  const results = await search(page, "FFI");
  assert.deepEqual(results.map((r) => r.href), ["/fr/strings.html", "/fr/boundary.html"]);
  assert.equal(results[0].untranslated, null);
  assert.equal(results[1].untranslated, "Pas encore traduite");
  assert.match(await page.textContent("#search-status"), /2 pages correspondent/);
  await search(page, "introuvablexyz");
  assert.match(await page.textContent("#search-results"), /Aucun résultat pour «\u00a0introuvablexyz\u00a0»/);
  await context.close();
});

// interdoc serve, on a copy of the search fixture.
const SERVE = process.env.SERVE_BASE;
const SERVE_ROOT = process.env.SERVE_ROOT;

// Waits until the page's live-reload stream is open: changes before that
// would not reach it.
async function live(page) {
  await page.waitForFunction(() => document.documentElement.dataset.interdocLive === "connected");
}

test("serve: an edit reloads the open page where the reader was", async () => {
  const context = await browser.newContext({ viewport: { width: 800, height: 400 } });
  const page = await context.newPage();
  const topic = path.join(SERVE_ROOT, "content/en/boundary.md");
  // A long page, so there is somewhere to scroll to.
  const long = fs.readFileSync(topic, "utf8") + "\n" + Array.from({ length: 80 }, (_, i) => `Paragraph ${i}.`).join("\n\n") + "\n";
  fs.writeFileSync(topic, long);
  // Open the page once the server has the long version.
  for (let i = 0; i < 200; i++) {
    if ((await (await fetch(`${SERVE}/en/boundary.html`)).text()).includes("Paragraph 79.")) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await page.goto(`${SERVE}/en/boundary.html`);
  assert.match(await page.textContent("article"), /Paragraph 79\./);
  await live(page);
  await page.evaluate(() => window.scrollTo(0, 900));
  const y = await page.evaluate(() => window.scrollY);
  assert.ok(y > 500, `scrolled to ${y}`);

  fs.writeFileSync(topic, long.replace("Paragraph 3.", "Paragraph three, edited."));
  await page.waitForFunction(() => document.body.textContent.includes("Paragraph three, edited."), null, { timeout: 10000 });
  await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 40, y, { timeout: 5000 });
  await context.close();
});

test("serve: a stylesheet change applies without a reload", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${SERVE}/en/strings.html`);
  await live(page);
  await page.evaluate(() => { window.__stillHere = true; });
  fs.mkdirSync(path.join(SERVE_ROOT, "static"), { recursive: true });
  // The default stylesheet with one rule more.
  const css = fs.readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), "../../static/style.css"), "utf8");
  fs.writeFileSync(path.join(SERVE_ROOT, "static/style.css"), css + "\nbody { outline: 7px solid rgb(1, 2, 3); }\n");
  await page.waitForFunction(() => getComputedStyle(document.body).outlineWidth === "7px", null, { timeout: 10000 });
  assert.equal(await page.evaluate(() => window.__stillHere), true, "the page was not reloaded");
  await context.close();
});

test("serve: a broken file shows the overlay, its fix removes it", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const topic = path.join(SERVE_ROOT, "content/en/strings.md");
  const good = fs.readFileSync(topic, "utf8");
  await page.goto(`${SERVE}/en/strings.html`);
  await live(page);
  fs.writeFileSync(topic, "---\ntitle: [broken\n---\n" + good);
  await page.waitForSelector("#interdoc-overlay", { timeout: 10000 });
  assert.match(await page.textContent("#interdoc-overlay"), /content\/en\/strings\.md:\d+:\d+/);
  assert.match(await page.textContent("article"), /UTF-8/, "the last good page stays underneath");
  fs.writeFileSync(topic, good.replace("NUL byte", "NUL byte (fixed)"));
  await page.waitForFunction(() => !document.getElementById("interdoc-overlay") && document.body.textContent.includes("(fixed)"), null, { timeout: 10000 });
  await context.close();
});

test("the dark theme toggle is remembered across a reload", async () => {
  const context = await browser.newContext({ colorScheme: "light" });
  const page = await context.newPage();
  await page.goto(`${base}/en/${TOPIC}`);
  assert.equal(await page.getAttribute(".theme-toggle", "aria-pressed"), "false");
  await page.click(".theme-toggle");
  assert.equal(await page.getAttribute("html", "data-theme"), "dark");
  await page.reload();
  assert.equal(await page.getAttribute("html", "data-theme"), "dark");
  assert.equal(await page.getAttribute(".theme-toggle", "aria-pressed"), "true");
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.notEqual(background, "rgb(255, 255, 255)", "the dark colours apply");
  await context.close();
});

test("the copy button copies the code without line numbers", async () => {
  const context = await browser.newContext();
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
  const page = await context.newPage();
  await page.goto(`${base}/en/${TOPIC}`);
  const pre = page.locator("figure.code-include pre").first();
  await pre.hover();
  await pre.locator(".copy-code").click();
  await page.waitForFunction(() => document.querySelector(".copy-code.copied"));
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const expected = await pre.locator("code").evaluate((code) => code.innerText.replace(/\n$/, ""));
  assert.equal(copied, expected);
  assert.ok(!/^\s*1\s/.test(copied), "line numbers are not copied");
  assert.ok(copied.includes("extern"), copied);
  await context.close();
});

test("at 375 px there is no horizontal scroll and the sidebar opens", async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
  const page = await context.newPage();
  for (const locale of LOCALES) {
    await page.goto(`${base}/${locale}/${TOPIC}`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `${locale}: page is ${width}px wide`);
  }
  assert.equal(await page.isVisible("#sidebar a[aria-current=page]"), false);
  await page.click(".nav-toggle");
  await page.waitForSelector("#sidebar a[aria-current=page]", { state: "visible" });
  assert.equal(await page.getAttribute(".nav-toggle", "aria-expanded"), "true");
  await context.close();
});

test("screenshots of a topic in every locale, light and dark", async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const scheme of ["light", "dark"]) {
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    for (const locale of LOCALES) {
      const file = path.join(SHOTS, `${locale}-${scheme}.png`);
      await page.goto(`${base}/${locale}/${TOPIC}`);
      await page.screenshot({ path: file });
      // Non-blank: a page of text and code compresses far worse than a flat colour.
      assert.ok(fs.statSync(file).size > 20000, `${file} looks blank`);
    }
    await context.close();
  }
});

// axe-core's serious and critical violations on the open page.
async function serious(page, axe) {
  await page.addScriptTag({ path: axe });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
  });
}

test("axe finds no serious or critical accessibility violations", async () => {
  const axe = path.join(path.dirname(new URL(import.meta.url).pathname), "node_modules/axe-core/axe.min.js");
  const pages = ["index.html?choose", "en/index.html", ...LOCALES.map((l) => `${l}/${TOPIC}`), "en/keywords.html", "translation-status.html"];
  const problems = [];
  for (const scheme of ["light", "dark"]) {
    const context = await browser.newContext({ colorScheme: scheme });
    const page = await context.newPage();
    for (const url of pages) {
      await page.goto(`${base}/${url}`);
      for (const v of await serious(page, axe)) problems.push(`${scheme} ${url}: ${v}`);
    }
    for (const url of ["en/docs/pinvoke/callbacks.html", "fr/docs/pinvoke/overview.html"]) {
      await page.goto(`${docfxBase}/${url}`);
      for (const v of await serious(page, axe)) problems.push(`${scheme} docfx ${url}: ${v}`);
    }
    // Once more with the search results open.
    await page.goto(`${base}/ko/${TOPIC}`);
    await search(page, "콜백");
    await page.addScriptTag({ path: axe });
    const open = await page.evaluate(async () => {
      const result = await window.axe.run(document, { resultTypes: ["violations"] });
      return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
    });
    for (const v of open) problems.push(`${scheme} ko search results: ${v}`);
    await context.close();
  }
  assert.deepEqual(problems, []);
});
