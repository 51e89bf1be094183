/* interdoc: searching a locale's index (<locale>/search/, written by
   src/search/bundle.rs). An ES module: open(bundleUrl, options) returns an
   index whose search(query) lists matching pages, best first, each with a
   data() promise for its URL, title, fallback mark and excerpt. Words are
   folded and split as the build does (src/search/words.rs): lowercase,
   without accents, Han and kana as pairs of characters. */

// A word or a run of Han and kana, as the build splits text.
const HAN = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}";
const PIECE = new RegExp(`([${HAN}]+)|((?:(?![${HAN}])[\\p{Alphabetic}\\p{N}_])+)`, "gu");
const IS_HAN = new RegExp(`^[${HAN}]`, "u");

// BM25's usual constants: how fast repeats stop counting, and how much a long
// page is discounted.
const K1 = 1.2;
const B = 0.75;
// A word that only starts like the query counts this much of a whole match.
const PREFIX = 0.5;

export function fold(word) {
  return word.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").normalize("NFC");
}

function pieces(text) {
  const out = [];
  for (const m of text.matchAll(PIECE)) {
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0], han: m[1] !== undefined });
  }
  return out;
}

// Same as shard_of in src/search/bundle.rs: FNV-1a over the UTF-16 code units
// of the first two characters (one for Han and kana).
export function shardOf(surface, shards) {
  const chars = Array.from(surface);
  const prefix = IS_HAN.test(surface) ? chars.slice(0, 1) : chars.slice(0, 2);
  let hash = 0x811c9dc5;
  for (const unit of prefix.join("")) {
    for (let i = 0; i < unit.length; i++) {
      hash ^= unit.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
  }
  return hash % Math.max(1, shards);
}

// The terms of a query: each must match. A word matches the surfaces it
// starts (a whole surface counting more); a Han run, each of its pairs.
function terms(query) {
  const out = [];
  for (const p of pieces(query)) {
    if (!p.han) {
      out.push({ surface: fold(p.text), prefix: true });
      continue;
    }
    const chars = Array.from(p.text);
    if (chars.length === 1) out.push({ surface: p.text, prefix: true, han: p.text });
    for (let i = 0; i + 1 < chars.length; i++) {
      out.push({ surface: chars[i] + chars[i + 1], prefix: false, han: p.text });
    }
  }
  return out;
}

function escapeText(s) {
  return s.replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function open(bundleUrl, options = {}) {
  const base = options.baseUrl || "/";
  const excerptLength = options.excerptLength || 24;
  const get = (name) =>
    fetch(new URL(name, bundleUrl)).then((r) => {
      if (!r.ok) throw new Error(`${name}: ${r.status}`);
      return r.json();
    });
  const cached = new Map();
  const once = (name) => {
    if (!cached.has(name)) {
      const p = get(name);
      p.catch(() => cached.delete(name));
      cached.set(name, p);
    }
    return cached.get(name);
  };
  const head = once("pages.json");

  // Page -> score for one term, and the surfaces it matched (for marking).
  async function match(term, meta) {
    const shard = await once(`w/${shardOf(term.surface, meta.shards)}.json`);
    const s = shard.s;
    // Surfaces are sorted: binary search for the first >= the term.
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (s[mid][0] < term.surface) lo = mid + 1;
      else hi = mid;
    }
    const weightOf = new Map();
    for (let i = lo; i < s.length && s[i][0].startsWith(term.surface); i++) {
      const whole = s[i][0] === term.surface;
      if (!whole && !term.prefix) break;
      const w = whole ? 1 : PREFIX;
      if ((weightOf.get(s[i][1]) || 0) < w) weightOf.set(s[i][1], w);
    }
    const scores = new Map();
    const n = meta.pages.length;
    for (const [k, w] of weightOf) {
      const postings = shard.k[k][1];
      const df = postings.length / 2;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      for (let j = 0; j < postings.length; j += 2) {
        const page = postings[j];
        const tf = postings[j + 1];
        const len = meta.pages[page][3] / (meta.average || 1);
        const score = w * idf * (tf * (K1 + 1)) / (tf + K1 * (1 - B + B * len));
        if ((scores.get(page) || 0) < score) scores.set(page, score);
      }
    }
    // Every surface of the matched keys is marked in excerpts (chaînes for
    // chaîne), not only those the query starts.
    const marked = new Set();
    for (const [surface, k] of s) if (weightOf.has(k)) marked.add(surface);
    return { scores, marked };
  }

  function excerpt(text, marked, hans) {
    const marks = [];
    for (const p of pieces(text)) {
      if (p.han) {
        for (const h of hans) {
          let at = p.text.indexOf(h);
          while (at !== -1) {
            marks.push([p.start + at, p.start + at + h.length]);
            at = p.text.indexOf(h, at + h.length);
          }
        }
      } else if (marked.has(fold(p.text))) {
        marks.push([p.start, p.end]);
      }
    }
    marks.sort((a, b) => a[0] - b[0]);
    const width = excerptLength * (hans.length ? 3 : 7);
    // The window holding the most marks, starting a little before its first.
    let best = 0;
    let bestCount = 0;
    for (let i = 0; i < marks.length; i++) {
      let count = 0;
      for (let j = i; j < marks.length && marks[j][1] <= marks[i][0] + width; j++) count++;
      if (count > bestCount) {
        best = i;
        bestCount = count;
      }
    }
    let start = marks.length ? Math.max(0, marks[best][0] - Math.floor(width / 5)) : 0;
    if (start > 0) {
      const space = text.slice(start, marks[best][0]).search(/\s/);
      if (space !== -1) start += space + 1;
    }
    let end = Math.min(text.length, start + width);
    if (end < text.length) {
      const space = text.slice(start, end).search(/\s\S*$/);
      if (space > 0 && (!marks.length || start + space >= marks[best][1])) end = start + space;
    }
    let out = "";
    let at = start;
    for (const [s, e] of marks) {
      if (s < at || e > end) continue;
      out += escapeText(text.slice(at, s)) + "<mark>" + escapeText(text.slice(s, e)) + "</mark>";
      at = e;
    }
    out += escapeText(text.slice(at, end));
    return out.replace(/\s+/g, " ").trim();
  }

  async function search(query) {
    const meta = await head;
    const wanted = terms(query);
    if (!wanted.length) return { results: [] };
    const matches = await Promise.all(wanted.map((t) => match(t, meta)));
    // Pages every term matched, scored by the sum.
    let found = null;
    for (const { scores } of matches) {
      if (found === null) {
        found = new Map(scores);
        continue;
      }
      for (const [page, score] of found) {
        if (scores.has(page)) found.set(page, score + scores.get(page));
        else found.delete(page);
      }
    }
    const marked = new Set();
    for (const m of matches) for (const s of m.marked) marked.add(s);
    const hans = Array.from(new Set(wanted.filter((t) => t.han).map((t) => t.han)));
    const ranked = Array.from(found).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    return {
      results: ranked.map(([page, score]) => ({
        id: page,
        score,
        data: async () => {
          const [url, title, fallback] = meta.pages[page];
          const chunk = await once(`t/${Math.floor(page / meta.chunk)}.json`);
          const result = {
            url: new URL(url, new URL(base, document.baseURI)).pathname,
            meta: { title },
            excerpt: excerpt(chunk[page % meta.chunk], marked, hans),
          };
          if (fallback) result.meta.fallback = "1";
          return result;
        },
      })),
    };
  }

  return { search, ready: head.then(() => true) };
}
