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
  browser = await chromium.launch({
    executablePath: BROWSER,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync", "--disable-component-update"],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
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

test("axe finds no serious or critical accessibility violations", async () => {
  const axe = path.join(path.dirname(new URL(import.meta.url).pathname), "node_modules/axe-core/axe.min.js");
  const pages = ["index.html?choose", "en/index.html", ...LOCALES.map((l) => `${l}/${TOPIC}`), "en/keywords.html", "translation-status.html"];
  const problems = [];
  for (const scheme of ["light", "dark"]) {
    const context = await browser.newContext({ colorScheme: scheme });
    const page = await context.newPage();
    for (const url of pages) {
      await page.goto(`${base}/${url}`);
      await page.addScriptTag({ path: axe });
      const violations = await page.evaluate(async () => {
        const result = await window.axe.run(document, { resultTypes: ["violations"] });
        return result.violations
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
      });
      for (const v of violations) problems.push(`${scheme} ${url}: ${v}`);
    }
    await context.close();
  }
  assert.deepEqual(problems, []);
});
